package org.latentwalk.core.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;

/**
 * Saves and reads back training checkpoints, for any model provider's trainer. A checkpoint is an
 * ordinary model directory ({@link ModelStore}) whose model also carries what training needs to go
 * on, e.g. its optimizer state; the model decides what that is.
 *
 * <p>A trainer calls {@link #save} after each epoch and, when asked to resume, {@link
 * #readIfPresent} before the first one. This class does the part every trainer shares: finding the
 * model, loading and verifying it, and checking that it is the trainer's own kind of model and
 * resumable. Checks only the model can make (same architecture, same training data) stay with the
 * trainer.
 *
 * <p>Providers are discovered with the model class's own class loader, so a model from a plugin jar
 * finds its own provider when the checkpoint is read back.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * Saves {@code model} as the checkpoint in {@code dir}, atomically replacing the one there.
   *
   * @param what the kind of model in messages, e.g. {@code VAE}
   * @throws UncheckedIOException if {@code dir} cannot be written, naming it
   * @throws ModelFormatException if {@code dir} exists but holds something other than a model
   */
  public static void save(GenerativeModel model, Path dir, String what) {
    requireNonNull(model, "model is null");
    requireNonNull(what, "what is null");
    try {
      store(model.getClass()).save(model, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the " + what + " checkpoint to " + dir, e);
    }
  }

  /**
   * Reads the checkpoint in {@code dir} to resume training from it.
   *
   * @param dir the checkpoint directory
   * @param type the class of the trainer's models
   * @param resumable tells whether a model of {@code type} can continue training, e.g. whether it
   *     carries its optimizer state
   * @param what the kind of model in messages, e.g. {@code VAE}
   * @param progress told, when {@code dir} holds no model yet, that training starts from scratch
   * @return the model in {@code dir}, or empty if there is none (a first run)
   * @throws LatentwalkException if the model in {@code dir} is not a {@code type} or not {@code
   *     resumable}, naming the directory and the provider that made the model
   * @throws ModelFormatException if the model in {@code dir} is corrupt or its provider is missing
   * @throws UncheckedIOException if {@code dir} cannot be read, naming it
   */
  public static <T extends GenerativeModel> Optional<T> readIfPresent(
      Path dir,
      Class<T> type,
      Predicate<? super T> resumable,
      String what,
      ProgressListener progress) {
    requireNonNull(dir, "dir is null");
    requireNonNull(resumable, "resumable is null");
    requireNonNull(what, "what is null");
    if (!ModelStore.isModelDir(dir)) {
      progress.message("No checkpoint in " + dir + "; training from the start");
      return Optional.empty();
    }
    LoadedModel loaded;
    try {
      loaded = store(type).load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoint in " + dir, e);
    }
    if (!type.isInstance(loaded.model()) || !resumable.test(type.cast(loaded.model()))) {
      throw new LatentwalkException(
          "The model in "
              + dir
              + " is not a resumable "
              + what
              + " checkpoint (provider '"
              + loaded.manifest().model().provider()
              + "', no optimizer state); drop --resume or choose another directory");
    }
    return Optional.of(type.cast(loaded.model()));
  }

  private static ModelStore store(Class<?> modelClass) {
    ClassLoader loader = modelClass.getClassLoader();
    return new ModelStore(
        PluginRegistry.discover(
            loader != null ? loader : ClassLoader.getSystemClassLoader(), Optional.empty()));
  }
}

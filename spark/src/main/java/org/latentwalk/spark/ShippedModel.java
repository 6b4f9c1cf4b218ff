package org.latentwalk.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedClassifier;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.io.Hashing;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model-store directory as bytes (file name → content), broadcast to executors and rebuilt there
 * through the model store — so any plugin model on the executors' class path works, and nothing but
 * the store's own files crosses the wire (no Java-serialized model objects).
 *
 * <p>Rebuilt models are cached per executor JVM in a static map keyed by kind and the checksum of
 * the manifest (which lists every weight file's SHA-256). That cache is the one piece of static
 * state in latentwalk, and it is deliberate: tasks are short-lived objects Spark creates for every
 * partition, and the executor JVM is the only scope in which a model can be loaded once and shared
 * by all tasks that run there; the key makes a changed model a different entry.
 */
public final class ShippedModel implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ShippedModel.class);

  /** Per-executor-JVM cache of rebuilt models; see the class comment. */
  private static final Map<String, Object> EXECUTOR_CACHE = new ConcurrentHashMap<>();

  /** Where the model was read from, for messages. */
  private final String source;

  /** SHA-256 of the manifest: with the kind, the executor cache's key. */
  private final String checksum;

  /** The store directory's files, by name. */
  private final Map<String, byte[]> files;

  private ShippedModel(String source, String checksum, Map<String, byte[]> files) {
    this.source = source;
    this.checksum = checksum;
    this.files = files;
  }

  /**
   * Reads the files of a model directory.
   *
   * @throws LatentwalkException if {@code dir} is not a model directory
   */
  public static ShippedModel read(Path dir) {
    if (!ModelStore.isModelDir(dir)) {
      throw new LatentwalkException(
          "No model in "
              + dir
              + " (no "
              + ModelStore.MANIFEST
              + "); pass a directory written by 'latentwalk train'");
    }
    try (Stream<Path> s = Files.list(dir)) {
      TreeMap<String, byte[]> files = new TreeMap<>();
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
      return new ShippedModel(
          dir.toString(), Hashing.sha256Hex(dir.resolve(ModelStore.MANIFEST)), files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the SHA-256 of the model's manifest, which identifies the model. */
  public String checksum() {
    return checksum;
  }

  /** Returns the total size of the files in bytes. */
  public long bytes() {
    return files.values().stream().mapToLong(b -> b.length).sum();
  }

  /** Returns the generative model, rebuilt once per JVM. */
  public GenerativeModel generative() {
    return (GenerativeModel)
        EXECUTOR_CACHE.computeIfAbsent(
            "generative:" + checksum,
            k -> restore((store, dir) -> CheckedModel.wrap(store.load(dir).model(), source)));
  }

  /** Returns the classifier, rebuilt once per JVM. */
  public Classifier classifier() {
    return (Classifier)
        EXECUTOR_CACHE.computeIfAbsent(
            "classifier:" + checksum,
            k ->
                restore((store, dir) -> CheckedClassifier.wrap(store.loadClassifier(dir), source)));
  }

  private interface Loader {
    Object load(ModelStore store, Path dir) throws IOException;
  }

  private Object restore(Loader loader) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("latentwalk-model-");
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Files.write(dir.resolve(e.getKey()), e.getValue());
      }
      long t0 = System.nanoTime();
      Object m = loader.load(new ModelStore(PluginRegistry.classpath()), dir);
      LOG.info(
          "Restored model {} ({} bytes) in {} ms",
          source,
          bytes(),
          (System.nanoTime() - t0) / 1_000_000);
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restore model " + source + " on this executor", e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("Could not delete {}", dir, e);
    }
  }
}

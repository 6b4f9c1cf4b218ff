package org.latentwalk.core.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.NamedProvider;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.io.Hashing;
import org.latentwalk.core.io.HeapBudget;
import org.latentwalk.core.io.OutputException;
import org.latentwalk.core.io.OutputFiles;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.StoredModel;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.plugin.Providers;
import org.latentwalk.core.plugin.UnknownProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads models as directories: {@code model.json} plus checksummed weight files.
 *
 * <p>A save writes a temporary sibling directory, syncs it, and only then swaps it in by renames,
 * so a crash leaves the previous model loadable (a save interrupted between the two renames is
 * recovered on the next load). A load verifies the provider, format version and every file's
 * SHA-256 before the provider reads anything. Nothing read back is Java-deserialized.
 *
 * <p>Everything a save of {@code DIR} puts beside it is a hidden sibling named after it: {@code
 * .DIR.tmp-p<pid>-<n>} (the new model while it is written), {@code .DIR.old-<millis>-p<pid>} (the
 * previous model between the two renames) and {@code .DIR.del-<millis>-p<pid>} (something being
 * deleted). The pid is the writing process's: {@link #removeLeftovers} removes those whose process
 * is gone and leaves those of a process still running. Training keeps its checkpoints in {@link
 * #checkpointDir} {@code .DIR.checkpoint}, never in {@code DIR}.
 */
public final class ModelStore {
  /** File name of the manifest in a model directory. */
  public static final String MANIFEST = "model.json";

  /** Version of the manifest layout written by this store. */
  public static final int MANIFEST_VERSION = 1;

  /** Manifest {@code kind} of a generative model. */
  public static final String KIND_GENERATIVE = "generative";

  /** Manifest {@code kind} of a classifier. */
  public static final String KIND_CLASSIFIER = "classifier";

  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final long MAX_MANIFEST_BYTES = 16L << 20;
  private static final String CHECKPOINT = ".checkpoint";

  private final PluginRegistry registry;
  private final ObjectMapper json;

  /** Creates a store that finds model providers in {@code registry}. */
  public ModelStore(PluginRegistry registry) {
    this.registry = java.util.Objects.requireNonNull(registry, "registry is null");
    this.json =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * Saves {@code model} (a generative model or a classifier) into {@code dir}, replacing a model
   * already there.
   *
   * @return the manifest written
   * @throws ModelFormatException if {@code dir} exists but is not a model directory
   * @throws OutputException naming {@code dir} and the reason if it cannot be written
   */
  public ModelManifest save(StoredModel model, Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    try {
      return saveInto(model, target);
    } catch (OutputException e) {
      throw e;
    } catch (IOException e) {
      throw new OutputException("save the model to", target, e);
    }
  }

  private ModelManifest saveInto(StoredModel model, Path target) throws IOException {
    if (Files.exists(target) && !isModelDir(target) && !isEmptyDir(target)) {
      throw new ModelFormatException(
          target
              + " exists and is not a latentwalk model directory (no "
              + MANIFEST
              + "); choose a new or empty directory so nothing in it is overwritten");
    }
    Path parent = target.getParent();
    Files.createDirectories(parent);
    for (String removed : removeLeftovers(target)) {
      LOG.warn(removed);
    }
    Path tmp = OutputFiles.newTempDirectory(target);
    try {
      Map<String, String> sums = new TreeMap<>();
      ChecksummingWriter writer = new ChecksummingWriter(tmp, sums);
      model.writeWeights(writer);
      writer.checkAllClosed();
      ModelManifest manifest =
          new ModelManifest(
              MANIFEST_VERSION,
              model instanceof Classifier ? KIND_CLASSIFIER : KIND_GENERATIVE,
              Latentwalk.version(),
              System.getProperty("java.version"),
              Instant.now().toString(),
              model.descriptor(),
              sums);
      Path manifestFile = tmp.resolve(MANIFEST);
      try (OutputStream out = Files.newOutputStream(manifestFile)) {
        json.writeValue(out, manifest);
      }
      for (String f : sums.keySet()) {
        fsync(tmp.resolve(f));
      }
      fsync(manifestFile);
      swapIn(tmp, target);
      return manifest;
    } catch (IOException | RuntimeException | Error e) {
      deleteRecursively(tmp);
      throw e;
    }
  }

  /**
   * Reads {@code model.json} from {@code dir}.
   *
   * @throws ModelFormatException if it is missing, unreadable or of a newer layout
   */
  public ModelManifest readManifest(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    recoverInterruptedSave(target);
    Path file = target.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(
          target
              + " is not a latentwalk model directory (no "
              + MANIFEST
              + "); train one with 'latentwalk train --model NAME --dataset NAME --out DIR'");
    }
    if (Files.size(file) > MAX_MANIFEST_BYTES) {
      throw new ModelFormatException(
          file
              + " is "
              + HeapBudget.format(Files.size(file))
              + ", larger than any manifest ("
              + HeapBudget.format(MAX_MANIFEST_BYTES)
              + "); the file is corrupt");
    }
    ModelManifest m;
    String text;
    try {
      // decoded strictly as UTF-8 here, so Jackson never guesses an encoding from the first bytes
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ModelFormatException(file + " is not UTF-8 text; the file is corrupt", e);
    }
    try {
      m = json.readValue(text, ModelManifest.class);
    } catch (ValueInstantiationException e) {
      // A record constructor refused the values: its message names the field (e.g. a missing
      // 'classNames'); the path says in which object.
      String where =
          e.getPath().stream()
              .map(JsonMappingException.Reference::getFieldName)
              .filter(java.util.Objects::nonNull)
              .collect(java.util.stream.Collectors.joining("."));
      Throwable why = e.getCause() != null ? e.getCause() : e;
      throw new ModelFormatException(
          "Cannot read "
              + file
              + (where.isEmpty() ? "" : " ('" + where + "')")
              + ": "
              + String.valueOf(why.getMessage()).lines().findFirst().orElse("")
              + "; the file is corrupt or not written by latentwalk (restore it or retrain the"
              + " model)",
          e);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new ModelFormatException(
          "Cannot parse "
              + file
              + ": "
              + e.getMessage().lines().findFirst().orElse("")
              + "; the file is corrupt",
          e);
    }
    if (m == null || m.model() == null) {
      throw new ModelFormatException(file + " has no model descriptor; the file is corrupt");
    }
    if (m.manifestVersion() > MANIFEST_VERSION) {
      throw new ModelFormatException(
          file
              + " has manifest version "
              + m.manifestVersion()
              + " but this latentwalk "
              + Latentwalk.version()
              + " reads up to "
              + MANIFEST_VERSION
              + "; upgrade latentwalk");
    }
    return m;
  }

  /**
   * Loads the generative model in {@code dir}: reads the manifest, finds its provider, verifies
   * every weight file's checksum and lets the provider rebuild the model.
   */
  public LoadedModel load(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    ModelManifest m = readManifest(target, KIND_GENERATIVE);
    ModelProvider provider = provider(registry.models(), m, target);
    WeightReader reader = verify(target, m, provider.formatVersion());
    return new LoadedModel(target, m, rebuild(target, m, () -> provider.load(m.model(), reader)));
  }

  /** Loads the classifier in {@code dir}, verified as in {@link #load}. */
  public Classifier loadClassifier(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    ModelManifest m = readManifest(target, KIND_CLASSIFIER);
    ClassifierProvider provider = provider(registry.classifiers(), m, target);
    WeightReader reader = verify(target, m, provider.formatVersion());
    return rebuild(target, m, () -> provider.load(m.model(), reader));
  }

  /** What a provider does to rebuild a model from its verified files. */
  private interface Rebuild<T> {
    T run() throws IOException;
  }

  /**
   * Runs a provider's load; what it throws other than a {@link LatentwalkException} (a weight file
   * the manifest does not list, a tensor of the wrong shape, ...) becomes a {@link
   * ModelFormatException} naming the directory and the provider.
   */
  private static <T> T rebuild(Path target, ModelManifest m, Rebuild<T> load) {
    try {
      return load.run();
    } catch (LatentwalkException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(
          "Provider '"
              + m.model().provider()
              + "' cannot read the model in "
              + target
              + ": "
              + (e.getMessage() != null ? e.getMessage() : e.toString())
              + "; the model directory is incomplete or corrupt: restore it or retrain the model",
          e);
    }
  }

  private ModelManifest readManifest(Path target, String kind) throws IOException {
    ModelManifest m = readManifest(target);
    if (!kind.equals(m.kind())) {
      throw new ModelFormatException(
          target
              + " holds a "
              + m.kind()
              + " model ('"
              + m.model().provider()
              + "'), not a "
              + kind
              + " one");
    }
    return m;
  }

  private static <T extends NamedProvider> T provider(
      Providers<T> providers, ModelManifest m, Path target) {
    String providerName = m.model().provider();
    try {
      return providers.get(providerName);
    } catch (UnknownProviderException e) {
      throw new ModelFormatException(
          "The model in "
              + target
              + " was made by provider '"
              + providerName
              + "', which is not installed. "
              + e.getMessage(),
          e);
    }
  }

  private static WeightReader verify(Path target, ModelManifest m, int providerFormat)
      throws IOException {
    if (m.model().formatVersion() > providerFormat) {
      throw new ModelFormatException(
          "The model in "
              + target
              + " uses '"
              + m.model().provider()
              + "' weight format "
              + m.model().formatVersion()
              + " but the installed provider reads up to "
              + providerFormat
              + "; upgrade the provider");
    }
    long total = 0;
    for (Map.Entry<String, String> f : m.files().entrySet()) {
      if (!FILE_NAME.matcher(f.getKey()).matches()) {
        throw new ModelFormatException(
            target.resolve(MANIFEST) + " lists an invalid weight file name '" + f.getKey() + "'");
      }
      Path file = target.resolve(f.getKey());
      if (!Files.isRegularFile(file)) {
        throw new ModelFormatException(
            "Weight file "
                + file
                + " listed in "
                + MANIFEST
                + " is missing; restore it or retrain the model");
      }
      total += Files.size(file);
      String actual = Hashing.sha256Hex(file);
      if (!actual.equalsIgnoreCase(f.getValue())) {
        throw new ModelFormatException(
            "Weight file "
                + file
                + " is corrupt: SHA-256 expected "
                + f.getValue()
                + ", got "
                + actual
                + "; restore it or retrain the model");
      }
    }
    // a provider holds a file's bytes and what it decodes from them at once
    String tooLarge = HeapBudget.shortfall("The weight files of the model in " + target, 2 * total);
    if (tooLarge != null) {
      throw new ModelFormatException(tooLarge);
    }
    return new VerifiedReader(target, m.files().keySet());
  }

  /**
   * Returns where training into {@code modelDir} keeps its checkpoints: the hidden sibling {@code
   * .NAME.checkpoint} of a model directory {@code NAME}, so the model in {@code NAME} stays intact
   * until the new one is complete.
   */
  public static Path checkpointDir(Path modelDir) {
    Path target = modelDir.toAbsolutePath().normalize();
    if (target.getFileName() == null) {
      throw new ModelFormatException(
          "A model directory cannot be the file system root; choose a directory such as ./model");
    }
    return target.resolveSibling("." + target.getFileName() + CHECKPOINT);
  }

  /**
   * Removes what interrupted runs left beside {@code dir}: temporary directories and backups of
   * saves whose process is gone (a save of a process still running is left alone), and the
   * checkpoint of a training run whose final model has since been saved into {@code dir} (the model
   * is newer than the checkpoint). A save interrupted between its two renames is first recovered,
   * as on a load.
   *
   * @return one line per removed entry, naming it
   */
  public List<String> removeLeftovers(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return List.of();
    }
    recoverInterruptedSave(target);
    List<String> removed = new java.util.ArrayList<>();
    for (Path p : OutputFiles.leftovers(target)) {
      if (OutputFiles.deleteRecursively(p)) {
        removed.add("Removed " + p + ", left by an interrupted save of " + target);
      } else {
        LOG.warn("Could not remove {}, left by an interrupted save of {}", p, target);
      }
    }
    Path checkpoint = checkpointDir(target);
    if (isModelDir(checkpoint) && isModelDir(target) && isStale(checkpoint, target)) {
      delete(checkpoint);
      removed.add(
          "Removed the checkpoint "
              + checkpoint
              + ", left by a training run whose final model was saved to "
              + target);
    }
    return removed;
  }

  /**
   * Deletes the directory {@code dir} so that an interruption never leaves half of it under its
   * name: it is renamed to a hidden {@code .NAME.del-...} sibling first, which {@link
   * #removeLeftovers} finishes if the deletion is cut short.
   */
  public void delete(Path dir) throws IOException {
    OutputFiles.delete(dir);
  }

  /**
   * Copies the model in {@code from} to {@code to} (replacing what is there), atomically as a save.
   * Only {@code model.json} and the weight files it lists are copied.
   */
  public void copy(Path from, Path to) throws IOException {
    Path source = from.toAbsolutePath().normalize();
    Path target = to.toAbsolutePath().normalize();
    ModelManifest m = readManifest(source);
    Files.createDirectories(target.getParent());
    Path tmp = OutputFiles.newTempDirectory(target);
    try {
      for (String f : m.files().keySet()) {
        if (!FILE_NAME.matcher(f).matches()) {
          throw new ModelFormatException(
              source.resolve(MANIFEST) + " lists an invalid weight file name '" + f + "'");
        }
        Files.copy(source.resolve(f), tmp.resolve(f));
        fsync(tmp.resolve(f));
      }
      Files.copy(source.resolve(MANIFEST), tmp.resolve(MANIFEST));
      fsync(tmp.resolve(MANIFEST));
      swapIn(tmp, target);
    } catch (IOException | RuntimeException | Error e) {
      deleteRecursively(tmp);
      throw e;
    }
  }

  private boolean isStale(Path checkpoint, Path target) {
    try {
      Instant saved = Instant.parse(readManifest(target).createdAt());
      Instant checkpointed = Instant.parse(readManifest(checkpoint).createdAt());
      return !saved.isBefore(checkpointed);
    } catch (IOException | RuntimeException e) {
      // unreadable or without a time: keep it, the user may still want it
      LOG.debug("Cannot compare {} with {}: {}", checkpoint, target, e.toString());
      return false;
    }
  }

  /** Returns true if {@code dir} holds a {@code model.json}. */
  public static boolean isModelDir(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void swapIn(Path tmp, Path target) throws IOException {
    OutputFiles.swapIn(tmp, target);
  }

  /** Restores the previous model if a save died between moving it aside and moving the new in. */
  private static void recoverInterruptedSave(Path target) throws IOException {
    if (Files.exists(target)
        || target.getParent() == null
        || !Files.isDirectory(target.getParent())) {
      return;
    }
    OutputFiles.recoverInterruptedSwap(target, ModelStore::isModelDir)
        .ifPresent(b -> LOG.warn("Restored {} from {} after an interrupted save", target, b));
  }

  private static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!OutputFiles.deleteRecursively(dir)) {
      LOG.warn("Could not remove temporary directory {}", dir);
    }
  }

  /** Writes weight files into the temporary directory, checksumming them as they are written. */
  private static final class ChecksummingWriter implements WeightWriter {
    private final Path dir;
    private final Map<String, String> sums;
    private final Set<String> open = new java.util.HashSet<>();

    ChecksummingWriter(Path dir, Map<String, String> sums) {
      this.dir = dir;
      this.sums = sums;
    }

    @Override
    public OutputStream create(String fileName) throws IOException {
      if (!FILE_NAME.matcher(fileName).matches() || fileName.equals(MANIFEST)) {
        throw new IllegalArgumentException(
            "Invalid weight file name '"
                + fileName
                + "': use letters, digits, '.', '_' or '-'"
                + " (not "
                + MANIFEST
                + ")");
      }
      if (sums.containsKey(fileName) || !open.add(fileName)) {
        throw new IllegalArgumentException("Weight file '" + fileName + "' written twice");
      }
      MessageDigest md = Hashing.sha256();
      OutputStream file =
          Files.newOutputStream(dir.resolve(fileName), StandardOpenOption.CREATE_NEW);
      return new FilterOutputStream(new java.io.BufferedOutputStream(file, 1 << 16)) {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          md.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          md.update(b, off, len);
        }

        @Override
        public void close() throws IOException {
          if (closed) {
            return;
          }
          closed = true;
          super.close();
          open.remove(fileName);
          sums.put(fileName, Hashing.hex(md));
        }
      };
    }

    void checkAllClosed() {
      if (!open.isEmpty()) {
        throw new IllegalStateException("Weight files not closed by the model: " + open);
      }
    }
  }

  /** Opens only files listed (and verified) in the manifest. */
  private record VerifiedReader(Path dir, Set<String> names) implements WeightReader {
    @Override
    public Set<String> fileNames() {
      return Set.copyOf(names);
    }

    @Override
    public InputStream open(String fileName) throws IOException {
      if (!names.contains(fileName)) {
        throw new FileNotFoundException(
            "Weight file '"
                + fileName
                + "' is not part of the model in "
                + dir
                + " (it has "
                + new java.util.TreeSet<>(names)
                + ")");
      }
      try {
        return Files.newInputStream(dir.resolve(fileName));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("Weight file " + dir.resolve(fileName) + " is missing");
      }
    }
  }
}

package org.latentwalk.core.store;

import java.util.Map;
import java.util.TreeMap;
import org.latentwalk.core.model.ModelDescriptor;

/**
 * The content of {@code model.json}.
 *
 * @param manifestVersion version of this manifest layout ({@link ModelStore#MANIFEST_VERSION})
 * @param kind {@code generative} or {@code classifier}
 * @param latentwalkVersion the latentwalk version that saved the model
 * @param javaVersion the Java version that saved the model
 * @param createdAt ISO-8601 instant of the save
 * @param model the model's descriptor: provider, hyperparameters, data, seed, metrics
 * @param files SHA-256 (lowercase hex) of every weight file, by file name
 */
public record ModelManifest(
    int manifestVersion,
    String kind,
    String latentwalkVersion,
    String javaVersion,
    String createdAt,
    ModelDescriptor model,
    Map<String, String> files) {
  /** Defensively copies. */
  public ModelManifest {
    kind = kind == null ? ModelStore.KIND_GENERATIVE : kind;
    files = Map.copyOf(new TreeMap<>(files == null ? Map.of() : files));
  }
}

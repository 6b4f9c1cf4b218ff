package org.latentwalk.core.store;

import java.nio.file.Path;
import org.latentwalk.core.model.GenerativeModel;

/**
 * A model read back from the store, with its manifest and directory.
 *
 * @param directory the model directory
 * @param manifest its {@code model.json}
 * @param model the rebuilt model
 */
public record LoadedModel(Path directory, ModelManifest manifest, GenerativeModel model) {}

package org.latentwalk.core.check;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;

/**
 * A {@link GenerativeModel} whose every output is checked before the caller sees it: {@code encode}
 * returns one code of {@link #latentDimension()} finite values per image; {@code decode}, {@code
 * sample} and {@code sampleClass} return the asked number of images of {@link #imageShape()},
 * finite, with pixels in [0, 1]; {@code decodeGradient} returns one finite gradient of {@link
 * #latentDimension()} values per code; {@code classProbabilities} returns one row per image and one
 * column per class, each in [0, 1], summing to 1. A violation throws a {@link ModelOutputException}
 * naming the model, its provider, the method and the first offending value — a plugin's bug becomes
 * one clear error instead of NaN tables or black images.
 */
public final class CheckedModel implements GenerativeModel {
  private final GenerativeModel model;
  private final OutputCheck check;

  private CheckedModel(GenerativeModel model, String name) {
    this.model = model;
    this.check =
        new OutputCheck("model '" + name + "' (provider '" + model.descriptor().provider() + "')");
  }

  /**
   * Returns {@code model} with checked outputs ({@code model} itself if it already is checked).
   *
   * @param name how messages name the model, e.g. its directory
   */
  public static GenerativeModel wrap(GenerativeModel model, String name) {
    requireNonNull(model, "model is null");
    requireNonNull(name, "name is null");
    return model instanceof CheckedModel ? model : new CheckedModel(model, name);
  }

  /** Returns the wrapped model. */
  public GenerativeModel unwrap() {
    return model;
  }

  @Override
  public ModelDescriptor descriptor() {
    return model.descriptor();
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    model.writeWeights(out);
  }

  @Override
  public Set<Capability> capabilities() {
    return model.capabilities();
  }

  @Override
  public int latentDimension() {
    return model.latentDimension();
  }

  @Override
  public ImageShape imageShape() {
    return model.imageShape();
  }

  @Override
  public List<String> classNames() {
    return model.classNames();
  }

  @Override
  public boolean can(Capability capability) {
    return model.can(capability);
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    FloatMatrix z = model.encode(images);
    check.shape("encode", z, images.rows(), "images", latentDimension(), "the latent dimension");
    check.values("encode", z, false, "code");
    return z;
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    return images("decode", model.decode(latents), latents.rows(), "latent codes");
  }

  @Override
  public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    FloatMatrix g = model.decodeGradient(latents, pixelGradient);
    check.shape(
        "decodeGradient",
        g,
        latents.rows(),
        "latent codes",
        latentDimension(),
        "the latent dimension");
    check.values("decodeGradient", g, false, "gradient");
    return g;
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    return images("sample", model.sample(n, seed), n, "requested samples");
  }

  @Override
  public FloatMatrix sampleClass(int classIndex, int n, long seed) {
    return images("sampleClass", model.sampleClass(classIndex, n, seed), n, "requested samples");
  }

  @Override
  public FloatMatrix classProbabilities(FloatMatrix images) {
    FloatMatrix p = model.classProbabilities(images);
    check.shape(
        "classProbabilities",
        p,
        images.rows(),
        "images",
        classNames().size(),
        "the number of classes");
    check.values("classProbabilities", p, true, "probability");
    check.rowSums("classProbabilities", p);
    return p;
  }

  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    return model.evaluate(data);
  }

  private FloatMatrix images(String method, FloatMatrix out, int rows, String rowsOf) {
    ImageShape shape = imageShape();
    check.shape(method, out, rows, rowsOf, shape.size(), "the image size " + shape);
    check.values(method, out, true, "pixel");
    return out;
  }

  @Override
  public String toString() {
    return "checked " + model;
  }
}

package org.latentwalk.interpolation.inversion;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.EnumSet;
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
import org.latentwalk.core.progress.ProgressListener;

/**
 * A model whose {@code encode} is {@link Inverter inversion} through its decoder; everything else
 * is the wrapped model's. It lists {@link Capability#ENCODE} whatever the wrapped model lists, so
 * decoder-only models can be walked. Thread-safe as the wrapped model is.
 */
public final class InvertingModel implements GenerativeModel {
  private final GenerativeModel model;
  private final Inverter inverter;
  private final ProgressListener progress;

  /** Wraps {@code model}; use {@link EncoderChoice#apply}, which checks the model first. */
  InvertingModel(GenerativeModel model, Inverter inverter, ProgressListener progress) {
    this.model = requireNonNull(model, "model is null");
    this.inverter = requireNonNull(inverter, "inverter is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** Returns the wrapped model. */
  public GenerativeModel unwrap() {
    return model;
  }

  /** Returns the inversion's options. */
  public InversionOptions options() {
    return inverter.options();
  }

  /** Fits codes to {@code images} (see {@link Inverter}); returns the fit with its errors. */
  public Inversion invert(FloatMatrix images) {
    return inverter.invert(model, images, progress);
  }

  /** Returns the codes {@link #invert} fits. */
  @Override
  public FloatMatrix encode(FloatMatrix images) {
    return invert(images).codes();
  }

  @Override
  public Set<Capability> capabilities() {
    Set<Capability> c = EnumSet.of(Capability.ENCODE);
    c.addAll(model.capabilities());
    return c;
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
  public FloatMatrix decode(FloatMatrix latents) {
    return model.decode(latents);
  }

  @Override
  public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    return model.decodeGradient(latents, pixelGradient);
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    return model.sample(n, seed);
  }

  @Override
  public FloatMatrix sampleClass(int classIndex, int n, long seed) {
    return model.sampleClass(classIndex, n, seed);
  }

  @Override
  public FloatMatrix classProbabilities(FloatMatrix images) {
    return model.classProbabilities(images);
  }

  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    return model.evaluate(data);
  }

  @Override
  public String toString() {
    return "inverting " + model;
  }
}

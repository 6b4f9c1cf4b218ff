package org.latentwalk.core.model;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;

/**
 * A {@link GenerativeModel} that passes every call to another one: a base for wrappers that change
 * one or two things (how it encodes, what it lists) and keep the rest. Thread-safe as the wrapped
 * model is.
 */
public abstract class ForwardingModel implements GenerativeModel {
  private final GenerativeModel delegate;

  /** Wraps {@code delegate}. */
  protected ForwardingModel(GenerativeModel delegate) {
    this.delegate = requireNonNull(delegate, "delegate is null");
  }

  /** Returns the wrapped model. */
  protected final GenerativeModel delegate() {
    return delegate;
  }

  @Override
  public ModelDescriptor descriptor() {
    return delegate.descriptor();
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    delegate.writeWeights(out);
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public int latentDimension() {
    return delegate.latentDimension();
  }

  @Override
  public ImageShape imageShape() {
    return delegate.imageShape();
  }

  @Override
  public List<String> classNames() {
    return delegate.classNames();
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    return delegate.encode(images);
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    return delegate.decode(latents);
  }

  @Override
  public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    return delegate.decodeGradient(latents, pixelGradient);
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    return delegate.sample(n, seed);
  }

  @Override
  public FloatMatrix sampleClass(int classIndex, int n, long seed) {
    return delegate.sampleClass(classIndex, n, seed);
  }

  @Override
  public FloatMatrix classProbabilities(FloatMatrix images) {
    return delegate.classProbabilities(images);
  }

  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    return delegate.evaluate(data);
  }
}

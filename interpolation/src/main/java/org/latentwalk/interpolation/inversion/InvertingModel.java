package org.latentwalk.interpolation.inversion;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.ForwardingModel;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.progress.ProgressListener;

/**
 * A model whose {@code encode} is {@link Inverter inversion} through its decoder; everything else
 * is the wrapped model's. It lists {@link Capability#ENCODE} whatever the wrapped model lists, so
 * decoder-only models can be walked. Thread-safe as the wrapped model is.
 */
public final class InvertingModel extends ForwardingModel {
  private final GenerativeModel model;
  private final Inverter inverter;
  private final ProgressListener progress;

  /** Wraps {@code model}; use {@link EncoderChoice#apply}, which checks the model first. */
  InvertingModel(GenerativeModel model, Inverter inverter, ProgressListener progress) {
    super(model);
    this.model = model;
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
  public String toString() {
    return "inverting " + model;
  }
}

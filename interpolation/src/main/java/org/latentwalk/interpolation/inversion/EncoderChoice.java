package org.latentwalk.interpolation.inversion;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.stream.Collectors;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.progress.ProgressListener;

/**
 * Where the codes of images come from: the model's own encoder, or {@link Inverter inversion}
 * through its decoder. {@link #apply} returns a model whose {@code encode} is the chosen one, so
 * every walk, map and metric works unchanged on top of it.
 */
public enum EncoderChoice {
  /** The model's {@code encode}, E(x). */
  MODEL,
  /** Codes fitted by gradient descent through {@code decode} ({@link Inverter}). */
  INVERT;

  /** Returns the lowercase id users type, {@code model} or {@code invert}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the choice named {@code id} ({@code model} or {@code invert}).
   *
   * @throws LatentwalkException naming the valid choices
   */
  public static EncoderChoice of(String id) {
    for (EncoderChoice c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new LatentwalkException(
        "Unknown encoder '" + id + "'; choose model (the model's encoder) or invert (inversion)");
  }

  /**
   * Returns {@code model} with this choice's {@code encode}: the model itself for {@link #MODEL},
   * an {@link InvertingModel} for {@link #INVERT}.
   *
   * @throws LatentwalkException if the model lacks what the choice needs, saying what it lacks and
   *     what to use instead
   */
  public GenerativeModel apply(
      GenerativeModel model, InversionOptions options, ProgressListener progress) {
    requireNonNull(model, "model is null");
    if (this == MODEL) {
      if (!model.can(Capability.ENCODE)) {
        throw new LatentwalkException(
            model.can(Capability.DECODE_GRADIENT)
                ? who(model)
                    + " has no encoder (its capabilities: "
                    + capabilities(model)
                    + "); use --encoder invert to fit codes through its decoder"
                : neither(model));
      }
      return model;
    }
    requireInvertible(model);
    return new InvertingModel(model, new Inverter(options), progress);
  }

  /** Fails unless {@code model} lists {@link Capability#DECODE_GRADIENT}. */
  static void requireInvertible(GenerativeModel model) {
    if (model.can(Capability.DECODE_GRADIENT)) {
      return;
    }
    if (!model.can(Capability.ENCODE)) {
      throw new LatentwalkException(neither(model));
    }
    throw new LatentwalkException(
        who(model)
            + " cannot be inverted: it does not list 'decode-gradient' (its capabilities: "
            + capabilities(model)
            + "); use --encoder model, its own encoder");
  }

  private static String neither(GenerativeModel model) {
    return who(model)
        + " has neither an encoder ('encode') nor the decoder's gradient ('decode-gradient') that"
        + " inversion needs (its capabilities: "
        + capabilities(model)
        + "), so images cannot be mapped to codes; choose a model that lists one of them in"
        + " 'latentwalk models'";
  }

  private static String who(GenerativeModel model) {
    return "Model '" + model.descriptor().provider() + "'";
  }

  private static String capabilities(GenerativeModel model) {
    return model.capabilities().stream()
        .sorted()
        .map(Capability::id)
        .collect(Collectors.joining(", "));
  }
}

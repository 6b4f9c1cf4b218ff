package org.latentwalk.models.nn.optim;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.latentwalk.models.nn.kernel.Kernels;

/**
 * Adam (Kingma and Ba) over {@link ParameterGroup}s: one step count shared by every group, an
 * update per group (or per layer of a group, so a training step can update each layer as soon as
 * its gradient is complete). With {@code t} the step count, an update is {@code m ← β1 m + (1−β1)
 * g}, {@code v ← β2 v + (1−β2) g²}, {@code p ← p − lr/(1 − β1^t) · m / (sqrt(v)/sqrt(1 − β2^t) +
 * ε)} — PyTorch's formula. Not thread-safe, but updates of disjoint groups or layers may run
 * concurrently.
 */
public final class Adam {
  private final Kernels kernels;
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private long step;

  /**
   * Creates the optimizer at step 0.
   *
   * @throws IllegalArgumentException if a setting is out of range
   */
  public Adam(Kernels kernels, double learningRate, double beta1, double beta2, double epsilon) {
    this.kernels = requireNonNull(kernels, "kernels is null");
    if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "Adam needs learning rate > 0 and betas in [0, 1), got "
              + learningRate
              + ", "
              + beta1
              + ", "
              + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("Adam's epsilon must be positive, got " + epsilon);
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** Returns the steps taken. */
  public long step() {
    return step;
  }

  /** Sets the steps taken (resuming). */
  public void setStep(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("Adam step count must be ≥ 0, got " + step);
    }
    this.step = step;
  }

  /** Advances the step count; call once per training step, before its updates. */
  public void nextStep() {
    step++;
  }

  /** Updates every parameter of {@code group} with its current gradients. */
  public void update(ParameterGroup group) {
    update(group, 0, group.size());
  }

  /**
   * Updates parameters {@code [from, from + count)} of {@code group}, e.g. one layer's (its weight,
   * bias and batch norm's γ, β: {@code update(group, layer.weightOffset(),
   * layer.parameterCount())}).
   *
   * @throws IllegalArgumentException if the range is not within the group, or the group's buffers
   *     or moments hold fewer than {@link ParameterGroup#size()} values or are not in native order
   * @throws IllegalStateException before the first {@link #nextStep()}
   */
  public void update(ParameterGroup group, int from, int count) {
    if (from < 0 || count < 0 || from > group.size() - count) {
      throw new IllegalArgumentException(
          "Parameters ["
              + from
              + ", "
              + ((long) from + count)
              + ") are not within the group's "
              + group.size());
    }
    if (step < 1) {
      throw new IllegalStateException("Call nextStep() before the first update");
    }
    ByteBuffer values = group.valueBytes();
    ByteBuffer gradients = group.gradientBytes();
    float[] first = group.firstMoments();
    float[] second = group.secondMoments();
    long bytes = 4L * group.size();
    if (values.capacity() < bytes
        || gradients.capacity() < bytes
        || first.length < group.size()
        || second.length < group.size()
        || values.order() != ByteOrder.nativeOrder()
        || gradients.order() != ByteOrder.nativeOrder()) {
      throw new IllegalArgumentException(
          "Parameter group "
              + group.getClass().getName()
              + " of size "
              + group.size()
              + " hands Adam "
              + values.capacity() / 4
              + " parameters and "
              + gradients.capacity() / 4
              + " gradients (native order: "
              + (values.order() == ByteOrder.nativeOrder())
              + ", "
              + (gradients.order() == ByteOrder.nativeOrder())
              + "), "
              + first.length
              + " and "
              + second.length
              + " moments; each must hold at least size() values, the buffers in native order");
    }
    double bc1 = 1 - Math.pow(beta1, (double) step);
    double bc2 = 1 - Math.pow(beta2, (double) step);
    kernels.adam(
        values,
        gradients,
        first,
        second,
        from,
        count,
        (float) beta1,
        (float) beta2,
        (float) epsilon,
        (float) (learningRate / bc1),
        (float) (1 / Math.sqrt(bc2)));
  }
}

package org.latentwalk.interpolation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.inject.Guice;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.interpolation.inject.InterpolationModule;

/** Mocked models and judges whose outputs are known exactly. */
final class Fixtures {
  private Fixtures() {}

  static InterpolationEngine engine() {
    return Guice.createInjector(new InterpolationModule()).getInstance(InterpolationEngine.class);
  }

  /** A model over 1×d "images" whose encoder and decoder are the identity. */
  static GenerativeModel identityModel(int d, List<String> classes) {
    GenerativeModel m = mock(GenerativeModel.class);
    ImageShape shape = ImageShape.grayscale(1, d);
    when(m.capabilities()).thenReturn(EnumSet.of(Capability.ENCODE, Capability.DECODE));
    when(m.can(any())).thenCallRealMethod();
    when(m.latentDimension()).thenReturn(d);
    when(m.imageShape()).thenReturn(shape);
    when(m.classNames()).thenReturn(classes);
    when(m.descriptor())
        .thenReturn(
            new ModelDescriptor(
                "identity", 1, Map.of(), d, shape, classes, "toy", "f", 1, Map.of()));
    when(m.encode(any())).thenAnswer(inv -> inv.getArgument(0));
    when(m.decode(any())).thenAnswer(inv -> inv.getArgument(0));
    return m;
  }

  /** A dataset of 1×d images from explicit rows. */
  static ImageDataset dataset(float[][] rows, int[] labels, List<String> classes) {
    return new ImageDataset(
        "toy", ImageShape.grayscale(1, rows[0].length), FloatMatrix.ofRows(rows), labels, classes);
  }

  /**
   * A judge over 1×2 inputs: P(class 1) = first value, P(class 0) = 1 − first value (two classes).
   */
  static Classifier firstValueJudge() {
    Classifier c = mock(Classifier.class);
    when(c.inputDimension()).thenReturn(2);
    when(c.probabilities(any()))
        .thenAnswer(
            inv -> {
              FloatMatrix x = inv.getArgument(0);
              float[] p = new float[x.rows() * 2];
              for (int i = 0; i < x.rows(); i++) {
                float v = Math.min(1f, Math.max(0f, x.get(i, 0)));
                p[2 * i] = 1 - v;
                p[2 * i + 1] = v;
              }
              return FloatMatrix.wrap(x.rows(), 2, p);
            });
    return c;
  }
}

package org.latentwalk.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;

class CheckedModelTest {
  private static final ModelDescriptor D =
      new ModelDescriptor(
          "fake",
          1,
          Map.of(),
          2,
          ImageShape.grayscale(2, 2),
          List.of("a", "b"),
          "d",
          "f",
          1,
          Map.of());

  /** A model whose every output is {@code out} applied to a correct one. */
  private record Fake(UnaryOperator<float[]> out, int cols) implements GenerativeModel {
    @Override
    public ModelDescriptor descriptor() {
      return D;
    }

    @Override
    public void writeWeights(WeightWriter w) throws IOException {}

    @Override
    public Set<Capability> capabilities() {
      return Set.of(Capability.values());
    }

    @Override
    public int latentDimension() {
      return 2;
    }

    private FloatMatrix make(int rows, int c, float v) {
      float[] a = new float[rows * c];
      java.util.Arrays.fill(a, v);
      float[] o = out.apply(a);
      return FloatMatrix.wrap(o.length / c, c, o);
    }

    @Override
    public FloatMatrix encode(FloatMatrix images) {
      return make(images.rows(), cols < 0 ? 2 : cols, 0.3f);
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      return make(latents.rows(), cols < 0 ? 4 : cols, 0.5f);
    }

    @Override
    public FloatMatrix sample(int n, long seed) {
      return make(n, cols < 0 ? 4 : cols, 0.5f);
    }

    @Override
    public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
      return make(latents.rows(), cols < 0 ? 2 : cols, -7f);
    }

    @Override
    public FloatMatrix classProbabilities(FloatMatrix images) {
      return make(images.rows(), cols < 0 ? 2 : cols, 0.5f);
    }
  }

  private static GenerativeModel checked(UnaryOperator<float[]> out) {
    return CheckedModel.wrap(new Fake(out, -1), "m1");
  }

  private static String fail(Runnable r) {
    return assertThrows(ModelOutputException.class, r::run).getMessage();
  }

  @Test
  void correctOutputsPassUnchanged() {
    GenerativeModel m = checked(a -> a);
    FloatMatrix z = m.encode(FloatMatrix.wrap(3, 4, new float[12]));
    assertEquals(3, z.rows());
    assertEquals(2, z.cols());
    assertEquals(0.5f, m.decode(z).get(2, 3));
    assertEquals(5, m.sample(5, 1).rows());
    assertEquals(1.0, m.classProbabilities(m.decode(z)).get(0, 0) * 2, 1e-6);
    assertSame(m, CheckedModel.wrap(m, "again"));
    FloatMatrix g = m.decodeGradient(z, FloatMatrix.wrap(3, 4, new float[12]));
    assertEquals(-7f, g.get(2, 1), "a gradient is not limited to [0, 1]");
  }

  @Test
  void decodeGradientOfWrongShapeOrNotFiniteIsRejected() {
    FloatMatrix z = FloatMatrix.wrap(3, 2, new float[6]);
    FloatMatrix up = FloatMatrix.wrap(3, 4, new float[12]);
    GenerativeModel wide = CheckedModel.wrap(new Fake(a -> a, 5), "m1");
    assertTrue(
        fail(() -> wide.decodeGradient(z, up))
            .contains(
                "decodeGradient returned 5 values per row, expected 2 (the latent dimension)"));
    GenerativeModel shortRows = checked(a -> java.util.Arrays.copyOf(a, 2));
    assertTrue(
        fail(() -> shortRows.decodeGradient(z, up))
            .contains("decodeGradient returned 1 rows for 3 latent codes"));
    GenerativeModel nan =
        checked(
            a -> {
              a[3] = Float.NaN;
              return a;
            });
    String msg = fail(() -> nan.decodeGradient(z, up));
    assertTrue(
        msg.startsWith(
            "model 'm1' (provider 'fake'): decodeGradient returned NaN at row 1, column 1"),
        msg);
  }

  @Test
  void nanInDecodeNamesModelProviderMethodRowAndColumn() {
    GenerativeModel m =
        checked(
            a -> {
              a[a.length - 1] = Float.NaN;
              return a;
            });
    String msg = fail(() -> m.decode(FloatMatrix.wrap(3, 2, new float[6])));
    assertTrue(
        msg.startsWith("model 'm1' (provider 'fake'): decode returned NaN at row 2, column 3"),
        msg);
  }

  @Test
  void infinityInEncodeIsRejected() {
    GenerativeModel m =
        checked(
            a -> {
              a[1] = Float.POSITIVE_INFINITY;
              return a;
            });
    String msg = fail(() -> m.encode(FloatMatrix.wrap(1, 4, new float[4])));
    assertTrue(msg.contains("encode returned Infinity at row 0, column 1"), msg);
  }

  @Test
  void wrongColumnCountIsRejected() {
    GenerativeModel m = CheckedModel.wrap(new Fake(a -> a, 10), "m1");
    String msg = fail(() -> m.decode(FloatMatrix.wrap(3, 2, new float[6])));
    assertTrue(msg.contains("decode returned 10 values per row, expected 4 (the image size"), msg);
    assertTrue(fail(() -> m.encode(FloatMatrix.wrap(1, 4, new float[4]))).contains("latent"));
    assertTrue(
        fail(() -> m.classProbabilities(FloatMatrix.wrap(1, 4, new float[4])))
            .contains("expected 2 (the number of classes)"));
  }

  @Test
  void wrongRowCountIsRejected() {
    GenerativeModel m = checked(a -> java.util.Arrays.copyOf(a, 4));
    String msg = fail(() -> m.sample(3, 1));
    assertTrue(msg.contains("sample returned 1 rows for 3 requested samples"), msg);
  }

  @Test
  void pixelsOutsideTheUnitRangeAreRejected() {
    GenerativeModel m =
        checked(
            a -> {
              a[0] = 255f;
              return a;
            });
    String msg = fail(() -> m.sample(2, 1));
    assertTrue(msg.contains("sample returned 255.0 at row 0, column 0, outside the pixel"), msg);
  }

  @Test
  void probabilitiesMustSumToOne() {
    GenerativeModel m =
        checked(
            a -> {
              a[2] = 0.1f;
              return a;
            });
    String msg = fail(() -> m.classProbabilities(FloatMatrix.wrap(2, 4, new float[8])));
    assertTrue(msg.contains("summing to 0.600000 in row 1"), msg);
  }

  @Test
  void checkedClassifierChecksProbabilitiesAndPredictsThroughThem() {
    Classifier bad =
        new Classifier() {
          @Override
          public ModelDescriptor descriptor() {
            return D;
          }

          @Override
          public void writeWeights(WeightWriter out) {}

          @Override
          public FloatMatrix probabilities(FloatMatrix inputs) {
            return FloatMatrix.wrap(inputs.rows(), 2, new float[inputs.rows() * 2]);
          }
        };
    Classifier c = CheckedClassifier.wrap(bad, "judge");
    String msg = fail(() -> c.predict(FloatMatrix.wrap(1, 2, new float[2])));
    assertTrue(msg.startsWith("classifier 'judge' (provider 'fake'): probabilities returned"), msg);
    assertSame(c, CheckedClassifier.wrap(c, "x"));
  }

  @Test
  void checkedClassifierChecksLogitsAndTheDefaultTakesLogProbabilities() {
    Classifier halves =
        new Classifier() {
          @Override
          public ModelDescriptor descriptor() {
            return D;
          }

          @Override
          public void writeWeights(WeightWriter out) {}

          @Override
          public FloatMatrix probabilities(FloatMatrix inputs) {
            float[] p = new float[inputs.rows() * 2];
            for (int i = 0; i < inputs.rows(); i++) {
              p[2 * i] = 0.25f;
              p[2 * i + 1] = i == 0 ? 0.75f : 0f; // row 1: a probability that underflowed
            }
            p[2] = 1f;
            return FloatMatrix.wrap(inputs.rows(), 2, p);
          }
        };
    FloatMatrix z =
        CheckedClassifier.wrap(halves, "judge").logits(FloatMatrix.wrap(2, 2, new float[4]));
    assertEquals((float) Math.log(0.25), z.get(0, 0));
    assertEquals((float) Math.log(0.75), z.get(0, 1));
    assertEquals(0f, z.get(1, 0));
    assertEquals((float) Math.log(Float.MIN_VALUE), z.get(1, 1)); // finite: about −103.3
    Classifier nan =
        new Classifier() {
          @Override
          public ModelDescriptor descriptor() {
            return D;
          }

          @Override
          public void writeWeights(WeightWriter out) {}

          @Override
          public FloatMatrix probabilities(FloatMatrix inputs) {
            return halves.probabilities(inputs);
          }

          @Override
          public FloatMatrix logits(FloatMatrix inputs) {
            return FloatMatrix.wrap(inputs.rows(), 2, new float[] {0, Float.NaN});
          }
        };
    String msg =
        fail(
            () ->
                CheckedClassifier.wrap(nan, "judge").logits(FloatMatrix.wrap(1, 2, new float[2])));
    assertTrue(msg.startsWith("classifier 'judge' (provider 'fake'): logits returned NaN"), msg);
  }
}

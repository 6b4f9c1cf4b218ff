package org.latentwalk.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FloatMatrixTest {
  private final FloatMatrix m = FloatMatrix.of(3, 2, new float[] {1, 2, 3, 4, 5, 6});

  @Test
  void accessesRowsAndValues() {
    assertEquals(4f, m.get(1, 1));
    assertArrayEquals(new float[] {5, 6}, m.row(2));
    assertArrayEquals(new float[] {3, 4, 5, 6}, m.slice(1, 3).toArray());
    assertArrayEquals(new float[] {5, 6, 1, 2}, m.select(new int[] {2, 0}).toArray());
    float[] dst = new float[5];
    m.copyRows(1, 2, dst, 1);
    assertArrayEquals(new float[] {0, 3, 4, 5, 6}, dst);
  }

  @Test
  void copiesRowsIntoABufferAtAnIndexWithoutMovingIt() {
    FloatBuffer dst = FloatBuffer.allocate(6);
    dst.position(2);
    m.copyRows(1, 2, dst, 1);
    assertEquals(2, dst.position());
    assertArrayEquals(new float[] {0, 3, 4, 5, 6, 0}, dst.array());
    assertThrows(IndexOutOfBoundsException.class, () -> m.copyRows(2, 2, dst, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> m.copyRows(0, 3, dst, 1));
  }

  @Test
  void isImmutableAndComparesByValue() {
    float[] d = {1, 2};
    FloatMatrix a = FloatMatrix.of(1, 2, d);
    d[0] = 9;
    assertEquals(1f, a.get(0, 0));
    a.toArray()[1] = 9;
    assertEquals(2f, a.get(0, 1));
    assertEquals(a, FloatMatrix.ofRows(new float[][] {{1, 2}}));
    assertEquals(a.hashCode(), FloatMatrix.ofRows(new float[][] {{1, 2}}).hashCode());
    assertNotEquals(a, FloatMatrix.of(2, 1, new float[] {1, 2}));
  }

  @Test
  void rejectsWrongSizesAndIndices() {
    assertThrows(IllegalArgumentException.class, () -> FloatMatrix.of(2, 2, new float[3]));
    assertThrows(
        IllegalArgumentException.class, () -> FloatMatrix.ofRows(new float[][] {{1}, {1, 2}}));
    assertThrows(IndexOutOfBoundsException.class, () -> m.get(3, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> m.row(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> m.slice(2, 4));
  }

  @Test
  void datasetOptionsAndSplits() {
    DatasetOptions o =
        DatasetOptions.defaults().withDataDir(Path.of("/d")).withLimit(5).with("k", "v");
    assertEquals(Optional.of(Path.of("/d")), o.dataDir());
    assertEquals(5, o.limit());
    assertEquals(Map.of("k", "v"), o.extra());
    assertEquals(Optional.of("v"), o.get("k"));
    assertThrows(IllegalArgumentException.class, () -> o.withLimit(-1));
    assertEquals(Split.TEST, Split.parse(" Test "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Split.parse("dev"));
    assertEquals("Unknown split 'dev'; valid splits: train, test", e.getMessage());
    assertEquals(784, ImageShape.grayscale(28, 28).size());
    assertThrows(IllegalArgumentException.class, () -> new ImageShape(0, 1, 1));
  }
}

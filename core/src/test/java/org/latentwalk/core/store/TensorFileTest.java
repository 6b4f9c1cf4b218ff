package org.latentwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorFileTest {
  private static byte[] sample() throws Exception {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("w", new Tensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f}));
    t.put("b", new Tensor(new int[] {3}, new float[] {0.1f, 0.2f, Float.MIN_VALUE}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TensorFile.write(out, t);
    return out.toByteArray();
  }

  @Test
  void roundTripsExactly() throws Exception {
    Map<String, Tensor> back = TensorFile.read(new ByteArrayInputStream(sample()), "x.lwt");
    assertEquals(2, back.size());
    assertTrue(Arrays.equals(new int[] {2, 3}, back.get("w").shape()));
    assertEquals(-6.5f, back.get("w").data()[5]);
    assertEquals(Float.MIN_VALUE, back.get("b").data()[2]);
  }

  @Test
  void rejectsBadMagic() throws Exception {
    byte[] b = sample();
    b[0] = 'X';
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> TensorFile.read(new ByteArrayInputStream(b), "x.lwt"));
    assertTrue(
        e.getMessage().contains("x.lwt") && e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void rejectsATruncatedFile() throws Exception {
    byte[] b = Arrays.copyOf(sample(), sample().length - 5);
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> TensorFile.read(new ByteArrayInputStream(b), "x.lwt"));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void rejectsAHugeDimensionWithoutAllocating() throws Exception {
    byte[] b = sample();
    // first tensor: magic(4) count(4) nameLen(4) name(1) rank(4) dim0 at offset 17
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(17, Integer.MAX_VALUE);
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> TensorFile.read(new ByteArrayInputStream(b), "x.lwt"));
    assertTrue(e.getMessage().contains("'w'"), e.getMessage());
  }

  @Test
  void rejectsTrailingBytes() throws Exception {
    byte[] b = Arrays.copyOf(sample(), sample().length + 3);
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> TensorFile.read(new ByteArrayInputStream(b), "x.lwt"));
    assertTrue(e.getMessage().contains("unexpected bytes"), e.getMessage());
  }

  /** Float tensors only: version 1, byte for byte what earlier versions wrote. */
  @Test
  void writesVersionOneWhenEveryTensorIsFloat() throws Exception {
    byte[] b = sample();
    assertEquals("LWT1", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    // magic, count, then "w": name length 1, 'w', rank 2, dims 2 and 3, then six floats
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, le.getInt(4));
    assertEquals(1, le.getInt(8));
    assertEquals('w', b[12]);
    assertEquals(2, le.getInt(13));
    assertEquals(1f, le.getFloat(25));
    assertEquals(8 + (4 + 1 + 4 + 8 + 24) + (4 + 1 + 4 + 4 + 12), b.length);
  }

  @Test
  void storesInt64AndFloat64TensorsExactly() throws Exception {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("step", Tensor.ofLongs(new int[] {1}, new long[] {(1L << 53) + 1}));
    t.put("mean", Tensor.ofDoubles(new int[] {2}, new double[] {0.1, -Double.MIN_VALUE}));
    t.put("w", new Tensor(new int[] {1}, new float[] {2.5f}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TensorFile.write(out, t);
    byte[] b = out.toByteArray();
    assertEquals("LWT2", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    Map<String, Tensor> back = TensorFile.read(new ByteArrayInputStream(b), "v2.lwt");
    assertEquals(t, back);
    assertEquals((1L << 53) + 1, back.get("step").longs()[0]);
    assertEquals(-Double.MIN_VALUE, back.get("mean").doubles()[1]);
    ModelFormatException wrongType =
        assertThrows(ModelFormatException.class, () -> back.get("step").data());
    assertTrue(wrongType.getMessage().contains("INT64"), wrongType.getMessage());
  }

  @Test
  void rejectsAnUnknownElementTypeAndATruncatedWideTensor() throws Exception {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("s", Tensor.ofLongs(new int[] {2}, new long[] {1, 2}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TensorFile.write(out, t);
    byte[] b = out.toByteArray();
    byte[] badType = b.clone();
    ByteBuffer.wrap(badType).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + 4 + 1, 9);
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> TensorFile.read(new ByteArrayInputStream(badType), "t.lwt"));
    assertTrue(e.getMessage().contains("unknown element type 9"), e.getMessage());
    byte[] cut = Arrays.copyOf(b, b.length - 4);
    ModelFormatException c =
        assertThrows(
            ModelFormatException.class,
            () -> TensorFile.read(new ByteArrayInputStream(cut), "t.lwt"));
    assertTrue(c.getMessage().contains("needs 16 bytes but only 12 remain"), c.getMessage());
  }

  @Test
  void requireNamesTheFileTheTensorAndWhatIsWrong() throws Exception {
    Map<String, Tensor> t = TensorFile.read(new ByteArrayInputStream(sample()), "x.lwt");
    assertEquals(
        -6.5f, TensorFile.require(t, "w", Tensor.DType.FLOAT32, new int[] {2, 3}, "f").data()[5]);
    assertEquals(t.get("b"), TensorFile.require(t, "b", null, null, "f"));
    ModelFormatException missing =
        assertThrows(
            ModelFormatException.class,
            () -> TensorFile.require(t, "q", null, null, "VAE weight file"));
    assertEquals(
        "VAE weight file lacks tensor 'q' (it has [b, w]); the file does not match the model's"
            + " hyperparameters",
        missing.getMessage());
    ModelFormatException shape =
        assertThrows(
            ModelFormatException.class,
            () -> TensorFile.require(t, "w", Tensor.DType.INT64, new int[] {2, 3}, "f"));
    assertTrue(
        shape
            .getMessage()
            .startsWith("f: tensor 'w' has shape [2, 3] FLOAT32, expected [2, 3] INT64"),
        shape.getMessage());
  }
}

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
}

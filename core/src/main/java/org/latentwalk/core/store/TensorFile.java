package org.latentwalk.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentwalk.core.io.HeapBudget;

/**
 * Reads and writes named tensors in the latentwalk tensor format ({@code .lwt}), versions 1 and 2.
 *
 * <p>Version 1 holds float32 tensors only. Layout, all integers and floats little-endian:
 *
 * <pre>
 *   bytes 0-3   magic "LWT1"
 *   int32       number of tensors N (0 ≤ N ≤ 65,536)
 *   N times:
 *     int32     name length L in bytes (1 ≤ L ≤ 1,024), then L bytes of UTF-8 name (unique)
 *     int32     rank R (0 ≤ R ≤ 8), then R int32 dimensions (each ≥ 0)
 *     float32 × product(dimensions)   values, row-major
 * </pre>
 *
 * <p>Version 2 (magic {@code "LWT2"}) adds an element type per tensor: after the name, an int32
 * type code (1 float32, 2 float64, 3 int64, see {@link Tensor.DType}), then the rank, dimensions
 * and values of that type. {@link #write} writes version 1 when every tensor is float32 (so files
 * of float tensors are the same bytes as ever) and version 2 otherwise; {@link #read} reads both.
 *
 * <p>Every count is checked against the bytes that remain before anything is allocated, so a
 * corrupt or truncated file fails with a message naming the file and the offending field, never
 * with an out-of-memory error. Integrity is the model store's job (SHA-256 in {@code model.json}).
 */
public final class TensorFile {
  private static final byte[] MAGIC = {'L', 'W', 'T', '1'};
  private static final byte[] MAGIC_V2 = {'L', 'W', 'T', '2'};
  private static final int MAX_TENSORS = 65_536;
  private static final int MAX_NAME = 1_024;
  private static final int MAX_RANK = 8;

  private TensorFile() {}

  /** Writes the tensors, in iteration order, to {@code out} (which stays open). */
  // every buffer here comes from ByteBuffer.allocate (le()), whose array has offset 0
  @SuppressWarnings("ByteBufferBackingArray")
  public static void write(OutputStream out, Map<String, Tensor> tensors) throws IOException {
    if (tensors.size() > MAX_TENSORS) {
      throw new IllegalArgumentException("At most " + MAX_TENSORS + " tensors per file");
    }
    boolean v2 = tensors.values().stream().anyMatch(t -> t.dtype() != Tensor.DType.FLOAT32);
    ByteBuffer head = le(8);
    head.put(v2 ? MAGIC_V2 : MAGIC).putInt(tensors.size());
    out.write(head.array());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (name.length < 1 || name.length > MAX_NAME) {
        throw new IllegalArgumentException(
            "Tensor name must be 1-" + MAX_NAME + " bytes: " + e.getKey());
      }
      int[] shape = e.getValue().shape();
      if (shape.length > MAX_RANK) {
        throw new IllegalArgumentException("Tensor '" + e.getKey() + "' has rank > " + MAX_RANK);
      }
      Tensor t = e.getValue();
      ByteBuffer h = le(8 + (v2 ? 4 : 0) + name.length + 4 * shape.length);
      h.putInt(name.length).put(name);
      if (v2) {
        h.putInt(t.dtype().code());
      }
      h.putInt(shape.length);
      for (int d : shape) {
        h.putInt(d);
      }
      out.write(h.array());
      ByteBuffer body = le(t.dtype().bytes() * t.size());
      switch (t.dtype()) {
        case FLOAT32 -> body.asFloatBuffer().put(t.floatsUnsafe());
        case FLOAT64 -> body.asDoubleBuffer().put(t.doublesUnsafe());
        case INT64 -> body.asLongBuffer().put(t.longsUnsafe());
      }
      out.write(body.array());
    }
  }

  /**
   * Reads every tensor from {@code in}.
   *
   * @param source the file name, used in error messages
   * @throws ModelFormatException if the content is not a valid tensor file
   */
  public static Map<String, Tensor> read(InputStream in, String source) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
    try {
      byte[] magic = new byte[4];
      if (b.remaining() < 8) {
        throw bad(source, "is " + b.remaining() + " bytes, too short for the header");
      }
      b.get(magic);
      boolean v2 = java.util.Arrays.equals(magic, MAGIC_V2);
      if (!v2 && !java.util.Arrays.equals(magic, MAGIC)) {
        throw bad(
            source,
            "does not start with the magic \"LWT1\" or \"LWT2\"; not a latentwalk tensor file");
      }
      int n = b.getInt();
      if (n < 0 || n > MAX_TENSORS) {
        throw bad(source, "declares " + n + " tensors (valid: 0-" + MAX_TENSORS + ")");
      }
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (int t = 0; t < n; t++) {
        int len = b.getInt();
        if (len < 1 || len > MAX_NAME || len > b.remaining()) {
          throw bad(source, "tensor #" + t + " has an invalid name length " + len);
        }
        byte[] nameBytes = new byte[len];
        b.get(nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        Tensor.DType dtype = Tensor.DType.FLOAT32;
        if (v2) {
          int code = b.getInt();
          dtype = Tensor.DType.ofCode(code);
          if (dtype == null) {
            throw bad(
                source,
                "tensor '" + name + "' has unknown element type " + code + " (valid: 1, 2, 3)");
          }
        }
        int rank = b.getInt();
        if (rank < 0 || rank > MAX_RANK) {
          throw bad(source, "tensor '" + name + "' has invalid rank " + rank);
        }
        int[] shape = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = b.getInt();
          if (shape[d] < 0) {
            throw bad(source, "tensor '" + name + "' has negative dimension " + shape[d]);
          }
          count *= shape[d];
          if (count > Integer.MAX_VALUE) {
            throw bad(source, "tensor '" + name + "' is too large");
          }
        }
        long bytes = count * dtype.bytes();
        if (bytes > b.remaining()) {
          throw bad(
              source,
              "tensor '"
                  + name
                  + "' needs "
                  + bytes
                  + " bytes but only "
                  + b.remaining()
                  + " remain (truncated file?)");
        }
        String tooLarge =
            HeapBudget.shortfall(
                "Tensor file " + source + ": tensor '" + name + "' as " + dtype, bytes);
        if (tooLarge != null) {
          throw new ModelFormatException(tooLarge);
        }
        Tensor tensor =
            switch (dtype) {
              case FLOAT32 -> {
                float[] data = new float[(int) count];
                b.asFloatBuffer().get(data);
                yield new Tensor(shape, data);
              }
              case FLOAT64 -> {
                double[] data = new double[(int) count];
                b.asDoubleBuffer().get(data);
                yield Tensor.ofDoubles(shape, data);
              }
              case INT64 -> {
                long[] data = new long[(int) count];
                b.asLongBuffer().get(data);
                yield Tensor.ofLongs(shape, data);
              }
            };
        b.position(b.position() + (int) bytes);
        if (out.put(name, tensor) != null) {
          throw bad(source, "holds tensor '" + name + "' twice");
        }
      }
      if (b.hasRemaining()) {
        throw bad(source, "has " + b.remaining() + " unexpected bytes after the last tensor");
      }
      return out;
    } catch (BufferUnderflowException e) {
      throw bad(source, "ends in the middle of a header (truncated file?)");
    }
  }

  /**
   * Returns tensor {@code name} of a file that was read, checking its element type and shape.
   *
   * @param dtype the type it must have, or null for any
   * @param shape the shape it must have, or null for any
   * @param file what the file is in messages, e.g. {@code VAE weight file}
   * @throws ModelFormatException naming the file and tensor if it is missing (with the names the
   *     file has) or of another type or shape
   */
  public static Tensor require(
      Map<String, Tensor> tensors, String name, Tensor.DType dtype, int[] shape, String file) {
    Tensor x = tensors.get(name);
    if (x == null) {
      throw new ModelFormatException(
          file
              + " lacks tensor '"
              + name
              + "' (it has "
              + new java.util.TreeSet<>(tensors.keySet())
              + "); the file does not match the model's hyperparameters");
    }
    if ((dtype != null && x.dtype() != dtype)
        || (shape != null && !java.util.Arrays.equals(x.shape(), shape))) {
      throw new ModelFormatException(
          file
              + ": tensor '"
              + name
              + "' has shape "
              + java.util.Arrays.toString(x.shape())
              + " "
              + x.dtype()
              + ", expected "
              + (shape == null ? "any shape" : java.util.Arrays.toString(shape))
              + " "
              + (dtype == null ? "" : dtype)
              + "; the file does not match the model's hyperparameters");
    }
    return x;
  }

  private static ModelFormatException bad(String source, String what) {
    return new ModelFormatException("Tensor file " + source + " " + what);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}

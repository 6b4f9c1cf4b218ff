package org.latentwalk.report.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds one data script of the format in {@code docs/explore.md}: a JSON manifest whose tensors
 * point into one binary blob (little-endian, each tensor starting at a multiple of 4 bytes),
 * written as {@code LatentwalkExplore.register(MANIFEST,\n"BASE64");}. Not thread-safe.
 */
final class Bundle {
  /** The format's name, the manifest's {@code format}. */
  static final String FORMAT = "latentwalk-explore";

  /** The format's version, the manifest's {@code version}. */
  static final int VERSION = 1;

  /** What a script starts with. */
  static final String PREFIX = "LatentwalkExplore.register(";

  /** What separates the manifest from the quoted blob. */
  static final String SEPARATOR = ",\n\"";

  /** What a script ends with. */
  static final String SUFFIX = "\");\n";

  private final ObjectMapper json;
  private final ObjectNode manifest;
  private final ByteArrayOutputStream blob = new ByteArrayOutputStream();

  Bundle(ObjectMapper json, String kind) {
    this.json = json;
    this.manifest = json.createObjectNode();
    manifest.put("format", FORMAT);
    manifest.put("version", VERSION);
    manifest.put("kind", kind);
  }

  ObjectNode manifest() {
    return manifest;
  }

  ObjectMapper json() {
    return json;
  }

  /** Appends float32 values; returns the tensor reference for the manifest. */
  ObjectNode float32(float[] v, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return append("float32", v.length, b.array(), shape);
  }

  /** Appends float16 values (rounded to nearest); returns the tensor reference. */
  ObjectNode float16(float[] v, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putShort(Half.fromFloat(f));
    }
    return append("float16", v.length, b.array(), shape);
  }

  /** Appends bytes; returns the tensor reference. */
  ObjectNode uint8(byte[] v, int... shape) {
    return append("uint8", v.length, v, shape);
  }

  /** Appends pixels in [0, 1] as bytes {@code round(255·p)}; returns the tensor reference. */
  ObjectNode pixels(float[] v, int... shape) {
    return uint8(ExploreBundle.toBytes(v), shape);
  }

  private ObjectNode append(String dtype, int length, byte[] bytes, int[] shape) {
    long elements = 1;
    for (int s : shape) {
      elements *= s;
    }
    if (elements != length) {
      throw new IllegalArgumentException(length + " values for the shape " + shapeText(shape));
    }
    while (blob.size() % 4 != 0) {
      blob.write(0);
    }
    ObjectNode ref = json.createObjectNode();
    ref.put("dtype", dtype);
    ref.put("offset", blob.size());
    ref.put("length", length);
    ArrayNode s = ref.putArray("shape");
    for (int d : shape) {
      s.add(d);
    }
    blob.writeBytes(bytes);
    return ref;
  }

  /** Returns the script's bytes. */
  byte[] script() {
    try {
      String text =
          PREFIX
              + json.writeValueAsString(manifest)
              + SEPARATOR
              + Base64.getEncoder().encodeToString(blob.toByteArray())
              + SUFFIX;
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A manifest built from plain nodes is always writable", e);
    }
  }

  private static String shapeText(int[] shape) {
    return java.util.Arrays.toString(shape);
  }
}

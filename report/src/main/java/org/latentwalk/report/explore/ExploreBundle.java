package org.latentwalk.report.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.export.DenseActivation;
import org.latentwalk.core.export.DenseLayer;
import org.latentwalk.core.export.DenseNetwork;

/**
 * One data script of an explorer site read back (the format of {@code docs/explore.md}, version 1):
 * its manifest and the tensors it points to.
 *
 * @param manifest the JSON manifest
 * @param blob the binary data its tensors point into
 */
// the blob is read-only after parsing and never handed out
@SuppressWarnings("ArrayRecordComponent")
public record ExploreBundle(JsonNode manifest, byte[] blob) {
  /**
   * Reads the data script {@code file}.
   *
   * @throws LatentwalkException naming the file if it is not a data script of a known version
   */
  public static ExploreBundle read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int sep = text.indexOf(Bundle.SEPARATOR);
    if (!text.startsWith(Bundle.PREFIX) || sep < 0 || !text.endsWith(Bundle.SUFFIX)) {
      throw new LatentwalkException(
          file + " is not an explorer data script (it should start with '" + Bundle.PREFIX + "')");
    }
    JsonNode manifest = new ObjectMapper().readTree(text.substring(Bundle.PREFIX.length(), sep));
    if (!Bundle.FORMAT.equals(manifest.path("format").asText())
        || manifest.path("version").asInt() != Bundle.VERSION) {
      throw new LatentwalkException(
          file
              + " has format '"
              + manifest.path("format").asText()
              + "' version "
              + manifest.path("version")
              + "; this latentwalk reads "
              + Bundle.FORMAT
              + " version "
              + Bundle.VERSION);
    }
    byte[] blob =
        Base64.getDecoder()
            .decode(
                text.substring(
                    sep + Bundle.SEPARATOR.length(), text.length() - Bundle.SUFFIX.length()));
    return new ExploreBundle(manifest, blob);
  }

  /**
   * Returns the float values of the tensor {@code ref} ({@code float32}, {@code float16} or {@code
   * uint8} as p/255).
   */
  public float[] floats(JsonNode ref) {
    int offset = ref.path("offset").asInt();
    int n = ref.path("length").asInt();
    ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[n];
    switch (ref.path("dtype").asText()) {
      case "float32" -> {
        for (int i = 0; i < n; i++) {
          out[i] = b.getFloat(offset + 4 * i);
        }
      }
      case "float16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = Half.toFloat(b.getShort(offset + 2 * i));
        }
      }
      case "uint8" -> {
        for (int i = 0; i < n; i++) {
          out[i] = (blob[offset + i] & 0xff) / 255f;
        }
      }
      default -> throw new LatentwalkException("Unknown tensor type " + ref.path("dtype"));
    }
    return out;
  }

  /** Returns the bytes of the {@code uint8} tensor {@code ref}. */
  public int[] bytes(JsonNode ref) {
    int offset = ref.path("offset").asInt();
    int[] out = new int[ref.path("length").asInt()];
    for (int i = 0; i < out.length; i++) {
      out[i] = blob[offset + i] & 0xff;
    }
    return out;
  }

  /**
   * Returns the network described by {@code node} (a manifest's {@code decoder} or {@code
   * judge.network}).
   */
  public DenseNetwork network(JsonNode node) {
    List<DenseLayer> layers = new ArrayList<>();
    for (JsonNode l : node.path("layers")) {
      boolean norm = l.hasNonNull("scale");
      layers.add(
          new DenseLayer(
              l.path("in").asInt(),
              l.path("out").asInt(),
              floats(l.path("weight")),
              floats(l.path("bias")),
              DenseActivation.fromId(l.path("activation").asText()),
              (float) l.path("slope").asDouble(),
              norm ? floats(l.path("scale")) : new float[0],
              norm ? floats(l.path("shift")) : new float[0]));
    }
    return new DenseNetwork(node.path("inputs").asInt(), layers);
  }

  /** Returns pixels in [0, 1] as the bytes {@code round(255·p)} the page draws (clamped). */
  static byte[] toBytes(float[] pixels) {
    byte[] out = new byte[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (byte) Math.round(255 * Math.min(1f, Math.max(0f, pixels[i])));
    }
    return out;
  }
}

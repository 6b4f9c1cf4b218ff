package org.latentwalk.models.nn.dl4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.latentwalk.core.LatentwalkException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.jackson.core.JsonLocation;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonMappingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.exc.InvalidTypeIdException;

/**
 * Reads DL4J network configurations (the JSON of {@code MultiLayerConfiguration.toJson()} or {@code
 * ComputationGraphConfiguration.toJson()}) and checks that their layers fit together and fit what a
 * model feeds them, with one message per problem that says which file, which layer, what shape and
 * what to do.
 *
 * <p>A model that takes user networks reads them with {@link #readMultiLayer}, finds the input its
 * data needs with {@link #imageInput} or {@link InputType#feedForward}, walks the layers with
 * {@link #checkLayers} and checks the result with {@link #checkOutputSize}.
 */
public final class Dl4jConfigurations {
  /** The layer types of DL4J 1.0.0-M2.1 that suit image and latent networks, for messages. */
  static final List<String> COMMON_LAYERS =
      List.of(
          "DenseLayer",
          "ConvolutionLayer",
          "Deconvolution2D",
          "Upsampling2D",
          "SubsamplingLayer",
          "BatchNormalization",
          "ActivationLayer",
          "DropoutLayer");

  private static final String LAYER_PACKAGE = "org.deeplearning4j.nn.conf.layers.";

  private Dl4jConfigurations() {}

  /**
   * Reads a {@code MultiLayerConfiguration} JSON file.
   *
   * @param role what the network is for, in messages, e.g. {@code encoder}
   * @throws LatentwalkException if the file cannot be read, is not JSON, names an unknown layer
   *     type, is no multi-layer configuration or has no layers
   */
  public static MultiLayerConfiguration readMultiLayer(Path file, String role) {
    String what = "the " + role + " configuration " + file;
    return parseMultiLayer(read(file, what), what);
  }

  /**
   * Reads a {@code ComputationGraphConfiguration} JSON file.
   *
   * @param role what the network is for, in messages, e.g. {@code discriminator}
   * @throws LatentwalkException if the file cannot be read, is not JSON, names an unknown layer or
   *     vertex type or is no graph configuration
   */
  public static ComputationGraphConfiguration readGraph(Path file, String role) {
    String what = "the " + role + " configuration " + file;
    String json = read(file, what);
    JsonNode tree = tree(json, what);
    if (!tree.has("vertices")) {
      throw new LatentwalkException(
          what
              + " is no ComputationGraphConfiguration (it has no \"vertices\"); write it with"
              + " ComputationGraphConfiguration.toJson()");
    }
    bind(json, ComputationGraphConfiguration.class, what, "vertex");
    ComputationGraphConfiguration conf;
    try {
      conf = ComputationGraphConfiguration.fromJson(json);
    } catch (RuntimeException e) {
      throw new LatentwalkException(
          capitalise(what) + " cannot be read by DL4J: " + rootMessage(e), e);
    }
    checkDataType(conf.getDataType(), what);
    return conf;
  }

  /**
   * Parses a {@code MultiLayerConfiguration} from JSON text.
   *
   * @param what the configuration in messages, e.g. {@code the encoder configuration enc.json}
   */
  public static MultiLayerConfiguration parseMultiLayer(String json, String what) {
    JsonNode tree = tree(json, what);
    if (tree.has("vertices")) {
      throw new LatentwalkException(
          what
              + " is a ComputationGraphConfiguration; this network must be a"
              + " MultiLayerConfiguration (new NeuralNetConfiguration.Builder().list()...build()"
              + ".toJson())");
    }
    if (!tree.has("confs")) {
      throw new LatentwalkException(
          what
              + " is no DL4J MultiLayerConfiguration (it has no \"confs\" list of layers); write it"
              + " with MultiLayerConfiguration.toJson()");
    }
    bind(json, MultiLayerConfiguration.class, what, "layer");
    MultiLayerConfiguration conf;
    try {
      conf = MultiLayerConfiguration.fromJson(json);
    } catch (RuntimeException e) {
      throw new LatentwalkException(
          capitalise(what) + " cannot be read by DL4J: " + rootMessage(e), e);
    }
    if (conf.getConfs().isEmpty()) {
      throw new LatentwalkException(what + " has no layers; add at least one to \"confs\"");
    }
    checkDataType(conf.getDataType(), what);
    return conf;
  }

  /**
   * Returns the input type for images of {@code height × width × channels} (pixels in rows of that
   * many values): {@link InputType#convolutionalFlat} when the first layer takes flat rows (a dense
   * layer, or a configuration built with {@code setInputType(InputType.convolutionalFlat(...))},
   * which starts with a reshape), else {@link InputType#convolutional} (NCHW, for a configuration
   * built with {@code setInputType(InputType.convolutional(...))}).
   */
  public static InputType imageInput(
      MultiLayerConfiguration conf, long height, long width, long channels) {
    InputType flat = InputType.convolutionalFlat(height, width, channels);
    try {
      InputType in = flat;
      InputPreProcessor pre = conf.getInputPreProcess(0);
      if (pre != null) {
        in = pre.getOutputType(in);
      }
      conf.getConf(0).getLayer().getOutputType(0, in);
      return flat;
    } catch (RuntimeException e) {
      return InputType.convolutional(height, width, channels);
    }
  }

  /**
   * Walks the layers from {@code input} and returns the last layer's output type.
   *
   * @param what the configuration in messages
   * @throws LatentwalkException naming the first layer whose {@code nIn} does not match what it
   *     receives or that cannot take it (with the shape and the fix)
   */
  public static InputType checkLayers(MultiLayerConfiguration conf, InputType input, String what) {
    InputType current = input;
    String from = "the input";
    for (int i = 0; i < conf.getConfs().size(); i++) {
      Layer layer = conf.getConf(i).getLayer();
      String name = layerName(i, layer);
      InputPreProcessor pre = conf.getInputPreProcess(i);
      InputType raw = current;
      if (pre != null) {
        try {
          current = pre.getOutputType(current);
        } catch (RuntimeException e) {
          throw new LatentwalkException(
              String.format(
                  Locale.ROOT,
                  "In %s, the input preprocessor of %s (%s) cannot reshape %s from %s: %s. Build"
                      + " the configuration with setInputType(...) for the input it gets, so DL4J"
                      + " chooses the preprocessors",
                  what,
                  name,
                  pre.getClass().getSimpleName(),
                  describe(current),
                  from,
                  rootMessage(e)),
              e);
        }
      }
      String received =
          pre == null || raw.equals(current)
              ? describe(current)
              : describe(current) + " (" + describe(raw) + " reshaped)";
      if (layer instanceof FeedForwardLayer ff) {
        long expected = expectedNIn(layer, current, what, name, from);
        if (ff.getNIn() != expected) {
          throw new LatentwalkException(
              String.format(
                  Locale.ROOT,
                  "In %s, %s has nIn %d but receives %s from %s, i.e. nIn %d: set its \"nIn\" to"
                      + " %d (or build the configuration with setInputType(...) so DL4J sets it)",
                  what,
                  name,
                  ff.getNIn(),
                  received,
                  from,
                  expected,
                  expected));
        }
      }
      try {
        current = layer.getOutputType(i, current);
      } catch (RuntimeException e) {
        throw cannotTake(what, name, current, from, e);
      }
      from = name;
    }
    return current;
  }

  /**
   * Checks that a network's output has {@code expected} values per example.
   *
   * @param output the last layer's output type ({@link #checkLayers})
   * @param what the configuration in messages
   * @param meaning what those values are, e.g. {@code 2 × latent-dim 20 (μ, then log σ²)}
   * @param fix what else the user may change, e.g. {@code or --set latent-dim=32}; may be empty
   */
  public static void checkOutputSize(
      MultiLayerConfiguration conf,
      InputType output,
      long expected,
      String what,
      String meaning,
      String fix) {
    if (output.arrayElementsPerExample() != expected) {
      int last = conf.getConfs().size() - 1;
      throw new LatentwalkException(
          String.format(
              Locale.ROOT,
              "%s ends with %s giving %s, but the model needs %d: %s. Set that layer's output"
                  + " size (nOut) so it gives %d values%s",
              capitalise(what),
              layerName(last, conf.getConf(last).getLayer()),
              output.getType() == InputType.Type.FF
                  ? describe(output)
                  : describe(output) + " (" + output.arrayElementsPerExample() + " values)",
              expected,
              meaning,
              expected,
              fix.isEmpty() ? "" : ", " + fix));
    }
  }

  /** Returns an input or output type in words, e.g. {@code 64×7×7 (channels×height×width)}. */
  public static String describe(InputType type) {
    return switch (type.getType()) {
      case FF -> type.arrayElementsPerExample() + " values";
      case CNN -> {
        long[] s = type.getShape(false);
        yield s[0] + "×" + s[1] + "×" + s[2] + " activations (channels×height×width)";
      }
      case CNNFlat -> {
        InputType.InputTypeConvolutionalFlat f = (InputType.InputTypeConvolutionalFlat) type;
        yield "images of "
            + f.getHeight()
            + "×"
            + f.getWidth()
            + "×"
            + f.getDepth()
            + " (height×width×channels) as rows of "
            + f.arrayElementsPerExample()
            + " values";
      }
      default -> type.toString();
    };
  }

  private static long expectedNIn(
      Layer layer, InputType current, String what, String name, String from) {
    Layer copy = layer.clone();
    try {
      copy.setNIn(current, true);
    } catch (RuntimeException e) {
      throw cannotTake(what, name, current, from, e);
    }
    return ((FeedForwardLayer) copy).getNIn();
  }

  private static LatentwalkException cannotTake(
      String what, String name, InputType current, String from, RuntimeException e) {
    String hint =
        current.getType() == InputType.Type.CNN || current.getType() == InputType.Type.CNNFlat
            ? " A dense layer after convolutions (or a convolution after dense layers) needs a"
                + " reshape: build the configuration with setInputType(...) so DL4J inserts the"
                + " preprocessors."
            : "";
    return new LatentwalkException(
        String.format(
            Locale.ROOT,
            "In %s, %s cannot take %s from %s: %s.%s",
            what,
            name,
            describe(current),
            from,
            rootMessage(e),
            hint),
        e);
  }

  private static String layerName(int index, Layer layer) {
    String type = layer.getClass().getSimpleName();
    // DL4J names unnamed layers "layer<index>"
    return layer.getLayerName() == null || layer.getLayerName().equals("layer" + index)
        ? "layer " + index + " (" + type + ")"
        : "layer " + index + " ('" + layer.getLayerName() + "', " + type + ")";
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new LatentwalkException(
          capitalise(what) + " does not exist; pass the path of a DL4J configuration JSON file", e);
    } catch (IOException e) {
      throw new LatentwalkException("Cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode tree(String json, String what) {
    try {
      JsonNode tree = NeuralNetConfiguration.mapper().readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new LatentwalkException(
            capitalise(what) + " is no JSON object; write it with the configuration's toJson()");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new LatentwalkException(
          capitalise(what)
              + " is not valid JSON"
              + at(e.getLocation())
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** Binds the JSON strictly to report unknown types and bad fields with their place. */
  private static void bind(String json, Class<?> type, String what, String element) {
    try {
      NeuralNetConfiguration.mapper().readValue(json, type);
    } catch (InvalidTypeIdException e) {
      String id = e.getTypeId() == null ? "" : e.getTypeId();
      String simple = id.substring(id.lastIndexOf('.') + 1);
      throw new LatentwalkException(
          String.format(
              Locale.ROOT,
              "%s names %s type '%s' at %s, which DL4J 1.0.0-M2.1 does not know; use one of its"
                  + " types, e.g. %s (\"@class\": \"%s%s\")",
              capitalise(what),
              element,
              simple.isEmpty() ? id : simple,
              path(e),
              String.join(", ", COMMON_LAYERS),
              LAYER_PACKAGE,
              COMMON_LAYERS.get(0)),
          e);
    } catch (JsonMappingException e) {
      throw new LatentwalkException(
          capitalise(what)
              + " does not match DL4J's configuration format at "
              + path(e)
              + at(e.getLocation())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (JsonProcessingException e) {
      throw new LatentwalkException(
          capitalise(what)
              + " is not valid JSON"
              + at(e.getLocation())
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  private static void checkDataType(DataType type, String what) {
    if (type != null && type != DataType.FLOAT) {
      throw new LatentwalkException(
          capitalise(what)
              + " has dataType "
              + type
              + "; latentwalk networks compute in FLOAT: set \"dataType\" : \"FLOAT\"");
    }
  }

  private static String path(JsonMappingException e) {
    List<String> parts = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        parts.add(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        parts.add("[" + r.getIndex() + "]");
      }
    }
    if (parts.isEmpty()) {
      return "the top level";
    }
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (!p.startsWith("[") && b.length() > 0) {
        b.append('.');
      }
      b.append(p);
    }
    return b.toString();
  }

  private static String at(JsonLocation l) {
    return l == null || l.getLineNr() < 0
        ? ""
        : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}

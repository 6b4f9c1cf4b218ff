package org.latentwalk.models.nn.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

class Dl4jConfigurationsTest {
  @TempDir Path tmp;

  private static MultiLayerConfiguration encoder(InputType input, int out) {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .list()
        .layer(
            new ConvolutionLayer.Builder(4, 4)
                .name("c1")
                .stride(2, 2)
                .padding(1, 1)
                .nOut(8)
                .activation(Activation.RELU)
                .build())
        .layer(
            new DenseLayer.Builder().name("head").nOut(out).activation(Activation.IDENTITY).build())
        .setInputType(input)
        .build();
  }

  private Path write(String name, String json) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, json, StandardCharsets.UTF_8);
    return f;
  }

  private LatentwalkException readFails(Path f) {
    return assertThrows(
        LatentwalkException.class, () -> Dl4jConfigurations.readMultiLayer(f, "encoder"));
  }

  @Test
  void aValidFileRoundTripsAndItsShapesAreFollowed() throws IOException {
    Path f = write("enc.json", encoder(InputType.convolutionalFlat(28, 28, 1), 40).toJson());
    MultiLayerConfiguration c = Dl4jConfigurations.readMultiLayer(f, "encoder");
    InputType in = Dl4jConfigurations.imageInput(c, 28, 28, 1);
    assertEquals(InputType.Type.CNNFlat, in.getType());
    InputType out = Dl4jConfigurations.checkLayers(c, in, "the encoder");
    assertEquals(40, out.arrayElementsPerExample());
    Dl4jConfigurations.checkOutputSize(c, out, 40, "the encoder", "2 × 20", "");

    MultiLayerConfiguration nchw = encoder(InputType.convolutional(28, 28, 1), 40);
    InputType in4d = Dl4jConfigurations.imageInput(nchw, 28, 28, 1);
    assertEquals(InputType.Type.CNN, in4d.getType());
    assertEquals(40, Dl4jConfigurations.checkLayers(nchw, in4d, "x").arrayElementsPerExample());
  }

  @Test
  void malformedJsonSaysWhere() throws IOException {
    Path f = write("bad.json", "{\n  \"confs\" : [ {\n    \"layer\" : ,\n");
    LatentwalkException e = readFails(f);
    assertTrue(
        e.getMessage().startsWith("The encoder configuration " + f + " is not valid JSON (line 3,"),
        e.getMessage());
  }

  @Test
  void anUnknownLayerTypeIsNamedWithTheKnownOnes() throws IOException {
    String json =
        encoder(InputType.convolutionalFlat(28, 28, 1), 40)
            .toJson()
            .replace(
                "org.deeplearning4j.nn.conf.layers.DenseLayer",
                "org.deeplearning4j.nn.conf.layers.DenseLayr");
    LatentwalkException e = readFails(write("typo.json", json));
    assertTrue(
        e.getMessage().contains("names layer type 'DenseLayr' at confs[1].layer")
            && e.getMessage().contains("does not know; use one of its types, e.g. DenseLayer,"),
        e.getMessage());
  }

  @Test
  void aGraphOrAnotherJsonIsNotAMultiLayerConfiguration() throws IOException {
    ComputationGraphConfiguration g =
        new NeuralNetConfiguration.Builder()
            .graphBuilder()
            .addInputs("in")
            .addLayer("d", new DenseLayer.Builder().nIn(3).nOut(2).build(), "in")
            .setOutputs("d")
            .build();
    Path gf = write("graph.json", g.toJson());
    assertTrue(readFails(gf).getMessage().contains("is a ComputationGraphConfiguration"));
    assertEquals(1, Dl4jConfigurations.readGraph(gf, "discriminator").getVertices().size());
    assertTrue(
        readFails(write("other.json", "{\"layers\": []}"))
            .getMessage()
            .contains("is no DL4J MultiLayerConfiguration (it has no \"confs\""));
    assertTrue(readFails(write("list.json", "[1, 2]")).getMessage().contains("is no JSON object"));
    LatentwalkException missing = readFails(tmp.resolve("nope.json"));
    assertEquals(
        "The encoder configuration "
            + tmp.resolve("nope.json")
            + " does not exist; pass the path of a DL4J configuration JSON file",
        missing.getMessage());
  }

  @Test
  void aLayerWhoseInputSizeDoesNotFitIsNamedWithTheFix() {
    MultiLayerConfiguration c = encoder(InputType.convolutionalFlat(28, 28, 1), 40);
    ((DenseLayer) c.getConf(1).getLayer()).setNIn(2048);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                Dl4jConfigurations.checkLayers(
                    c,
                    Dl4jConfigurations.imageInput(c, 28, 28, 1),
                    "the encoder configuration e.json"));
    assertEquals(
        "In the encoder configuration e.json, layer 1 ('head', DenseLayer) has nIn 2048 but"
            + " receives 1568 values (8×14×14 activations (channels×height×width) reshaped) from"
            + " layer 0 ('c1', ConvolutionLayer), i.e. nIn 1568: set its \"nIn\" to 1568 (or build the"
            + " configuration with setInputType(...) so DL4J sets it)",
        e.getMessage());
  }

  @Test
  void aNetworkBuiltForOtherImagesSaysWhichSize() {
    MultiLayerConfiguration c = encoder(InputType.convolutionalFlat(32, 32, 1), 40);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                Dl4jConfigurations.checkLayers(
                    c, InputType.convolutionalFlat(28, 28, 1), "the encoder configuration e.json"));
    assertTrue(
        e.getMessage()
                .startsWith(
                    "In the encoder configuration e.json, the input preprocessor of layer 0 ('c1',"
                        + " ConvolutionLayer) (FeedForwardToCnnPreProcessor) cannot reshape"
                        + " images of 28×28×1 (height×width×channels) as rows of 784 values from"
                        + " the input")
            && e.getMessage().contains("expected (1,32,32)"),
        e.getMessage());
  }

  @Test
  void aDenseLayerRightAfterAConvolutionNeedsAReshape() {
    MultiLayerConfiguration c =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .list()
            .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(2).build())
            .layer(new DenseLayer.Builder().nIn(1352).nOut(4).build())
            .build();
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> Dl4jConfigurations.checkLayers(c, InputType.convolutional(28, 28, 1), "the x"));
    assertTrue(
        e.getMessage()
                .startsWith(
                    "In the x, layer 1 (DenseLayer) cannot take 2×26×26 activations"
                        + " (channels×height×width) from layer 0 (ConvolutionLayer): Invalid input"
                        + " type")
            && e.getMessage().contains("setInputType(...) so DL4J inserts the preprocessors"),
        e.getMessage());
  }

  @Test
  void theOutputSizeMustBeWhatTheModelNeeds() {
    MultiLayerConfiguration c = encoder(InputType.convolutionalFlat(28, 28, 1), 32);
    InputType out =
        Dl4jConfigurations.checkLayers(c, Dl4jConfigurations.imageInput(c, 28, 28, 1), "e");
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                Dl4jConfigurations.checkOutputSize(
                    c,
                    out,
                    40,
                    "the encoder configuration e.json",
                    "2 × latent-dim 20 (μ, then log σ²)",
                    "or --set latent-dim=16"));
    assertEquals(
        "The encoder configuration e.json ends with layer 1 ('head', DenseLayer) giving 32 values,"
            + " but the model needs 40: 2 × latent-dim 20 (μ, then log"
            + " σ²). Set that layer's output size (nOut) so it gives 40 values, or --set"
            + " latent-dim=16",
        e.getMessage());
  }

  @Test
  void onlyFloatNetworksAreAccepted() throws IOException {
    String json =
        encoder(InputType.convolutionalFlat(28, 28, 1), 40)
            .toJson()
            .replace("\"dataType\" : \"FLOAT\"", "\"dataType\" : \"DOUBLE\"");
    assertTrue(json.contains("DOUBLE"), json);
    assertTrue(
        readFails(write("double.json", json))
            .getMessage()
            .endsWith(
                "has dataType DOUBLE; latentwalk networks compute in FLOAT: set \"dataType\" : \"FLOAT\""));
  }
}

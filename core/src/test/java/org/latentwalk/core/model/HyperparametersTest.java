package org.latentwalk.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;

class HyperparametersTest {
  private final List<HyperparameterSpec> specs =
      List.of(
          new HyperparameterSpec("epochs", "20", "passes"),
          new HyperparameterSpec("hidden", "500,500", "layers"),
          new HyperparameterSpec("lr", "1e-3", "step"));

  @Test
  void overridesDefaults() {
    Hyperparameters h = Hyperparameters.resolve(specs, Map.of("epochs", " 3 "));
    assertEquals(3, h.getInt("epochs"));
    assertEquals(1e-3, h.getDouble("lr"));
    assertArrayEquals(new int[] {500, 500}, h.getIntList("hidden"));
  }

  @Test
  void unknownKeyListsTheValidOnes() {
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class, () -> Hyperparameters.resolve(specs, Map.of("epoch", "3")));
    assertEquals("Unknown hyperparameter 'epoch'; valid keys: epochs, hidden, lr", e.getMessage());
  }

  @Test
  void badValuesNameTheKeyAndValue() {
    Hyperparameters h = Hyperparameters.resolve(specs, Map.of("epochs", "many", "hidden", "5,-1"));
    assertTrue(
        assertThrows(LatentwalkException.class, () -> h.getInt("epochs"))
            .getMessage()
            .contains("'epochs' must be an integer, got 'many'"));
    assertTrue(
        assertThrows(LatentwalkException.class, () -> h.getIntList("hidden"))
            .getMessage()
            .contains("'5,-1'"));
    assertTrue(
        assertThrows(LatentwalkException.class, () -> h.getDouble("lr", 0.1, 1))
            .getMessage()
            .contains("must be in [0.1, 1.0]"));
  }

  @Test
  void typedGettersAndChoices() {
    List<HyperparameterSpec> more =
        List.of(
            new HyperparameterSpec("flag", "true", ""),
            new HyperparameterSpec("loss", "bernoulli", ""),
            new HyperparameterSpec("n", "5", ""));
    Hyperparameters h = Hyperparameters.resolve(more, Map.of());
    assertTrue(h.getBoolean("flag"));
    assertEquals("bernoulli", h.getChoice("loss", "bernoulli", "gaussian"));
    assertEquals(5, h.getInt("n", 1, 10));
    assertEquals("gaussian", h.with("loss", "gaussian").getString("loss"));
    assertEquals(Map.of("flag", "true", "loss", "bernoulli", "n", "5"), h.asMap());
    assertEquals(h, Hyperparameters.of(h.asMap()));
    assertTrue(
        assertThrows(LatentwalkException.class, () -> h.getChoice("loss", "mse"))
            .getMessage()
            .contains("[mse]"));
    assertThrows(LatentwalkException.class, () -> h.getInt("n", 6, 10));
    assertThrows(LatentwalkException.class, () -> h.getString("missing"));
    assertThrows(LatentwalkException.class, () -> h.with("loss", "x").getBoolean("loss"));
  }

  @Test
  void boundedListsAndOpenRangesSayWhatIsValid() {
    List<HyperparameterSpec> more =
        List.of(
            new HyperparameterSpec("widths", "64,128", ""),
            new HyperparameterSpec("none", "", ""),
            new HyperparameterSpec("lr", "2e-4", ""),
            new HyperparameterSpec("beta", "0.5", ""));
    Hyperparameters h = Hyperparameters.resolve(more, Map.of());
    assertArrayEquals(new int[] {64, 128}, h.getIntList("widths", 1, 128));
    assertArrayEquals(new int[0], h.getIntList("none", 1, 128));
    assertEquals(2e-4, h.getPositiveDouble("lr", 1, "1e-3"));
    assertEquals(0.5, h.getDoubleBelow("beta", 0, 1, "0.9"));

    assertEquals(
        "Hyperparameter 'widths' must be a comma-separated list of integers in [1, 100],"
            + " got '64,128'",
        assertThrows(LatentwalkException.class, () -> h.getIntList("widths", 1, 100)).getMessage());
    Hyperparameters bad = h.with("widths", "64,x").with("lr", "0").with("beta", "1");
    assertTrue(
        assertThrows(LatentwalkException.class, () -> bad.getIntList("widths", 1, 100))
            .getMessage()
            .contains("got '64,x'"));
    assertEquals(
        "Hyperparameter 'lr' must be positive, got 0.0; try 1e-3",
        assertThrows(LatentwalkException.class, () -> bad.getPositiveDouble("lr", 1, "1e-3"))
            .getMessage());
    assertEquals(
        "Hyperparameter 'beta' must be below 1, got 1.0; try 0.9",
        assertThrows(LatentwalkException.class, () -> bad.getDoubleBelow("beta", 0, 1, "0.9"))
            .getMessage());
    assertTrue(
        assertThrows(LatentwalkException.class, () -> bad.getDoubleBelow("beta", 0, 0.5, "0.4"))
            .getMessage()
            .contains("must be in [0.0, 0.5], got 1.0"));
    assertTrue(
        assertThrows(
                LatentwalkException.class,
                () -> bad.with("beta", "0.5").getDoubleBelow("beta", 0, 0.5, "0.4"))
            .getMessage()
            .contains("must be below 0.5, got 0.5"));
  }
}

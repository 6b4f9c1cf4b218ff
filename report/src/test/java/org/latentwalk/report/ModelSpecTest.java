package org.latentwalk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's model list: which models each profile trains when none are named. */
class ModelSpecTest {
  @Test
  void theConvModelsJoinTheFullProfileOnly() {
    assertEquals(List.of("bayes", "vae2", "vae20", "bigan"), ModelSpec.defaults(false));
    assertEquals(
        List.of("bayes", "vae2", "vae20", "bigan", "vae-conv", "bigan-conv"),
        ModelSpec.defaults(true));
    for (boolean full : new boolean[] {false, true}) {
      Map<String, ModelSpec> article = ModelSpec.article(full);
      assertTrue(
          article.keySet().containsAll(ModelSpec.defaults(full)), article.keySet().toString());
    }
    ModelSpec conv = ModelSpec.article(true).get("bigan-conv");
    assertEquals("bigan", conv.provider());
    assertEquals(Map.of("architecture", "conv", "epochs", "15"), conv.overrides());
    // the quick profile's BiGAN has a narrower discriminator; the full profile keeps the paper's
    assertEquals(
        Map.of("epochs", "15", "d-hidden", "512,512"),
        ModelSpec.article(false).get("bigan").overrides());
    assertEquals(Map.of("epochs", "15"), ModelSpec.article(true).get("bigan").overrides());
    ModelSpec vaeConv = ModelSpec.article(true).get("vae-conv");
    assertEquals("vae", vaeConv.provider());
    assertEquals(
        Map.of("architecture", "conv", "latent-dim", "20", "epochs", "6"), vaeConv.overrides());
  }
}

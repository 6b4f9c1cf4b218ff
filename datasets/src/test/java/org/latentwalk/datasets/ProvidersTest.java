package org.latentwalk.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.DatasetProvider;

class ProvidersTest {
  @Test
  void allProvidersAreRegisteredAndDescribed() {
    List<DatasetProvider> providers =
        ServiceLoader.load(DatasetProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    assertEquals(
        List.of("mnist-sample", "mnist", "fashion-mnist", "idx", "image-folder"),
        providers.stream().map(DatasetProvider::name).toList());
    for (DatasetProvider p : providers) {
      assertFalse(p.description().isBlank(), p.name());
      assertEquals(Latentwalk.SPI_VERSION, p.requiredSpiVersion(), p.name());
      p.info();
    }
  }
}

package org.latentwalk.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SampleQualitySectionTest {
  @Test
  void ownNumbersLeaveOutPerClassValuesAndKeepSmallOnesReadable() {
    Map<String, Double> e = new TreeMap<>();
    e.put("accuracy", 0.5646);
    e.put("accuracy/0", 0.9);
    e.put("neg-elbo", 130.295);
    e.put("reconstruction-max-error", 9.2e-7);
    e.put("reconstruction", 0.0);
    assertEquals(
        "accuracy 0.5646, neg-elbo 130.3, reconstruction 0.0000, reconstruction-max-error 9.20e-07",
        SampleQualitySection.ownNumbers(e));
    assertEquals("-12.5", SampleQualitySection.significant(-12.5));
  }
}

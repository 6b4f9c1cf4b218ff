package org.latentwalk.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quickstart as a user would and checks what it wrote and printed. */
class QuickstartTest {
  private static final Pattern FRAME =
      Pattern.compile(
          "α=(-?\\d+\\.\\d{3}) P\\(6\\)=(\\d\\.\\d{3}) P\\(0\\)=(\\d\\.\\d{3})"
              + " P\\(7\\)=(\\d\\.\\d{3})");

  @Test
  void walksASevenFromSixToZeroAndPrintsTheJudgesProbabilities(@TempDir Path tmp) throws Exception {
    Path png = tmp.resolve("walk-7.png");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Quickstart.main(new String[] {png.toString()});
    } finally {
      System.setOut(stdout);
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    stdout.print(out);
    List<String> lines = out.lines().toList();
    assertEquals(11, lines.size(), out);
    for (int k = 0; k < lines.size(); k++) {
      Matcher m = FRAME.matcher(lines.get(k));
      assertTrue(m.matches(), lines.get(k));
      assertEquals(-5 + k, Double.parseDouble(m.group(1)), 1e-9, lines.get(k));
      double sum = 0;
      for (int g = 2; g <= 4; g++) {
        sum += Double.parseDouble(m.group(g));
      }
      assertTrue(sum <= 1.002, "three classes' probabilities sum to " + sum + ": " + lines.get(k));
    }
    // the model is small, but far enough along the direction from 6 to 0 the 7 has become a 0
    Matcher last = FRAME.matcher(lines.get(lines.size() - 1));
    assertTrue(last.matches() && Double.parseDouble(last.group(3)) > 0.5, "P(0) at α=5: " + out);
    // one row of 11 frames of 28x28 pixels, each pixel 3x3
    var image = ImageIO.read(Files.newInputStream(png));
    assertTrue(image.getWidth() >= 11 * 28 * 3, "canvas " + image.getWidth() + " px wide");
    assertTrue(image.getHeight() >= 28 * 3, "canvas " + image.getHeight() + " px high");
  }
}

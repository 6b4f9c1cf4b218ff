package org.latentwalk.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference run beside a benchmark (a PyTorch anchor script, say): the command's output, echoed
 * line by line as it comes, and the numbers its result lines carry.
 */
public final class ReferenceRun {
  private final List<String> lines;

  private ReferenceRun(List<String> lines) {
    this.lines = List.copyOf(lines);
  }

  /**
   * Runs {@code command} (stderr merged into stdout), prints each line to {@code echo} prefixed
   * with {@code " torch: "}, and waits for it to end.
   */
  public static ReferenceRun run(PrintStream echo, String... command)
      throws IOException, InterruptedException {
    Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        echo.println("  torch: " + line);
        lines.add(line);
      }
    }
    proc.waitFor();
    return new ReferenceRun(lines);
  }

  /**
   * Returns the numbers in {@code pattern}'s groups on the last line where it is found, or one NaN
   * per group if no line has it.
   */
  public double[] numbers(Pattern pattern) {
    double[] out = null;
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        out = new double[m.groupCount()];
        for (int g = 0; g < out.length; g++) {
          out[g] = Double.parseDouble(m.group(g + 1));
        }
      }
    }
    if (out == null) {
      out = new double[pattern.matcher("").groupCount()];
      Arrays.fill(out, Double.NaN);
    }
    return out;
  }
}

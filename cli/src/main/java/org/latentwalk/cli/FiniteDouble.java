package org.latentwalk.cli;

import picocli.CommandLine;

/**
 * Converts every {@code double} option of every command: a number, never NaN or ±Infinity (which
 * {@link Double#parseDouble} accepts), so a non-finite α or range is a usage error (exit 2) instead
 * of NaN results or a broken image.
 */
final class FiniteDouble implements CommandLine.ITypeConverter<Double> {
  /** Registers the converter for {@code double} and {@code Double} on {@code cl}'s commands. */
  static void register(CommandLine cl) {
    FiniteDouble c = new FiniteDouble();
    cl.registerConverter(Double.class, c);
    cl.registerConverter(double.class, c);
  }

  @Override
  public Double convert(String value) {
    double d;
    try {
      d = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
    }
    if (!Double.isFinite(d)) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a finite number; give a number such as 1 or -2.5");
    }
    return d;
  }
}

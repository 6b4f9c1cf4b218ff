package org.latentwalk.datasets.mnist;

import java.util.List;

/** Constants shared by the MNIST-family providers. */
final class Mnist {
  /** Class names of the digit datasets: "0".."9". */
  static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private Mnist() {}
}

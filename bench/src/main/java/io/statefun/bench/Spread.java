package io.statefun.bench;

import java.util.Arrays;

/** The smallest, middle and largest of a cell's values (the upper middle of an even count). */
record Spread(double min, double median, double max) {
  static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN);

  static Spread of(double[] values) {
    if (values.length == 0) {
      return NONE;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Spread(sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
  }
}

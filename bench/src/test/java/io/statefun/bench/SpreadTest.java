package io.statefun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void givesTheSmallestMiddleAndLargestWhateverTheOrder() {
    assertThat(Spread.of(new double[] {0.9, 0.7, 0.8, 1.1, 0.6}))
        .isEqualTo(new Spread(0.6, 0.8, 1.1));
  }

  @Test
  void takesTheUpperMiddleOfAnEvenCount() {
    assertThat(Spread.of(new double[] {2, 1})).isEqualTo(new Spread(1, 2, 2));
  }

  @Test
  void ofNothingIsNotANumber() {
    assertThat(Spread.of(new double[0]).median()).isNaN();
  }
}

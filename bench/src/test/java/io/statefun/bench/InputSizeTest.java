package io.statefun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputSizeTest {

  @Test
  void scalesTheRateToTheWindowWithHeadroomInWholeRoundsOverTheIds() {
    // 5 M msg/s for 3 s is 15 M, with 1.5 headroom 22.5 M: already whole rounds of 10,000 ids
    assertThat(InputSize.messagesFor(5_000_000, 3, 10_000)).isEqualTo(22_500_000);
    // 300,001 msg/s × 3 s × 1.5 = 1,350,004.5: rounded up to the next round of 10,000
    assertThat(InputSize.messagesFor(300_001, 3, 10_000)).isEqualTo(1_360_000);
  }

  @Test
  void isAtLeastOneRoundOverTheIds() {
    assertThat(InputSize.messagesFor(10, 0.1, 1_000_000)).isEqualTo(1_000_000);
  }

  @Test
  void rejectsARateThatWasNotMeasured() {
    assertThatThrownBy(() -> InputSize.messagesFor(Double.NaN, 3, 10_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRunIsLongEnoughWhenItsSteadyWindowReachesTheMinimum() {
    assertThat(InputSize.longEnough(3_000_000, 1_000_000, 3)).isTrue();
    assertThat(InputSize.longEnough(2_999_999, 1_000_000, 3)).isFalse();
  }
}

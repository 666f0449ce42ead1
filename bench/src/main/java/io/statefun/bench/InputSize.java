package io.statefun.bench;

/**
 * How many messages a cell needs so that plain Flink's steady window (first to last egress record)
 * lasts at least a given time: scaled from a calibration run's measured rate, with head-room for a
 * JVM that gets faster as it warms up, and rounded up to whole rounds over the ids (a run's check
 * needs every id to get the same number of messages).
 */
final class InputSize {
  /** Scales a calibration's size by this much more than its rate alone says. */
  static final double HEADROOM = 1.5;

  private InputSize() {}

  /**
   * The messages for a steady window of {@code minSeconds} at {@code msgsPerSecond}, at least one
   * round over the {@code keys} ids.
   */
  static long messagesFor(double msgsPerSecond, double minSeconds, long keys) {
    if (!(msgsPerSecond > 0) || !(minSeconds > 0) || keys <= 0) {
      throw new IllegalArgumentException(
          "rate " + msgsPerSecond + " msg/s, window " + minSeconds + " s, " + keys + " ids");
    }
    double wanted = msgsPerSecond * minSeconds * HEADROOM;
    long rounds = Math.max(1, (long) Math.ceil(wanted / keys));
    return Math.multiplyExact(rounds, keys);
  }

  /** Whether a run of {@code messages} at a steady {@code msgsPerSecond} lasted long enough. */
  static boolean longEnough(long messages, double msgsPerSecond, double minSeconds) {
    return messages / msgsPerSecond >= minSeconds;
  }
}

package io.statefun.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * When a value expires: never, a while after it was last written, or a while after the function was
 * last called (read or written).
 */
public final class Expiration {
  /** What restarts the expiry clock. */
  public enum Mode {
    NONE,
    AFTER_WRITE,
    AFTER_CALL
  }

  private static final Expiration NONE = new Expiration(Mode.NONE, Duration.ZERO);

  private final Mode mode;
  private final Duration duration;

  private Expiration(Mode mode, Duration duration) {
    this.mode = mode;
    this.duration = duration;
  }

  public static Expiration none() {
    return NONE;
  }

  public static Expiration expireAfterWrite(Duration duration) {
    return new Expiration(Mode.AFTER_WRITE, positive(duration));
  }

  public static Expiration expireAfterCall(Duration duration) {
    return new Expiration(Mode.AFTER_CALL, positive(duration));
  }

  private static Duration positive(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("An expiration must be positive, got " + duration);
    }
    return duration;
  }

  public Mode mode() {
    return mode;
  }

  public Duration duration() {
    return duration;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Expiration other && mode == other.mode && duration.equals(other.duration);
  }

  @Override
  public int hashCode() {
    return 31 * mode.hashCode() + duration.hashCode();
  }

  @Override
  public String toString() {
    return mode == Mode.NONE ? "never" : mode + " " + duration;
  }
}

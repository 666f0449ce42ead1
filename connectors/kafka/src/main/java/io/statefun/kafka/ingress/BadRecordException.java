package io.statefun.kafka.ingress;

/** A record that cannot become messages, with the reason in words (no payload). */
final class BadRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  BadRecordException(String reason) {
    super(reason);
  }

  BadRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}

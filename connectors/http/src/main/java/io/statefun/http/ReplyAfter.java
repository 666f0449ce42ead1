package io.statefun.http;

/** When the HTTP ingress answers a caller. */
public enum ReplyAfter {
  /**
   * After the checkpoint that made the answer durable completes (the default): an answer is never
   * one that a failure later rolls back, at the price of up to a checkpoint interval of latency.
   */
  CHECKPOINT,
  /**
   * As soon as the function replied (or, for {@code /send}, as soon as the message entered the
   * job): lower latency, but a failure before the next checkpoint can roll back what was answered.
   */
  INVOKE
}

package io.statefun.sdk.io;

import io.statefun.sdk.Message;

/**
 * Turns each record of an ingress into zero or more messages to functions.
 *
 * <pre>{@code
 * Router<String> byName = (name, downstream) ->
 *     downstream.forward(MessageBuilder.forAddress(GREETER, name).withValue(name).build());
 * }</pre>
 */
@FunctionalInterface
public interface Router<T> {

  void route(T record, Downstream downstream);

  /** Where routed messages go. */
  @FunctionalInterface
  interface Downstream {
    void forward(Message message);
  }
}

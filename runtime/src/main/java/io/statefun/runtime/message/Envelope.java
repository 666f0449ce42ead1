package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.Message;
import io.statefun.sdk.TypedValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message in flight inside the job: who it is for, who sent it (null for ingress and delayed
 * messages without a sender) and its value. Immutable.
 */
public final class Envelope {
  private final Address target;
  private final @Nullable Address caller;
  private final TypedValue payload;

  public Envelope(Address target, @Nullable Address caller, TypedValue payload) {
    this.target = Objects.requireNonNull(target, "target");
    this.caller = caller;
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  public static Envelope fromIngress(Message message) {
    return new Envelope(message.target(), null, message.payload());
  }

  public static Envelope from(@Nullable Address caller, Message message) {
    return new Envelope(message.target(), caller, message.payload());
  }

  public Address target() {
    return target;
  }

  /** The sender, or null. */
  public @Nullable Address caller() {
    return caller;
  }

  public TypedValue payload() {
    return payload;
  }

  public Message toMessage() {
    return new Message(target, payload);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Envelope other
        && target.equals(other.target)
        && Objects.equals(caller, other.caller)
        && payload.equals(other.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, caller, payload);
  }

  @Override
  public String toString() {
    return "Envelope{to "
        + target
        + (caller == null ? "" : " from " + caller)
        + ", "
        + payload
        + "}";
  }
}

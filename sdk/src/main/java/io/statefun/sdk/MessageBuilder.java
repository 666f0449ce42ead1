package io.statefun.sdk;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Message}.
 *
 * <pre>{@code
 * Message m = MessageBuilder.forAddress(TypeName.parse("example/greeter"), "alice")
 *     .withValue("hello")
 *     .build();
 * }</pre>
 */
public final class MessageBuilder {
  private Address target;
  private @Nullable TypedValue payload;

  private MessageBuilder(Address target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  public static MessageBuilder forAddress(Address target) {
    return new MessageBuilder(target);
  }

  public static MessageBuilder forAddress(TypeName type, String id) {
    return new MessageBuilder(new Address(type, id));
  }

  /**
   * A builder that starts as a copy of {@code message}: same target, same value; change either
   * before building. Forwarding a message elsewhere:
   *
   * <pre>{@code
   * context.send(MessageBuilder.fromMessage(message).withTargetAddress(auditor, id).build());
   * }</pre>
   */
  public static MessageBuilder fromMessage(Message message) {
    return new MessageBuilder(message.target()).withTypedValue(message.payload());
  }

  /** Sends the message to {@code target} instead. */
  public MessageBuilder withTargetAddress(Address target) {
    this.target = Objects.requireNonNull(target, "target");
    return this;
  }

  /** Sends the message to the function of {@code type} with {@code id} instead. */
  public MessageBuilder withTargetAddress(TypeName type, String id) {
    return withTargetAddress(new Address(type, id));
  }

  public MessageBuilder withValue(boolean value) {
    return withTypedValue(Types.valueOf(value));
  }

  public MessageBuilder withValue(int value) {
    return withTypedValue(Types.valueOf(value));
  }

  public MessageBuilder withValue(long value) {
    return withTypedValue(Types.valueOf(value));
  }

  public MessageBuilder withValue(float value) {
    return withTypedValue(Types.valueOf(value));
  }

  public MessageBuilder withValue(double value) {
    return withTypedValue(Types.valueOf(value));
  }

  public MessageBuilder withValue(String value) {
    return withCustomType(Types.STRING, value);
  }

  public <T> MessageBuilder withCustomType(Type<T> type, T value) {
    this.payload = TypedValue.of(type, value);
    return this;
  }

  /** Uses an already serialized value as it is. */
  public MessageBuilder withTypedValue(TypedValue value) {
    this.payload = Objects.requireNonNull(value, "value");
    return this;
  }

  public Message build() {
    if (payload == null) {
      throw new IllegalStateException("A message to " + target + " needs a value");
    }
    return new Message(target, payload);
  }
}

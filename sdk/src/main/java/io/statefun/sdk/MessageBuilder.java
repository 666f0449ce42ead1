package io.statefun.sdk;

import java.util.Objects;

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
  private final Address target;
  private TypedValue payload;

  private MessageBuilder(Address target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  public static MessageBuilder forAddress(Address target) {
    return new MessageBuilder(target);
  }

  public static MessageBuilder forAddress(TypeName type, String id) {
    return new MessageBuilder(new Address(type, id));
  }

  public MessageBuilder withValue(boolean value) {
    return withCustomType(Types.BOOL, value);
  }

  public MessageBuilder withValue(int value) {
    return withCustomType(Types.INT, value);
  }

  public MessageBuilder withValue(long value) {
    return withCustomType(Types.LONG, value);
  }

  public MessageBuilder withValue(float value) {
    return withCustomType(Types.FLOAT, value);
  }

  public MessageBuilder withValue(double value) {
    return withCustomType(Types.DOUBLE, value);
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

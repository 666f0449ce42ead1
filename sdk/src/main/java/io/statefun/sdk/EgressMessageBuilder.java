package io.statefun.sdk;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link EgressMessage}.
 *
 * <pre>{@code
 * context.send(EgressMessageBuilder.forEgress(TypeName.parse("example/out"))
 *     .withValue("Hello alice")
 *     .build());
 * }</pre>
 */
public final class EgressMessageBuilder {
  private final TypeName egress;
  private @Nullable TypedValue payload;

  private EgressMessageBuilder(TypeName egress) {
    this.egress = Objects.requireNonNull(egress, "egress");
  }

  public static EgressMessageBuilder forEgress(TypeName egress) {
    return new EgressMessageBuilder(egress);
  }

  public EgressMessageBuilder withValue(boolean value) {
    return withTypedValue(Types.valueOf(value));
  }

  public EgressMessageBuilder withValue(int value) {
    return withTypedValue(Types.valueOf(value));
  }

  public EgressMessageBuilder withValue(long value) {
    return withTypedValue(Types.valueOf(value));
  }

  public EgressMessageBuilder withValue(float value) {
    return withTypedValue(Types.valueOf(value));
  }

  public EgressMessageBuilder withValue(double value) {
    return withTypedValue(Types.valueOf(value));
  }

  public EgressMessageBuilder withValue(String value) {
    return withCustomType(Types.STRING, value);
  }

  public <T> EgressMessageBuilder withCustomType(Type<T> type, T value) {
    this.payload = TypedValue.of(type, value);
    return this;
  }

  public EgressMessageBuilder withTypedValue(TypedValue value) {
    this.payload = Objects.requireNonNull(value, "value");
    return this;
  }

  public EgressMessage build() {
    if (payload == null) {
      throw new IllegalStateException("A message to egress " + egress + " needs a value");
    }
    return new EgressMessage(egress, payload);
  }
}

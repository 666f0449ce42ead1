package io.statefun.sdk;

import java.io.Serializable;
import java.util.Objects;

/**
 * A value sent out of the application through the egress named {@link #egress()}. Built with {@link
 * EgressMessageBuilder}.
 */
public final class EgressMessage implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TypeName egress;
  private final TypedValue payload;

  public EgressMessage(TypeName egress, TypedValue payload) {
    this.egress = Objects.requireNonNull(egress, "egress");
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  public TypeName egress() {
    return egress;
  }

  public TypedValue payload() {
    return payload;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof EgressMessage other
        && egress.equals(other.egress)
        && payload.equals(other.payload);
  }

  @Override
  public int hashCode() {
    return 31 * egress.hashCode() + payload.hashCode();
  }

  @Override
  public String toString() {
    return "EgressMessage{to " + egress + ", " + payload + "}";
  }
}

package io.statefun.sdk.remote;

import com.google.protobuf.ByteString;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.annotation.Internal;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between the SDK's value types and their protocol messages, in one place for both
 * sides of the protocol: the SDK's handler and the runtime's remote functions.
 */
@NullMarked
@Internal
public final class ProtocolValues {
  private ProtocolValues() {}

  public static io.statefun.sdk.reqreply.generated.Address toProto(Address address) {
    return io.statefun.sdk.reqreply.generated.Address.newBuilder()
        .setNamespace(address.type().namespace())
        .setType(address.type().name())
        .setId(address.id())
        .build();
  }

  /** The address, or null for the all-empty address the protocol uses for "no caller". */
  public static @Nullable Address fromProto(io.statefun.sdk.reqreply.generated.Address address) {
    if (address.getNamespace().isEmpty()
        && address.getType().isEmpty()
        && address.getId().isEmpty()) {
      return null;
    }
    return new Address(TypeName.of(address.getNamespace(), address.getType()), address.getId());
  }

  public static io.statefun.sdk.reqreply.generated.TypedValue toProto(TypedValue value) {
    return io.statefun.sdk.reqreply.generated.TypedValue.newBuilder()
        .setTypename(value.typeName().canonical())
        .setHasValue(true)
        .setValue(ByteString.copyFrom(value.value()))
        .build();
  }

  public static TypedValue fromProto(io.statefun.sdk.reqreply.generated.TypedValue value) {
    if (value.getTypename().isEmpty()) {
      throw new IllegalArgumentException("A message value has no type name");
    }
    return new TypedValue(TypeName.parse(value.getTypename()), value.getValue().toByteArray());
  }
}

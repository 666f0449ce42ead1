package io.statefun.runtime.state;

import io.statefun.sdk.Expiration;
import io.statefun.sdk.TypeName;
import java.util.Optional;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * How function values are laid out in Flink keyed state, for the runtime and for tools that read or
 * write savepoints without the function's code: one value state per (function type, value) named
 * {@code <namespace>.<name>.<value>}, keyed by address, each value its encoded bytes, the value's
 * type name in the serializer's snapshot.
 */
public final class FunctionValueStates {
  private FunctionValueStates() {}

  /** The name of the Flink state of value {@code valueName} of {@code functionType}. */
  public static String stateName(TypeName functionType, String valueName) {
    return functionType.namespace() + "." + functionType.name() + "." + valueName;
  }

  /**
   * A descriptor that reads and writes the values of a state as encoded bytes ({@code byte[]}),
   * whatever their type; it restores only state stored as {@code valueType}. No TTL: a tool writing
   * with it leaves the expiry clock of a value with TTL to start when the job restores it (Flink
   * stamps state that gains TTL on restore with the restore time).
   */
  public static ValueStateDescriptor<Object> bytesDescriptor(String stateName, TypeName valueType) {
    return new ValueStateDescriptor<>(stateName, new StoredValueSerializer(valueType, null));
  }

  /**
   * The value type a state's serializer snapshot names, if it is a function value's; also when the
   * value has TTL (Flink then wraps the snapshot in a composite one).
   */
  public static Optional<TypeName> valueType(TypeSerializerSnapshot<?> snapshot) {
    if (snapshot instanceof StoredValueSerializer.Snapshot stored) {
      return Optional.of(stored.typeName());
    }
    if (snapshot instanceof CompositeTypeSerializerSnapshot<?, ?> composite) {
      for (TypeSerializerSnapshot<?> nested : composite.getNestedSerializerSnapshots()) {
        Optional<TypeName> type = valueType(nested);
        if (type.isPresent()) {
          return type;
        }
      }
    }
    return Optional.empty();
  }

  /** The Flink TTL of a value with {@code expiration}, or null when it never expires. */
  static StateTtlConfig ttlOf(Expiration expiration) {
    return switch (expiration.mode()) {
      case NONE -> null;
      case AFTER_WRITE ->
          StateTtlConfig.newBuilder(expiration.duration())
              .updateTtlOnCreateAndWrite()
              .neverReturnExpired()
              .build();
      case AFTER_CALL ->
          StateTtlConfig.newBuilder(expiration.duration())
              .updateTtlOnReadAndWrite()
              .neverReturnExpired()
              .build();
    };
  }
}

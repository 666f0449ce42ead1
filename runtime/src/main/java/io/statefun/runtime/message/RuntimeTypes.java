package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/** Flink type information for the runtime's records, each bound to its own serializer class. */
@Internal
public final class RuntimeTypes {
  /** Envelopes with every type written by name. */
  public static final TypeInformation<Envelope> ENVELOPE =
      new SerializerTypeInfo<>(Envelope.class, EnvelopeSerializer::new, false);

  /** Addresses with every function type written by name. */
  public static final TypeInformation<Address> ADDRESS =
      new SerializerTypeInfo<>(Address.class, AddressSerializer::new, true);

  public static final TypeInformation<TypedValue> TYPED_VALUE =
      new SerializerTypeInfo<>(TypedValue.class, TypedValueSerializer::new, false);

  private RuntimeTypes() {}

  /**
   * The functions' state key: addresses whose function type is written as its position in {@code
   * functionTypes} (see {@link AddressSerializer}).
   */
  public static TypeInformation<Address> addressKey(List<TypeName> functionTypes) {
    List<TypeName> types = List.copyOf(functionTypes);
    return new SerializerTypeInfo<>(Address.class, () -> new AddressSerializer(types), true);
  }

  /**
   * The messages on a job's network edges: envelopes whose function types in {@code functionTypes}
   * are written as their content code (see {@link EnvelopeSerializer}).
   */
  public static TypeInformation<Envelope> envelopes(List<TypeName> functionTypes) {
    List<TypeName> types = List.copyOf(functionTypes);
    return new SerializerTypeInfo<>(Envelope.class, () -> new EnvelopeSerializer(types), false);
  }

  /** Type information for another immutable record with its own serializer (never a key). */
  public static <T> TypeInformation<T> of(
      Class<T> type, SerializableSupplier<TypeSerializer<T>> serializer) {
    return new SerializerTypeInfo<>(type, serializer, false);
  }

  private static final class SerializerTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final SerializableSupplier<TypeSerializer<T>> serializer;
    private final boolean keyType;

    SerializerTypeInfo(
        Class<T> type, SerializableSupplier<TypeSerializer<T>> serializer, boolean keyType) {
      this.type = type;
      this.serializer = serializer;
      this.keyType = keyType;
    }

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<T> getTypeClass() {
      return type;
    }

    @Override
    public boolean isKeyType() {
      return keyType;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
      // a new one each time: a serializer reuses a read buffer and serves one thread
      return serializer.get();
    }

    @Override
    public String toString() {
      return type.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SerializerTypeInfo<?> other && type.equals(other.type);
    }

    @Override
    public int hashCode() {
      return Objects.hash(type);
    }

    @Override
    public boolean canEqual(Object o) {
      return o instanceof SerializerTypeInfo;
    }
  }
}

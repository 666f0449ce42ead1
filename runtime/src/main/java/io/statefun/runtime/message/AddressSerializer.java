package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link Address}, the key of all function state. Made with the application's function
 * types, it writes a key's function type as its position in that list instead of its name (the
 * state's keys in RocksDB and in snapshots shrink from ~20 to ~8 bytes); the list goes into the
 * serializer's snapshot, and a restored state keeps the list it was written with (a key must keep
 * its bytes), so types bound later are written by name there.
 */
@Internal
public final class AddressSerializer extends ImmutableRecordSerializer<Address> {
  private static final long serialVersionUID = 1L;

  private final List<TypeName> functionTypes;
  private final transient Codec codec;

  /** Writes every function type by name. */
  public AddressSerializer() {
    this(List.of());
  }

  /** Writes the function types in {@code functionTypes} as their position in it. */
  public AddressSerializer(List<TypeName> functionTypes) {
    this.functionTypes = List.copyOf(functionTypes);
    this.codec = Codec.byPosition(this.functionTypes);
  }

  @Override
  public TypeSerializer<Address> duplicate() {
    return new AddressSerializer(functionTypes);
  }

  @Override
  public void serialize(Address record, DataOutputView target) throws IOException {
    codec.writeAddress(record, target);
  }

  @Override
  public Address deserialize(DataInputView source) throws IOException {
    return codec.readAddress(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    Codec.copyAddress(source, target);
  }

  @Override
  public TypeSerializerSnapshot<Address> snapshotConfiguration() {
    return new FunctionTypesSnapshot(functionTypes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressSerializer other && functionTypes.equals(other.functionTypes);
  }

  @Override
  public int hashCode() {
    return functionTypes.hashCode();
  }

  /**
   * The snapshot of an {@link AddressSerializer}: its function types. A state restored from one
   * keeps them: another list (a new application version) is compatible with a serializer
   * reconfigured to the restored list.
   */
  public static final class FunctionTypesSnapshot extends FunctionTypeListSnapshot<Address> {
    /** For reading a snapshot back. */
    public FunctionTypesSnapshot() {
      this(List.of());
    }

    FunctionTypesSnapshot(List<TypeName> functionTypes) {
      super(functionTypes);
    }

    @Override
    public TypeSerializer<Address> restoreSerializer() {
      return new AddressSerializer(functionTypes());
    }

    @Override
    public TypeSerializerSchemaCompatibility<Address> resolveSchemaCompatibility(
        TypeSerializerSnapshot<Address> oldSerializerSnapshot) {
      List<TypeName> restored;
      if (oldSerializerSnapshot instanceof FunctionTypesSnapshot old) {
        restored = old.functionTypes();
      } else if (oldSerializerSnapshot instanceof Snapshot) {
        restored = List.of(); // written before function types had positions: names only
      } else {
        return TypeSerializerSchemaCompatibility.incompatible();
      }
      return restored.equals(functionTypes())
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
              new AddressSerializer(restored));
    }
  }

  /**
   * The snapshot of the serializer before {@link FunctionTypesSnapshot}: every function type by
   * name. Kept to restore the states written then.
   */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Address> {
    public Snapshot() {
      super(AddressSerializer::new);
    }
  }
}

package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link Envelope}: target, an optional caller, then the typed value. Envelopes are
 * immutable, so copies are the same object. Made with the application's function types (the
 * messages on the job's network edges), it writes those types as their content code (see {@link
 * Codec}): a message to {@code example/greeter} is 15 bytes shorter.
 */
@Internal
public final class EnvelopeSerializer extends ImmutableRecordSerializer<Envelope> {
  private static final long serialVersionUID = 1L;

  private final List<TypeName> functionTypes;
  private final transient Codec codec;

  /** Writes every type by name. */
  public EnvelopeSerializer() {
    this(List.of());
  }

  /** Writes the function types in {@code functionTypes} as their content code. */
  public EnvelopeSerializer(List<TypeName> functionTypes) {
    this.functionTypes = List.copyOf(functionTypes);
    this.codec =
        this.functionTypes.isEmpty() ? new Codec() : Codec.byContentCode(this.functionTypes);
  }

  @Override
  public TypeSerializer<Envelope> duplicate() {
    return new EnvelopeSerializer(functionTypes);
  }

  @Override
  public void serialize(Envelope record, DataOutputView target) throws IOException {
    codec.writeAddress(record.target(), target);
    Address caller = record.caller();
    if (caller == null) {
      target.writeBoolean(false);
    } else {
      target.writeBoolean(true);
      codec.writeAddress(caller, target);
    }
    codec.writeTypedValue(record.payload(), target);
  }

  @Override
  public Envelope deserialize(DataInputView source) throws IOException {
    Address target = codec.readAddress(source);
    Address caller = source.readBoolean() ? codec.readAddress(source) : null;
    return new Envelope(target, caller, codec.readTypedValue(source));
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    Codec.copyAddress(source, target);
    boolean hasCaller = source.readBoolean();
    target.writeBoolean(hasCaller);
    if (hasCaller) {
      Codec.copyAddress(source, target);
    }
    Codec.copyTypedValue(source, target);
  }

  @Override
  public TypeSerializerSnapshot<Envelope> snapshotConfiguration() {
    return functionTypes.isEmpty() ? new Snapshot() : new FunctionTypesSnapshot(functionTypes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvelopeSerializer other && functionTypes.equals(other.functionTypes);
  }

  @Override
  public int hashCode() {
    return functionTypes.hashCode();
  }

  /**
   * The snapshot of an {@link EnvelopeSerializer} with function types. Content codes mean the same
   * type in every application, so a serializer reads what another wrote once it knows the types
   * that one knew: a restore adds the restored types to the current ones.
   */
  public static final class FunctionTypesSnapshot extends FunctionTypeListSnapshot<Envelope> {
    /** For reading a snapshot back. */
    public FunctionTypesSnapshot() {
      this(List.of());
    }

    FunctionTypesSnapshot(List<TypeName> functionTypes) {
      super(functionTypes);
    }

    @Override
    public TypeSerializer<Envelope> restoreSerializer() {
      return new EnvelopeSerializer(functionTypes());
    }

    @Override
    public TypeSerializerSchemaCompatibility<Envelope> resolveSchemaCompatibility(
        TypeSerializerSnapshot<Envelope> oldSerializerSnapshot) {
      Set<TypeName> known = new LinkedHashSet<>(functionTypes());
      if (oldSerializerSnapshot instanceof FunctionTypesSnapshot old) {
        known.addAll(old.functionTypes());
      } else if (!(oldSerializerSnapshot instanceof Snapshot)) {
        return TypeSerializerSchemaCompatibility.incompatible();
      }
      return known.size() == functionTypes().size()
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
              new EnvelopeSerializer(List.copyOf(known)));
    }
  }

  /** Snapshot of {@link EnvelopeSerializer} without function types: names only. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Envelope> {
    public Snapshot() {
      super(EnvelopeSerializer::new);
    }
  }
}

package io.statefun.runtime.state;

import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of one function value. The value's type name is kept in the serializer's snapshot, not
 * next to every value: it costs nothing per access, and restoring a value under a different type
 * is refused instead of misread.
 */
final class ValueBytesSerializer extends TypeSerializer<byte[]> {
  private static final long serialVersionUID = 1L;
  private static final byte[] EMPTY = new byte[0];

  private final TypeName typeName;

  ValueBytesSerializer(TypeName typeName) {
    this.typeName = typeName;
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<byte[]> duplicate() {
    return this;
  }

  @Override
  public byte[] createInstance() {
    return EMPTY;
  }

  @Override
  public byte[] copy(byte[] from) {
    return Arrays.copyOf(from, from.length);
  }

  @Override
  public byte[] copy(byte[] from, byte[] reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(byte[] record, DataOutputView target) throws IOException {
    target.writeInt(record.length);
    target.write(record);
  }

  @Override
  public byte[] deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return bytes;
  }

  @Override
  public byte[] deserialize(byte[] reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    // not target.write(source, length): Flink 2.2's DataOutputSerializer does not grow for that one
    byte[] bytes = new byte[length];
    source.readFully(bytes);
    target.write(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueBytesSerializer other && typeName.equals(other.typeName);
  }

  @Override
  public int hashCode() {
    return typeName.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<byte[]> snapshotConfiguration() {
    return new Snapshot(typeName);
  }

  /** Remembers the value's type name. */
  public static final class Snapshot implements TypeSerializerSnapshot<byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshot.class);
    private TypeName typeName;

    /** For Flink's restore path. */
    public Snapshot() {}

    Snapshot(TypeName typeName) {
      this.typeName = typeName;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(typeName.canonical());
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
        throws IOException {
      typeName = TypeName.parse(in.readUTF());
    }

    @Override
    public TypeSerializer<byte[]> restoreSerializer() {
      return new ValueBytesSerializer(typeName);
    }

    @Override
    public TypeSerializerSchemaCompatibility<byte[]> resolveSchemaCompatibility(
        TypeSerializerSnapshot<byte[]> oldSnapshot) {
      if (oldSnapshot instanceof Snapshot old && old.typeName.equals(typeName)) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      String old = oldSnapshot instanceof Snapshot s ? s.typeName.canonical() : oldSnapshot.toString();
      LOG.error(
          "A function value was stored as type {} and is now declared as {}; it cannot be restored",
          old,
          typeName);
      return TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}

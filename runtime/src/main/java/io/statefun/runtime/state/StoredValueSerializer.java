package io.statefun.runtime.state;

import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function value as Flink stores it: a value of an immutable built-in type ({@link
 * StoredValues#keepsObjects}) as the object itself, so heap state reads and writes it without
 * encoding; any other value as its encoded bytes. On the wire both are the value's encoding, length
 * first. The value's type name is kept in the serializer's snapshot, not next to every value: it
 * costs nothing per access, and restoring a value under a different type is refused instead of
 * misread.
 *
 * <p>A restored serializer knows only the type name, so it reads values as bytes; {@link
 * StoredValues#toValue} decodes those when they are read.
 */
final class StoredValueSerializer extends TypeSerializer<Object> {
  private static final long serialVersionUID = 1L;
  private static final byte[] EMPTY = new byte[0];

  private final TypeName typeName;

  /** The type of values kept as objects, or null when every value is kept as bytes. */
  @SuppressWarnings("rawtypes")
  private final transient @Nullable Type objectType;

  StoredValueSerializer(TypeName typeName, @Nullable Type<?> objectType) {
    this.typeName = typeName;
    this.objectType = objectType;
  }

  /** Stored values are never changed in place: a write stores a new object or array. */
  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TypeSerializer<Object> duplicate() {
    return this;
  }

  @Override
  public Object createInstance() {
    return EMPTY;
  }

  @Override
  public Object copy(Object from) {
    return from;
  }

  @Override
  public Object copy(Object from, Object reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Object record, DataOutputView target) throws IOException {
    byte[] bytes = record instanceof byte[] encoded ? encoded : encode(record);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  /**
   * Encodes a value kept as an object. A serializer restored from a snapshot has no object type,
   * yet gets the objects of the running job's state when Flink writes a canonical savepoint of heap
   * state with it: the type name then says which built-in type they are.
   */
  @SuppressWarnings("unchecked")
  private byte[] encode(Object record) {
    Type type = objectType != null ? objectType : StoredValues.keptAsObjects(typeName);
    if (type == null) {
      throw new IllegalStateException(
          "A value of type "
              + typeName
              + " is kept as an object, but "
              + typeName
              + " is not a built-in type");
    }
    return type.serialize(record);
  }

  @Override
  public Object deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return objectType == null ? bytes : objectType.deserialize(bytes);
  }

  @Override
  public Object deserialize(Object reuse, DataInputView source) throws IOException {
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
    return o instanceof StoredValueSerializer other && typeName.equals(other.typeName);
  }

  @Override
  public int hashCode() {
    return typeName.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<Object> snapshotConfiguration() {
    return new Snapshot(typeName);
  }

  /** Remembers the value's type name. */
  public static final class Snapshot implements TypeSerializerSnapshot<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshot.class);
    private TypeName typeName;

    /** For Flink's restore path. */
    public Snapshot() {}

    Snapshot(TypeName typeName) {
      this.typeName = typeName;
    }

    TypeName typeName() {
      return typeName;
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
    public TypeSerializer<Object> restoreSerializer() {
      return new StoredValueSerializer(typeName, null);
    }

    @Override
    public TypeSerializerSchemaCompatibility<Object> resolveSchemaCompatibility(
        TypeSerializerSnapshot<Object> oldSnapshot) {
      if (oldSnapshot instanceof Snapshot old && old.typeName.equals(typeName)) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      String old =
          oldSnapshot instanceof Snapshot s ? s.typeName.canonical() : oldSnapshot.toString();
      LOG.error(
          "A function value was stored as type {} and is now declared as {}; it cannot be restored",
          old,
          typeName);
      return TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}

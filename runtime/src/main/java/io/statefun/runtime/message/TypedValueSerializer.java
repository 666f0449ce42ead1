package io.statefun.runtime.message;

import io.statefun.sdk.TypedValue;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes {@link TypedValue}: the records handed to egresses. */
@Internal
public final class TypedValueSerializer extends ImmutableRecordSerializer<TypedValue> {
  private static final long serialVersionUID = 1L;

  private final transient Codec codec = new Codec();

  @Override
  public TypeSerializer<TypedValue> duplicate() {
    return new TypedValueSerializer();
  }

  @Override
  public void serialize(TypedValue record, DataOutputView target) throws IOException {
    codec.writeTypedValue(record, target);
  }

  @Override
  public TypedValue deserialize(DataInputView source) throws IOException {
    return codec.readTypedValue(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    Codec.copyTypedValue(source, target);
  }

  @Override
  public TypeSerializerSnapshot<TypedValue> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of {@link TypedValueSerializer}, which has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<TypedValue> {
    public Snapshot() {
      super(TypedValueSerializer::new);
    }
  }
}

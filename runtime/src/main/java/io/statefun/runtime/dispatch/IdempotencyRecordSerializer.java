package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.ImmutableRecordSerializer;
import io.statefun.runtime.message.TypedValueSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link IdempotencyRecord}: a tag byte (0 in progress, 1 replied), then the waiters'
 * count and ids, or the reply as a typed value.
 */
public final class IdempotencyRecordSerializer
    extends ImmutableRecordSerializer<IdempotencyRecord> {
  private static final long serialVersionUID = 1L;
  private static final byte IN_PROGRESS = 0;
  private static final byte REPLIED = 1;

  private final transient TypedValueSerializer values = new TypedValueSerializer();

  @Override
  public TypeSerializer<IdempotencyRecord> duplicate() {
    return new IdempotencyRecordSerializer();
  }

  @Override
  public void serialize(IdempotencyRecord record, DataOutputView target) throws IOException {
    if (record instanceof IdempotencyRecord.InProgress inProgress) {
      target.writeByte(IN_PROGRESS);
      target.writeInt(inProgress.waiters().size());
      for (String waiter : inProgress.waiters()) {
        target.writeUTF(waiter);
      }
    } else {
      target.writeByte(REPLIED);
      values.serialize(((IdempotencyRecord.Replied) record).reply(), target);
    }
  }

  @Override
  public IdempotencyRecord deserialize(DataInputView source) throws IOException {
    byte tag = source.readByte();
    switch (tag) {
      case IN_PROGRESS -> {
        int count = source.readInt();
        List<String> waiters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          waiters.add(source.readUTF());
        }
        return new IdempotencyRecord.InProgress(waiters);
      }
      case REPLIED -> {
        return new IdempotencyRecord.Replied(values.deserialize(source));
      }
      default -> throw new IOException("unknown idempotency record tag " + tag);
    }
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<IdempotencyRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of {@link IdempotencyRecordSerializer}, which has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<IdempotencyRecord> {
    public Snapshot() {
      super(IdempotencyRecordSerializer::new);
    }
  }
}

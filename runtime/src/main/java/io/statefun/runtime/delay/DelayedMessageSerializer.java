package io.statefun.runtime.delay;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import io.statefun.runtime.message.ImmutableRecordSerializer;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Serializes {@link DelayedMessage}: an optional token, then the envelope. */
@Internal
public final class DelayedMessageSerializer extends ImmutableRecordSerializer<DelayedMessage> {
  private static final long serialVersionUID = 1L;

  private final EnvelopeSerializer envelopes = new EnvelopeSerializer();

  @Override
  public TypeSerializer<DelayedMessage> duplicate() {
    return new DelayedMessageSerializer();
  }

  @Override
  public void serialize(DelayedMessage record, DataOutputView target) throws IOException {
    String token = record.cancellationToken();
    target.writeBoolean(token != null);
    if (token != null) {
      StringValue.writeString(token, target);
    }
    envelopes.serialize(record.envelope(), target);
  }

  @Override
  public DelayedMessage deserialize(DataInputView source) throws IOException {
    String token = source.readBoolean() ? StringValue.readString(source) : null;
    Envelope envelope = envelopes.deserialize(source);
    return new DelayedMessage(token, envelope);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    boolean hasToken = source.readBoolean();
    target.writeBoolean(hasToken);
    if (hasToken) {
      StringValue.copyString(source, target);
    }
    envelopes.copy(source, target);
  }

  @Override
  public TypeSerializerSnapshot<DelayedMessage> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the serializer, which has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<DelayedMessage> {
    public Snapshot() {
      super(DelayedMessageSerializer::new);
    }
  }
}

package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link Envelope}: target, an optional caller, then the typed value. Envelopes are
 * immutable, so copies are the same object.
 */
@Internal
public final class EnvelopeSerializer extends ImmutableRecordSerializer<Envelope> {
  private static final long serialVersionUID = 1L;

  private final transient Codec codec = new Codec();

  @Override
  public TypeSerializer<Envelope> duplicate() {
    return new EnvelopeSerializer();
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
    return new Snapshot();
  }

  /** Snapshot of {@link EnvelopeSerializer}, which has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Envelope> {
    public Snapshot() {
      super(EnvelopeSerializer::new);
    }
  }
}

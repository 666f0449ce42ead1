package io.statefun.savepoint;

import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.delay.DelayedMessageSerializer;
import io.statefun.runtime.dispatch.IdempotencyRecord;
import io.statefun.runtime.dispatch.IdempotencyRecordSerializer;
import io.statefun.runtime.message.AddressSerializer;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import io.statefun.runtime.message.ImmutableRecordSerializer;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.runtime.message.TypedValueSerializer;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Moves {@link AddressState} between the tasks of a reading or writing job. */
final class AddressStateSerializer extends ImmutableRecordSerializer<AddressState> {
  private static final long serialVersionUID = 1L;

  static final TypeInformation<AddressState> TYPE =
      RuntimeTypes.of(AddressState.class, AddressStateSerializer::new);

  private final AddressSerializer addresses = new AddressSerializer();
  private final TypedValueSerializer values = new TypedValueSerializer();
  private final DelayedMessageSerializer delayed = new DelayedMessageSerializer();
  private final EnvelopeSerializer envelopes = new EnvelopeSerializer();
  private final IdempotencyRecordSerializer records = new IdempotencyRecordSerializer();

  @Override
  public TypeSerializer<AddressState> duplicate() {
    return new AddressStateSerializer();
  }

  @Override
  public void serialize(AddressState state, DataOutputView out) throws IOException {
    // the State Processor API's source emits null for a key its reader function skipped
    out.writeBoolean(state != null);
    if (state == null) {
      return;
    }
    addresses.serialize(state.address(), out);
    out.writeInt(state.values().size());
    for (Map.Entry<String, TypedValue> value : state.values().entrySet()) {
      out.writeUTF(value.getKey());
      values.serialize(value.getValue(), out);
    }
    out.writeInt(state.delayed().size());
    for (Map.Entry<Long, List<DelayedMessage>> due : state.delayed().entrySet()) {
      out.writeLong(due.getKey());
      out.writeInt(due.getValue().size());
      for (DelayedMessage message : due.getValue()) {
        delayed.serialize(message, out);
      }
    }
    writeEnvelopes(state.inFlight(), out);
    writeEnvelopes(state.backlog(), out);
    writeEnvelopes(state.inTransit(), out);
    out.writeInt(state.idempotency().size());
    for (Map.Entry<TypeName, Map<String, IdempotencyRecord>> byKey :
        state.idempotency().entrySet()) {
      out.writeUTF(byKey.getKey().canonical());
      out.writeInt(byKey.getValue().size());
      for (Map.Entry<String, IdempotencyRecord> record : byKey.getValue().entrySet()) {
        out.writeUTF(record.getKey());
        records.serialize(record.getValue(), out);
      }
    }
  }

  @Override
  public AddressState deserialize(DataInputView in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    Address address = addresses.deserialize(in);
    Map<String, TypedValue> valueMap = new TreeMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      valueMap.put(in.readUTF(), values.deserialize(in));
    }
    Map<Long, List<DelayedMessage>> delayedMap = new TreeMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      long time = in.readLong();
      List<DelayedMessage> messages = new ArrayList<>();
      for (int j = in.readInt(); j > 0; j--) {
        messages.add(delayed.deserialize(in));
      }
      delayedMap.put(time, messages);
    }
    List<Envelope> inFlight = readEnvelopes(in);
    List<Envelope> backlog = readEnvelopes(in);
    List<Envelope> inTransit = readEnvelopes(in);
    Map<TypeName, Map<String, IdempotencyRecord>> idempotency = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      Map<String, IdempotencyRecord> byKey = new TreeMap<>();
      idempotency.put(TypeName.parse(in.readUTF()), byKey);
      for (int j = in.readInt(); j > 0; j--) {
        byKey.put(in.readUTF(), records.deserialize(in));
      }
    }
    return new AddressState(
        address, valueMap, delayedMap, inFlight, backlog, inTransit, idempotency);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  private void writeEnvelopes(List<Envelope> list, DataOutputView out) throws IOException {
    out.writeInt(list.size());
    for (Envelope envelope : list) {
      envelopes.serialize(envelope, out);
    }
  }

  private List<Envelope> readEnvelopes(DataInputView in) throws IOException {
    List<Envelope> list = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      list.add(envelopes.deserialize(in));
    }
    return list;
  }

  @Override
  public TypeSerializerSnapshot<AddressState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the serializer, which has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AddressState> {
    public Snapshot() {
      super(AddressStateSerializer::new);
    }
  }
}

package io.statefun.savepoint;

import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.delay.DelayedMessages;
import io.statefun.runtime.dispatch.FunctionDispatcherOperator;
import io.statefun.runtime.dispatch.IdempotencyRecord;
import io.statefun.runtime.dispatch.IdempotencyState;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import io.statefun.runtime.state.FunctionValueStates;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * Reads everything the functions operator keeps for one address into an {@link AddressState}.
 * Values and idempotency records are read (values as bytes) under descriptors without TTL: Flink
 * strips the expiry stamp of state stored with TTL, so an entry not yet cleaned up is shown even if
 * its time has passed.
 */
final class AddressStateReaderFunction extends KeyedStateReaderFunction<Address, AddressState> {
  private static final long serialVersionUID = 1L;

  private final Map<String, TypeName> valueStates;
  private final Set<TypeName> replyTypes;
  private final AddressFilter filter;

  private transient Map<String, ValueState<Object>> values;
  private transient Map<TypeName, MapState<String, IdempotencyRecord>> idempotency;
  private transient MapState<Long, List<DelayedMessage>> delayed;
  private transient ListState<Envelope> inFlight;
  private transient ListState<Envelope> backlog;

  /**
   * @param valueStates the function value states to read, with their types
   * @param replyTypes the reply types whose idempotency records to read
   */
  AddressStateReaderFunction(
      Map<String, TypeName> valueStates, Set<TypeName> replyTypes, AddressFilter filter) {
    this.valueStates = new TreeMap<>(valueStates);
    this.replyTypes = Set.copyOf(replyTypes);
    this.filter = filter;
  }

  @Override
  public void open(OpenContext context) {
    values = new LinkedHashMap<>();
    valueStates.forEach(
        (name, type) ->
            values.put(
                name,
                getRuntimeContext().getState(FunctionValueStates.bytesDescriptor(name, type))));
    idempotency = new LinkedHashMap<>();
    for (TypeName replyType : replyTypes) {
      idempotency.put(
          replyType, getRuntimeContext().getMapState(IdempotencyState.descriptor(replyType, null)));
    }
    delayed = getRuntimeContext().getMapState(DelayedMessages.messagesDescriptor());
    inFlight =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>(
                    FunctionDispatcherOperator.IN_FLIGHT_STATE, new EnvelopeSerializer()));
    backlog =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>(
                    FunctionDispatcherOperator.BACKLOG_STATE, new EnvelopeSerializer()));
  }

  @Override
  public void readKey(Address address, Context context, Collector<AddressState> out)
      throws Exception {
    if (!filter.test(address)) {
      return;
    }
    String prefix = FunctionValueStates.stateName(address.type(), "");
    Map<String, TypedValue> addressValues = new TreeMap<>();
    for (Map.Entry<String, ValueState<Object>> state : values.entrySet()) {
      if (!state.getKey().startsWith(prefix)) {
        continue;
      }
      Object stored = state.getValue().value();
      if (stored != null) {
        addressValues.put(
            state.getKey().substring(prefix.length()),
            new TypedValue(valueStates.get(state.getKey()), (byte[]) stored));
      }
    }
    Map<Long, List<DelayedMessage>> pending = new TreeMap<>();
    for (Map.Entry<Long, List<DelayedMessage>> due : delayed.entries()) {
      pending.put(due.getKey(), due.getValue());
    }
    Map<TypeName, Map<String, IdempotencyRecord>> records = new LinkedHashMap<>();
    for (Map.Entry<TypeName, MapState<String, IdempotencyRecord>> state : idempotency.entrySet()) {
      Map<String, IdempotencyRecord> byKey = new TreeMap<>();
      for (Map.Entry<String, IdempotencyRecord> record : state.getValue().entries()) {
        byKey.put(record.getKey(), record.getValue());
      }
      records.put(state.getKey(), byKey);
    }
    AddressState state =
        new AddressState(
            address, addressValues, pending, list(inFlight), list(backlog), List.of(), records);
    if (!state.isEmpty()) {
      out.collect(state);
    }
  }

  private static List<Envelope> list(ListState<Envelope> state) throws Exception {
    List<Envelope> list = new ArrayList<>();
    Iterable<Envelope> stored = state.get();
    if (stored != null) {
      stored.forEach(list::add);
    }
    return list;
  }
}

package io.statefun.savepoint;

import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.delay.DelayedMessages;
import io.statefun.runtime.dispatch.FunctionDispatcherOperator;
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
 * Values are read as bytes under a descriptor without TTL: Flink strips the expiry stamp of a value
 * stored with TTL, so a value not yet cleaned up is shown even if its time has passed.
 */
final class AddressStateReaderFunction extends KeyedStateReaderFunction<Address, AddressState> {
  private static final long serialVersionUID = 1L;

  private final Map<String, TypeName> valueStates;
  private final AddressFilter filter;

  private transient Map<String, ValueState<Object>> values;
  private transient MapState<Long, List<DelayedMessage>> delayed;
  private transient ListState<Envelope> inFlight;
  private transient ListState<Envelope> backlog;

  AddressStateReaderFunction(Map<String, TypeName> valueStates, AddressFilter filter) {
    this.valueStates = new TreeMap<>(valueStates);
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
    AddressState state =
        new AddressState(address, addressValues, pending, list(inFlight), list(backlog), List.of());
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

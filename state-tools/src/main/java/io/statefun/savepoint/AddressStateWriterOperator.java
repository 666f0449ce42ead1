package io.statefun.savepoint;

import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.delay.DelayedMessages;
import io.statefun.runtime.dispatch.FunctionDispatcherOperator;
import io.statefun.runtime.dispatch.IdempotencyRecord;
import io.statefun.runtime.dispatch.IdempotencyState;
import io.statefun.runtime.feedback.FeedbackLog;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import io.statefun.runtime.state.FunctionValueStates;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.state.api.output.SnapshotUtils;
import org.apache.flink.state.api.output.TaggedOperatorSubtaskState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Writes {@link AddressState}s as the functions operator keeps them, then snapshots itself into the
 * new savepoint: the same keyed states (values as bytes, and idempotency records, both without
 * TTL), and the messages in the feedback loop as raw keyed state in the dispatcher's format, so a
 * job restores it as its own. Timers of delayed messages are not written: the dispatcher sets them
 * again from the delayed messages it restores. Task thread only.
 */
final class AddressStateWriterOperator extends AbstractStreamOperator<TaggedOperatorSubtaskState>
    implements OneInputStreamOperator<AddressState, TaggedOperatorSubtaskState>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private final long checkpointId;
  private final long timestamp;
  private final Path savepointPath;

  private transient Map<String, ValueState<Object>> values;
  private transient Map<String, TypeName> valueTypes;
  private transient Map<TypeName, MapState<String, IdempotencyRecord>> idempotency;
  private transient MapState<Long, List<DelayedMessage>> delayed;
  private transient MapState<String, Long> tokens;
  private transient ListState<Envelope> inFlight;
  private transient ListState<Envelope> backlog;
  private transient List<Envelope> inTransit;

  AddressStateWriterOperator(long checkpointId, long timestamp, Path savepointPath) {
    this.checkpointId = checkpointId;
    this.timestamp = timestamp;
    this.savepointPath = savepointPath;
  }

  @Override
  public void open() throws Exception {
    super.open();
    values = new HashMap<>();
    valueTypes = new HashMap<>();
    idempotency = new HashMap<>();
    delayed = getRuntimeContext().getMapState(DelayedMessages.messagesDescriptor());
    tokens = getRuntimeContext().getMapState(DelayedMessages.tokensDescriptor());
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
    inTransit = new ArrayList<>();
  }

  @Override
  public void processElement(StreamRecord<AddressState> element) throws Exception {
    AddressState state = element.getValue();
    for (Map.Entry<String, TypedValue> value : state.values().entrySet()) {
      String name = FunctionValueStates.stateName(state.address().type(), value.getKey());
      valueState(name, value.getValue().typeName()).update(value.getValue().value());
    }
    for (Map.Entry<Long, List<DelayedMessage>> due : state.delayed().entrySet()) {
      delayed.put(due.getKey(), due.getValue());
      for (DelayedMessage message : due.getValue()) {
        if (message.cancellationToken() != null) {
          tokens.put(message.cancellationToken(), due.getKey());
        }
      }
    }
    if (!state.inFlight().isEmpty()) {
      inFlight.update(state.inFlight());
    }
    if (!state.backlog().isEmpty()) {
      backlog.update(state.backlog());
    }
    inTransit.addAll(state.inTransit());
    for (Map.Entry<TypeName, Map<String, IdempotencyRecord>> records :
        state.idempotency().entrySet()) {
      idempotency
          .computeIfAbsent(
              records.getKey(),
              replyType ->
                  getRuntimeContext().getMapState(IdempotencyState.descriptor(replyType, null)))
          .putAll(records.getValue());
    }
  }

  private ValueState<Object> valueState(String name, TypeName type) {
    TypeName known = valueTypes.putIfAbsent(name, type);
    if (known != null && !known.equals(type)) {
      throw new IllegalArgumentException(
          "State " + name + " gets values of type " + type + " and of type " + known);
    }
    return values.computeIfAbsent(
        name, n -> getRuntimeContext().getState(FunctionValueStates.bytesDescriptor(n, type)));
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    FeedbackLog.write(
        inTransit,
        getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks(),
        context.getRawKeyedOperatorStateOutput());
  }

  @Override
  protected boolean isUsingCustomRawKeyedState() {
    return true;
  }

  @Override
  public void endInput() throws Exception {
    Configuration job = getContainingTask().getJobConfiguration();
    TaggedOperatorSubtaskState snapshot =
        SnapshotUtils.snapshot(
            checkpointId,
            this,
            getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
            timestamp,
            CheckpointingOptions.getCheckpointingMode(job),
            CheckpointingOptions.isUnalignedCheckpointEnabled(job),
            getContainingTask().getConfiguration().getConfiguration(),
            savepointPath);
    output.collect(new StreamRecord<>(snapshot));
  }
}

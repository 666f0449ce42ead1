package io.statefun.savepoint;

import io.statefun.runtime.dispatch.IdempotencyState;
import io.statefun.runtime.feedback.FeedbackLog;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.state.FunctionValueStates;
import io.statefun.sdk.TypeName;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.AbstractIncrementalStateHandle;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.runtime.SavepointLoader;

/**
 * What a savepoint (or retained checkpoint) holds for the functions operator, read from its
 * metadata and state files before any job runs: the function value states with their types (state
 * names are created at run time, so only the snapshot knows them), the reply types it keeps
 * idempotency records for (one state per ingress that takes idempotency keys), the max parallelism,
 * whether its keyed state is in RocksDB's own format, and the messages that were in the feedback
 * loop (raw keyed state, which the State Processor API does not read: the feedback operator's, and
 * in snapshots taken before the feedback sink logged the loop, the functions operator's).
 */
final class FunctionsOperatorSnapshot {
  /** The uid of the functions operator in every deployment mode (StatefunJobAssembler). */
  static final String FUNCTIONS_UID = "functions";

  static final OperatorIdentifier FUNCTIONS = OperatorIdentifier.forUid(FUNCTIONS_UID);

  /** The uid of the feedback sink, which logs the loop's messages (StatefunJobAssembler). */
  static final OperatorIdentifier FEEDBACK = OperatorIdentifier.forUid("feedback");

  private final int maxParallelism;
  private final Map<String, TypeName> valueStates;
  private final Set<TypeName> idempotencyReplyTypes;
  private final boolean rocksDbFormat;
  private final List<Envelope> inTransit;

  private FunctionsOperatorSnapshot(
      int maxParallelism,
      Map<String, TypeName> valueStates,
      Set<TypeName> idempotencyReplyTypes,
      boolean rocksDbFormat,
      List<Envelope> inTransit) {
    this.maxParallelism = maxParallelism;
    this.valueStates = valueStates;
    this.idempotencyReplyTypes = idempotencyReplyTypes;
    this.rocksDbFormat = rocksDbFormat;
    this.inTransit = inTransit;
  }

  /** Reads the functions operator's part of the savepoint at {@code path}. */
  static FunctionsOperatorSnapshot load(String path) throws IOException {
    CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(path);
    OperatorState operator =
        metadata.getOperatorStates().stream()
            .filter(o -> o.getOperatorID().equals(FUNCTIONS.getOperatorId()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IOException(
                        "Savepoint "
                            + path
                            + " holds no state of the functions operator (uid '"
                            + FUNCTIONS_UID
                            + "'); is it a Stateful Functions savepoint?"));
    Map<String, TypeName> valueStates = new TreeMap<>();
    Set<TypeName> idempotencyReplyTypes = new LinkedHashSet<>();
    boolean rocksDbFormat = false;
    List<Envelope> inTransit = new ArrayList<>();
    ClassLoader classLoader = FunctionsOperatorSnapshot.class.getClassLoader();
    for (OperatorSubtaskState subtask : operator.getStates()) {
      for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
        StreamStateHandle metaStream;
        if (handle instanceof KeyGroupsStateHandle groups) {
          metaStream = groups;
        } else if (handle instanceof AbstractIncrementalStateHandle incremental) {
          metaStream = incremental.getMetaDataStateHandle();
          rocksDbFormat = true;
        } else {
          throw new IOException(
              "Savepoint "
                  + path
                  + " keeps function state in a "
                  + handle.getClass().getSimpleName()
                  + ", which the state tools cannot read (changelog state backend?)");
        }
        try (FSDataInputStream in = metaStream.openInputStream()) {
          KeyedBackendSerializationProxy<?> proxy =
              new KeyedBackendSerializationProxy<>(classLoader);
          proxy.read(new DataInputViewStreamWrapper(in));
          for (StateMetaInfoSnapshot state : proxy.getStateMetaInfoSnapshots()) {
            if (state.getBackendStateType() != StateMetaInfoSnapshot.BackendStateType.KEY_VALUE) {
              continue;
            }
            Optional<TypeName> type =
                FunctionValueStates.valueType(
                    state.getTypeSerializerSnapshot(
                        StateMetaInfoSnapshot.CommonSerializerKeys.VALUE_SERIALIZER));
            type.ifPresent(t -> valueStates.put(state.getName(), t));
            IdempotencyState.replyType(state.getName()).ifPresent(idempotencyReplyTypes::add);
          }
        }
      }
      readFeedbackLogs(subtask, inTransit);
    }
    for (OperatorState feedback : metadata.getOperatorStates()) {
      if (feedback.getOperatorID().equals(FEEDBACK.getOperatorId())) {
        for (OperatorSubtaskState subtask : feedback.getStates()) {
          readFeedbackLogs(subtask, inTransit);
        }
      }
    }
    return new FunctionsOperatorSnapshot(
        operator.getMaxParallelism(),
        valueStates,
        Set.copyOf(idempotencyReplyTypes),
        rocksDbFormat,
        inTransit);
  }

  private static void readFeedbackLogs(OperatorSubtaskState subtask, List<Envelope> into)
      throws IOException {
    for (KeyedStateHandle handle : subtask.getRawKeyedState()) {
      if (handle instanceof KeyGroupsStateHandle groups) {
        readFeedbackLog(groups, into);
      }
    }
  }

  private static void readFeedbackLog(KeyGroupsStateHandle groups, List<Envelope> into)
      throws IOException {
    try (FSDataInputStream in = groups.openInputStream()) {
      for (Tuple2<Integer, Long> group : groups.getGroupRangeOffsets()) {
        in.seek(group.f1);
        FeedbackLog.read(new KeyGroupStatePartitionStreamProvider(unclosable(in), group.f0), into);
      }
    }
  }

  private static InputStream unclosable(FSDataInputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  int maxParallelism() {
    return maxParallelism;
  }

  /** Function value state names and the type each stores. */
  Map<String, TypeName> valueStates() {
    return valueStates;
  }

  /** The reply types (ingresses) whose idempotency records the functions operator keeps. */
  Set<TypeName> idempotencyReplyTypes() {
    return idempotencyReplyTypes;
  }

  boolean rocksDbFormat() {
    return rocksDbFormat;
  }

  /** The messages that were between functions (in the feedback loop) when it was taken. */
  List<Envelope> inTransit() {
    return inTransit;
  }
}

package io.statefun.savepoint;

import io.statefun.sdk.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Writes a copy of a savepoint with its function state edited ({@link StateEdit}s, in order); every
 * other operator's state is copied as it is. The input is only read, never changed. Everything the
 * functions operator keeps is carried over: values, pending delayed messages (their timers are set
 * again by the job from them), unfinished invocations and their backlogs, the messages in the
 * feedback loop, and the idempotency records of requests with an idempotency key. Values and
 * records with TTL are written without it, so their expiry starts again when the job restores them.
 */
public final class StateTransformer {
  private final StreamExecutionEnvironment env;

  public StateTransformer(StreamExecutionEnvironment env) {
    this.env = env;
  }

  public void transform(String input, String output, List<StateEdit> edits) throws Exception {
    FunctionsOperatorSnapshot snapshot = FunctionsOperatorSnapshot.load(input);
    List<StateEdit> resolved = new ArrayList<>();
    Map<String, TypeName> types = new HashMap<>(snapshot.valueStates());
    for (StateEdit edit : edits) {
      StateEdit checked = edit.resolve(types);
      checked.updateTypes(types);
      resolved.add(checked);
    }
    DataStream<AddressState> edited =
        new StateReader(env)
            .stream(input, snapshot, AddressFilter.ALL)
                .flatMap(new Edits(resolved))
                .returns(AddressStateSerializer.TYPE);
    // a set value also comes on its own, for an address the savepoint does not hold yet; where it
    // does, both records carry the same value
    List<AddressState> sets = new ArrayList<>();
    for (StateEdit edit : resolved) {
      if (edit instanceof StateEdit.SetValue set) {
        sets.add(set.asState());
      }
    }
    if (!sets.isEmpty()) {
      edited = edited.union(env.fromData(sets, AddressStateSerializer.TYPE));
    }
    SavepointWriter.fromExistingSavepoint(env, input, StateReader.backendFor(snapshot))
        .removeOperator(FunctionsOperatorSnapshot.FUNCTIONS)
        // the loop's messages move into the functions operator's state with their addresses
        .removeOperator(FunctionsOperatorSnapshot.FEEDBACK)
        .withOperator(FunctionsOperatorSnapshot.FUNCTIONS, StateBootstrap.transformation(edited))
        .write(output);
    env.execute("statefun state transform");
  }

  /** Applies the edits to each address; drops an address an edit drops. */
  private static final class Edits implements FlatMapFunction<AddressState, AddressState> {
    private static final long serialVersionUID = 1L;
    private final List<StateEdit> edits;

    Edits(List<StateEdit> edits) {
      this.edits = List.copyOf(edits);
    }

    @Override
    public void flatMap(AddressState state, Collector<AddressState> out) {
      AddressState edited = state;
      for (StateEdit edit : edits) {
        edited = edit.apply(edited);
        if (edited == null) {
          return;
        }
      }
      out.collect(edited);
    }
  }
}

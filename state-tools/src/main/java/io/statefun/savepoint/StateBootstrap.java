package io.statefun.savepoint;

import io.statefun.runtime.message.RuntimeTypes;
import java.util.List;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;

/**
 * Writes a new savepoint holding function state, which any deployment (statefun local, master,
 * {@code flink run}) starts from with {@code -s}. Values are typed bytes, so no function code is
 * needed and remote functions are covered too.
 *
 * <p>Embedded users who compute their initial state in Flink use the {@code DataStream} form:
 *
 * <pre>{@code
 * DataStream<AddressState> initial = balances.map(b -> AddressState.ofValues(
 *     new Address(ACCOUNT, b.id()), Map.of("balance", TypedValue.of(Types.LONG, b.cents()))));
 * StateBootstrap.write(initial, "file:///savepoints/initial", StateBootstrap.DEFAULT_MAX_PARALLELISM);
 * env.execute("bootstrap");
 * }</pre>
 *
 * <p>Values with TTL are written without it: Flink stamps them when the job restores them, so their
 * expiry counts from the job's start.
 */
public final class StateBootstrap {
  /**
   * The max parallelism the job uses unless {@code pipeline.max-parallelism} is set: Flink's
   * default for a parallelism up to 85. A job started from the savepoint without that setting
   * adopts the savepoint's max parallelism.
   */
  public static final int DEFAULT_MAX_PARALLELISM = 128;

  private StateBootstrap() {}

  /**
   * Adds to {@code states}' environment a sink that writes them as a new savepoint at {@code path};
   * run the environment to write it. An address may come more than once: its parts are combined.
   */
  public static void write(DataStream<AddressState> states, String path, int maxParallelism) {
    SavepointWriter.newSavepoint(
            states.getExecutionEnvironment(), new HashMapStateBackend(), maxParallelism)
        .withOperator(FunctionsOperatorSnapshot.FUNCTIONS, transformation(states))
        .write(path);
  }

  /** Writes {@code states} as a new savepoint at {@code path}, running a job in {@code env}. */
  public static void write(
      StreamExecutionEnvironment env, List<AddressState> states, String path, int maxParallelism)
      throws Exception {
    write(env.fromData(states, AddressStateSerializer.TYPE), path, maxParallelism);
    env.execute("statefun state bootstrap");
  }

  static StateBootstrapTransformation<AddressState> transformation(
      DataStream<AddressState> states) {
    return OperatorTransformation.bootstrapWith(states)
        .keyBy(AddressState::address, RuntimeTypes.ADDRESS)
        .transform(
            (timestamp, path) ->
                SimpleOperatorFactory.of(new AddressStateWriterOperator(0L, timestamp, path)));
  }
}

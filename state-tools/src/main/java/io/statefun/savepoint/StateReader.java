package io.statefun.savepoint;

import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.sdk.Address;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Reads the function state of a savepoint or retained checkpoint: every address of every function
 * type, embedded or remote, with its values, pending delayed messages and queued messages. Runs a
 * small batch job in the given environment (a local one for the {@code statefun state read}
 * command).
 */
public final class StateReader {
  private final StreamExecutionEnvironment env;

  public StateReader(StreamExecutionEnvironment env) {
    this.env = env;
  }

  /** The addresses {@code filter} selects, sorted by function type and id. */
  public List<AddressState> read(String savepointPath, AddressFilter filter) throws Exception {
    FunctionsOperatorSnapshot snapshot = FunctionsOperatorSnapshot.load(savepointPath);
    List<AddressState> states = new ArrayList<>();
    try (CloseableIterator<AddressState> read =
        stream(savepointPath, snapshot, filter).executeAndCollect("statefun state read")) {
      read.forEachRemaining(states::add);
    }
    Map<Address, AddressState> byAddress = new HashMap<>();
    for (AddressState state : states) {
      byAddress.merge(state.address(), state, AddressState::merge);
    }
    List<AddressState> sorted = new ArrayList<>(byAddress.values());
    sorted.sort(
        Comparator.comparing((AddressState s) -> s.address().type().canonical())
            .thenComparing(s -> s.address().id()));
    return sorted;
  }

  /**
   * The state of every address in a stream, the messages in the feedback loop included as states of
   * their target (so an address may come twice: once with its state, once with those).
   */
  DataStream<AddressState> stream(
      String savepointPath, FunctionsOperatorSnapshot snapshot, AddressFilter filter)
      throws IOException {
    DataStream<AddressState> stored =
        SavepointReader.read(env, savepointPath, backendFor(snapshot))
            .readKeyedState(
                FunctionsOperatorSnapshot.FUNCTIONS,
                new AddressStateReaderFunction(
                    snapshot.valueStates(), snapshot.idempotencyReplyTypes(), filter),
                RuntimeTypes.ADDRESS,
                AddressStateSerializer.TYPE)
            .filter(Objects::nonNull); // a key the reader function skipped comes as null
    List<AddressState> inTransit =
        InTransitMessages.byTarget(snapshot.inTransit()).stream()
            .filter(s -> filter.test(s.address()))
            .toList();
    if (inTransit.isEmpty()) {
      return stored;
    }
    return stored.union(env.fromData(inTransit, AddressStateSerializer.TYPE));
  }

  /** RocksDB's own format needs RocksDB to read; Flink's canonical format reads on the heap. */
  static StateBackend backendFor(FunctionsOperatorSnapshot snapshot) {
    return snapshot.rocksDbFormat() ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
  }
}

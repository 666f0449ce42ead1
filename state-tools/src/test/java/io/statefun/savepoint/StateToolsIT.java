package io.statefun.savepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.dispatch.IdempotencyRecord;
import io.statefun.runtime.dispatch.IdempotencyState;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Address;
import io.statefun.sdk.Message;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state tools against savepoints of a running greeter: read what it counted, bootstrap state it
 * continues from, transform a savepoint and restore it.
 */
class StateToolsIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  @TempDir static Path dir;

  private static String greeterSavepoint;
  private static String remoteGreeterSavepoint;
  private static RemoteGreeter remoteGreeter;

  @BeforeAll
  static void startRemoteGreeter() throws Exception {
    remoteGreeter = new RemoteGreeter();
  }

  @AfterAll
  static void stopRemoteGreeter() {
    remoteGreeter.close();
  }

  @Test
  void readShowsWhatTheGreeterCounted() throws Exception {
    List<AddressState> states = read(greeterSavepoint(), AddressFilter.ALL);

    assertThat(seen(states))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "example/greeter/alice", 3,
                "example/greeter/bob", 2,
                "example/greeter/later-carol", 1,
                "example/other-greeter/dave", 1));
    AddressState carol =
        states.stream().filter(s -> s.address().id().equals("later-carol")).findFirst().get();
    assertThat(carol.delayed()).hasSize(1);
    assertThat(carol.delayed().values().iterator().next().get(0).cancellationToken())
        .isEqualTo("remind");
    assertThat(StateOutput.jsonLine(carol))
        .contains("\"values\":{\"seen\":{\"type\":\"io.statefun.types/int\",\"value\":1}}")
        .contains("\"token\":\"remind\"")
        .contains("\"target\":\"example/greeter/later-carol\"");

    assertThat(read(greeterSavepoint(), AddressFilter.of(GreeterModule.GREETER, "bob")))
        .extracting(s -> s.address().id())
        .containsExactly("bob");
  }

  @Test
  void readShowsWhatTheRemoteGreeterCounted() throws Exception {
    List<AddressState> states = read(remoteGreeterSavepoint(), AddressFilter.ALL);

    assertThat(seen(states))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("remote/greeter/alice", 3, "remote/greeter/bob", 2));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void bootstrappedStateIsWhereTheRemoteGreeterContinues(int parallelism) throws Exception {
    Path input = dir.resolve("bootstrap-remote-" + parallelism + ".jsonl");
    Files.writeString(
        input,
        "{\"function\": \"remote/greeter\", \"id\": \"alice\", \"values\": {\"seen\":"
            + " {\"type\": \"io.statefun.types/int\", \"value\": 2}}}\n");
    String savepoint = dir.resolve("bootstrapped-remote-" + parallelism).toUri().toString();
    StateBootstrap.write(
        env(),
        BootstrapInput.parse(input, FunctionCatalog.ANY),
        savepoint,
        StateBootstrap.DEFAULT_MAX_PARALLELISM);

    List<String> greetings =
        runFrom(
            savepoint, parallelism, List.of(GreeterModule.visit(RemoteGreeter.TYPE, "alice")), 1);

    assertThat(greetings).containsExactly("Hello alice, you are visitor #3");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void bootstrappedStateIsWhereTheGreeterContinues(int parallelism) throws Exception {
    Path input = dir.resolve("bootstrap-" + parallelism + ".jsonl");
    Files.writeString(
        input,
        "{\"function\": \"example/greeter\", \"id\": \"alice\", \"values\": {\"seen\":"
            + " {\"type\": \"io.statefun.types/int\", \"value\": 2}}}\n");
    String savepoint = dir.resolve("bootstrapped-" + parallelism).toUri().toString();
    StateBootstrap.write(
        env(),
        BootstrapInput.parse(input, FunctionCatalog.ANY),
        savepoint,
        StateBootstrap.DEFAULT_MAX_PARALLELISM);

    List<String> greetings =
        runFrom(savepoint, parallelism, List.of(GreeterModule.visit("alice")), 1);

    assertThat(greetings).containsExactly("Hello alice, you are visitor #3");
  }

  @Test
  void aBootstrappedDelayedMessageIsDeliveredWhenDue() throws Exception {
    // the savepoint holds the message but no timer: the dispatcher sets it from the message
    Address alice = new Address(GreeterModule.GREETER, "alice");
    Envelope reminder = new Envelope(alice, alice, TypedValue.of(Types.STRING, "reminder"));
    AddressState state =
        new AddressState(
            alice,
            Map.of("seen", TypedValue.of(Types.INT, 2)),
            Map.of(1L, List.of(new DelayedMessage("remind", reminder))),
            List.of(),
            List.of(),
            List.of());
    String savepoint = dir.resolve("bootstrapped-delayed").toUri().toString();
    StateBootstrap.write(env(), List.of(state), savepoint, StateBootstrap.DEFAULT_MAX_PARALLELISM);

    assertThat(runFrom(savepoint, 2, List.of(), 1))
        .containsExactly("Hello alice, you are visitor #3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aBootstrappedValueWithTimeToLiveIsThereWhenTheJobStarts(String stateBackend)
      throws Exception {
    // written without TTL; Flink 2.2 wraps it with the restore time when the job declares TTL
    Path input = dir.resolve("bootstrap-ttl-" + stateBackend + ".jsonl");
    Files.writeString(
        input,
        "{\"function\": \"example/session\", \"id\": \"s1\", \"values\": {\"token\":"
            + " {\"type\": \"io.statefun.types/string\", \"value\": \"abc\"}}}\n");
    String savepoint = dir.resolve("bootstrapped-ttl-" + stateBackend).toUri().toString();
    StateBootstrap.write(
        env(),
        BootstrapInput.parse(input, FunctionCatalog.ANY),
        savepoint,
        StateBootstrap.DEFAULT_MAX_PARALLELISM);

    ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        harness(2, List.of(), List.of(GreeterModule.visitSession("s1")), reports)
            .withStateBackend(stateBackend)
            .withConfiguration("execution.state-recovery.path", savepoint)
            .start()) {
      awaitSize(reports, 1, app);
      // now stored with TTL: read strips the expiry stamp
      String withTtl =
          app.jobClient()
              .stopWithSavepoint(
                  false,
                  dir.resolve("ttl-" + stateBackend).toUri().toString(),
                  SavepointFormatType.CANONICAL)
              .get(60, TimeUnit.SECONDS);
      assertThat(read(withTtl, AddressFilter.of(GreeterModule.SESSION, null)))
          .singleElement()
          .satisfies(s -> assertThat(s.values().get("token").as(Types.STRING)).isEqualTo("abc"));
    }

    assertThat(reports).containsExactly("token=abc");
  }

  @Test
  void readsASavepointInRocksDbsNativeFormat() throws Exception {
    List<Message> visits =
        List.of(
            GreeterModule.visit("alice"), GreeterModule.visit("alice"), GreeterModule.visit("bob"));
    ConcurrentLinkedQueue<String> greetings = new ConcurrentLinkedQueue<>();
    String savepoint;
    try (RunningApplication app =
        harness(2, visits, List.of(), greetings).withStateBackend("rocksdb").start()) {
      awaitSize(greetings, visits.size(), app);
      savepoint =
          app.jobClient()
              .stopWithSavepoint(
                  false, dir.resolve("native").toUri().toString(), SavepointFormatType.NATIVE)
              .get(60, TimeUnit.SECONDS);
    }

    assertThat(seen(read(savepoint, AddressFilter.ALL)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("example/greeter/alice", 2, "example/greeter/bob", 1));
  }

  @Test
  void readsARetainedIncrementalRocksDbCheckpoint() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    List<Message> visits =
        List.of(
            GreeterModule.visit("alice"), GreeterModule.visit("bob"), GreeterModule.visit("bob"));
    ConcurrentLinkedQueue<String> greetings = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        harness(2, visits, List.of(), greetings)
            .withStateBackend("rocksdb")
            .withConfiguration("execution.checkpointing.incremental", "true")
            .withConfiguration("execution.checkpointing.dir", checkpoints.toUri().toString())
            .withConfiguration(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION")
            .start()) {
      // greetings reach the egress once the checkpoint holding their state completed
      awaitSize(greetings, visits.size(), app);
    }
    Path latest;
    try (Stream<Path> found = Files.walk(checkpoints)) {
      latest =
          found
              .filter(p -> p.getFileName().toString().equals("_metadata"))
              .map(Path::getParent)
              .max(
                  java.util.Comparator.comparing(
                      p -> Integer.parseInt(p.getFileName().toString().substring(4))))
              .orElseThrow();
    }

    assertThat(seen(read(latest.toUri().toString(), AddressFilter.ALL)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("example/greeter/alice", 1, "example/greeter/bob", 2));
  }

  @Test
  void transformedSavepointRestoresAndTheInputStaysAsItWas() throws Exception {
    String input = greeterSavepoint();
    Map<Path, String> before = hashes(Path.of(java.net.URI.create(input)));
    String output = dir.resolve("transformed").toUri().toString();

    new StateTransformer(env())
        .transform(
            input,
            output,
            List.of(
                StateEdit.parseDropFunction("example/other-greeter"),
                StateEdit.parseRenameValue("example/greeter:seen=visits"),
                StateEdit.parseSet(
                    "example/greeter/alice:seen={\"type\":\"io.statefun.types/int\",\"value\":10}")));

    assertThat(hashes(Path.of(java.net.URI.create(input)))).isEqualTo(before);
    List<AddressState> states = read(output, AddressFilter.ALL);
    assertThat(states).noneMatch(s -> s.address().type().equals(GreeterModule.OTHER));
    assertThat(seen(states))
        .containsExactlyInAnyOrderEntriesOf(Map.of("example/greeter/alice", 10));
    AddressState bob =
        states.stream().filter(s -> s.address().id().equals("bob")).findFirst().get();
    assertThat(bob.values()).containsOnlyKeys("visits");
    assertThat(bob.values().get("visits").as(Types.INT)).isEqualTo(2);

    List<String> greetings =
        runFrom(
            output,
            2,
            List.of(
                GreeterModule.visit("alice"),
                GreeterModule.visit("bob"),
                GreeterModule.visit(GreeterModule.OTHER, "dave")),
            3);
    assertThat(greetings)
        .containsExactlyInAnyOrder(
            "Hello alice, you are visitor #11",
            "Hello bob, you are visitor #1",
            "Hello dave, you are visitor #1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aTransformedSavepointKeepsTheIdempotencyRecords(String stateBackend) throws Exception {
    // as the dispatcher keeps them: one map per reply type, with its TTL
    Map<Address, Map<String, IdempotencyRecord>> records = IDEMPOTENCY_RECORDS;
    Address alice = new Address(GreeterModule.GREETER, "alice");
    Address bob = new Address(GreeterModule.GREETER, "bob");
    String input = dir.resolve("idempotency-" + stateBackend).toUri().toString();
    StreamExecutionEnvironment env = env();
    SavepointWriter.newSavepoint(
            env, new HashMapStateBackend(), StateBootstrap.DEFAULT_MAX_PARALLELISM)
        .withOperator(
            FunctionsOperatorSnapshot.FUNCTIONS,
            OperatorTransformation.bootstrapWith(
                    env.fromData(List.of(alice, bob), RuntimeTypes.ADDRESS))
                .keyBy(address -> address, RuntimeTypes.ADDRESS)
                .transform(new DispatcherLikeRecords()))
        .write(input);
    env.execute("idempotency records");
    String output = dir.resolve("idempotency-" + stateBackend + "-transformed").toUri().toString();

    new StateTransformer(env())
        .transform(
            input,
            output,
            List.of(
                StateEdit.parseSet(
                    "example/greeter/alice:seen={\"type\":\"io.statefun.types/int\",\"value\":5}")));

    // read back under the dispatcher's own descriptor (with TTL), as the job restores them
    StreamExecutionEnvironment readEnv = env();
    List<String> restored = new java.util.ArrayList<>();
    try (CloseableIterator<String> read =
        SavepointReader.read(
                readEnv,
                output,
                stateBackend.equals("rocksdb")
                    ? new EmbeddedRocksDBStateBackend()
                    : new HashMapStateBackend())
            .readKeyedState(
                FunctionsOperatorSnapshot.FUNCTIONS,
                new DispatcherRecordReader(),
                RuntimeTypes.ADDRESS,
                BasicTypeInfo.STRING_TYPE_INFO)
            .executeAndCollect("read idempotency records")) {
      read.forEachRemaining(restored::add);
    }
    assertThat(restored)
        .containsExactlyInAnyOrder(
            "example/greeter/alice k1 replied Hello alice",
            "example/greeter/bob k2 waiting [r7, r8]");
    List<AddressState> states = read(output, AddressFilter.ALL);
    assertThat(states)
        .extracting(AddressState::address, s -> s.idempotency().get(IDEMPOTENT_INGRESS))
        .containsExactlyInAnyOrder(tuple(alice, records.get(alice)), tuple(bob, records.get(bob)));
    assertThat(seen(states)).containsExactlyEntriesOf(Map.of("example/greeter/alice", 5));
  }

  // --- fixtures -----------------------------------------------------------------------------

  /**
   * The greeter after alice ×3, bob ×2, later-carol and dave (other-greeter), stopped with a
   * savepoint.
   */
  private static synchronized String greeterSavepoint() throws Exception {
    if (greeterSavepoint == null) {
      List<Message> visits =
          List.of(
              GreeterModule.visit("alice"),
              GreeterModule.visit("bob"),
              GreeterModule.visit("alice"),
              GreeterModule.visit("later-carol"),
              GreeterModule.visit("alice"),
              GreeterModule.visit("bob"),
              GreeterModule.visit(GreeterModule.OTHER, "dave"));
      greeterSavepoint = runToSavepoint(visits, "greeter");
    }
    return greeterSavepoint;
  }

  /** The remote greeter after alice ×3 and bob ×2, stopped with a savepoint. */
  private static synchronized String remoteGreeterSavepoint() throws Exception {
    if (remoteGreeterSavepoint == null) {
      List<Message> visits = new java.util.ArrayList<>();
      for (String name : List.of("alice", "bob", "alice", "alice", "bob")) {
        visits.add(GreeterModule.visit(RemoteGreeter.TYPE, name));
      }
      remoteGreeterSavepoint = runToSavepoint(visits, "remote-greeter");
    }
    return remoteGreeterSavepoint;
  }

  private static String runToSavepoint(List<Message> visits, String name) throws Exception {
    ConcurrentLinkedQueue<String> greetings = new ConcurrentLinkedQueue<>();
    try (RunningApplication app = harness(2, visits, List.of(), greetings).start()) {
      awaitSize(greetings, visits.size(), app);
      return app.jobClient()
          .stopWithSavepoint(
              false, dir.resolve(name).toUri().toString(), SavepointFormatType.CANONICAL)
          .get(60, TimeUnit.SECONDS);
    }
  }

  private static List<String> runFrom(
      String savepoint, int parallelism, List<Message> visits, int expected) throws Exception {
    ConcurrentLinkedQueue<String> greetings = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        harness(parallelism, List.of(), visits, greetings)
            .withConfiguration("execution.state-recovery.path", savepoint)
            // the harness's egress collect sink has no uid, so its state cannot be mapped back
            .withConfiguration("execution.state-recovery.ignore-unclaimed-state", "true")
            .start()) {
      awaitSize(greetings, expected, app);
    }
    return List.copyOf(greetings);
  }

  private static Harness harness(
      int parallelism,
      List<Message> visits,
      List<Message> laterVisits,
      ConcurrentLinkedQueue<String> greetings) {
    return new Harness()
        .withoutModuleDiscovery()
        .withModule(GreeterModule.class)
        .withModuleYaml("remote-greeter.yaml", remoteGreeter.moduleYaml())
        .withParallelism(parallelism)
        .withCheckpointInterval(Duration.ofMillis(100))
        .withIngress(GreeterModule.INGRESS, visits)
        .withIngress(GreeterModule.LATER_INGRESS, laterVisits)
        .withEgress(GreeterModule.EGRESS, value -> greetings.add(value.as(Types.STRING)));
  }

  private static void awaitSize(
      ConcurrentLinkedQueue<String> values, int size, RunningApplication app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (values.size() < size) {
      if (System.nanoTime() > deadline || app.status().isGloballyTerminalState()) {
        String failure =
            app.jobClient()
                .getJobExecutionResult()
                .handle(
                    (result, error) ->
                        error == null
                            ? ""
                            : org.apache.flink.util.ExceptionUtils.stringifyException(error))
                .get(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "Waiting for "
                + size
                + " greetings, got "
                + values
                + "; job "
                + app.status()
                + " "
                + failure);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling interval
    }
  }

  /** The reply type of an ingress that takes idempotency keys, kept for 10 minutes. */
  private static final TypeName IDEMPOTENT_INGRESS = TypeName.parse("example/http-replies");

  private static final Duration IDEMPOTENCY_RETENTION = Duration.ofMinutes(10);

  /** Alice has a reply to key k1, bob has k2 in progress with two waiting requests. */
  private static final Map<Address, Map<String, IdempotencyRecord>> IDEMPOTENCY_RECORDS =
      Map.of(
          new Address(GreeterModule.GREETER, "alice"),
          Map.of("k1", new IdempotencyRecord.Replied(TypedValue.of(Types.STRING, "Hello alice"))),
          new Address(GreeterModule.GREETER, "bob"),
          Map.of("k2", new IdempotencyRecord.InProgress(List.of("r7", "r8"))));

  /** Writes idempotency records as the dispatcher does, under its descriptor (with TTL). */
  private static final class DispatcherLikeRecords
      extends KeyedStateBootstrapFunction<Address, Address> {
    private static final long serialVersionUID = 1L;
    private transient MapState<String, IdempotencyRecord> state;

    @Override
    public void open(OpenContext context) {
      state =
          getRuntimeContext()
              .getMapState(IdempotencyState.descriptor(IDEMPOTENT_INGRESS, IDEMPOTENCY_RETENTION));
    }

    @Override
    public void processElement(Address address, Context context) throws Exception {
      state.putAll(IDEMPOTENCY_RECORDS.get(address));
    }
  }

  /** Reads the idempotency records under the dispatcher's descriptor: "address key record". */
  private static final class DispatcherRecordReader
      extends KeyedStateReaderFunction<Address, String> {
    private static final long serialVersionUID = 1L;
    private transient MapState<String, IdempotencyRecord> state;

    @Override
    public void open(OpenContext context) {
      state =
          getRuntimeContext()
              .getMapState(IdempotencyState.descriptor(IDEMPOTENT_INGRESS, IDEMPOTENCY_RETENTION));
    }

    @Override
    public void readKey(Address address, Context context, Collector<String> out) throws Exception {
      for (Map.Entry<String, IdempotencyRecord> record : state.entries()) {
        out.collect(
            address
                + " "
                + record.getKey()
                + (record.getValue() instanceof IdempotencyRecord.Replied replied
                    ? " replied " + replied.reply().as(Types.STRING)
                    : " waiting " + ((IdempotencyRecord.InProgress) record.getValue()).waiters()));
      }
    }
  }

  private static List<AddressState> read(String savepoint, AddressFilter filter) throws Exception {
    return new StateReader(env()).read(savepoint, filter);
  }

  private static StreamExecutionEnvironment env() {
    return StreamExecutionEnvironment.getExecutionEnvironment();
  }

  private static Map<String, Integer> seen(List<AddressState> states) {
    Map<String, Integer> seen = new TreeMap<>();
    for (AddressState state : states) {
      if (state.values().containsKey("seen")) {
        seen.put(state.address().toString(), state.values().get("seen").as(Types.INT));
      }
    }
    return seen;
  }

  private static Map<Path, String> hashes(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .collect(
              Collectors.toMap(
                  f -> f,
                  f -> {
                    try {
                      return java.util.HexFormat.of()
                          .formatHex(
                              java.security.MessageDigest.getInstance("SHA-256")
                                  .digest(Files.readAllBytes(f)));
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }));
    }
  }
}

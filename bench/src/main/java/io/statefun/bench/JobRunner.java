package io.statefun.bench;

import io.statefun.runtime.harness.LoopbackSettings;
import io.statefun.runtime.job.StatefunJobAssembler;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleYaml;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs one workload once, on a fresh local Flink cluster, either on this runtime or as the plain
 * Flink job that does the same keyed work; both get the same configuration.
 */
final class JobRunner {
  private final long messages;
  private final long keys;
  private final Duration timeout;

  JobRunner(long messages, long keys, Duration timeout) {
    this.messages = messages;
    this.keys = keys;
    this.timeout = timeout;
  }

  RunResult run(Workload workload, String backend, boolean statefun) throws Exception {
    return run(workload, backend, statefun, null, 0);
  }

  /**
   * W3: the counter is a remote function served by {@code service} in its own JVM, fed at most
   * {@code perSecond} messages a second (0: no limit); latencies kept.
   */
  RunResult runRemote(FunctionService service, String backend, int perSecond) throws Exception {
    return run(Workload.W1, backend, true, service.url(), perSecond);
  }

  private RunResult run(
      Workload workload, String backend, boolean statefun, String remoteUrl, int perSecond)
      throws Exception {
    Path dir = Files.createTempDirectory("statefun-bench");
    try {
      Configuration conf = LoopbackSettings.configuration();
      conf.set(StateBackendOptions.STATE_BACKEND, backend);
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      conf.set(
          CheckpointingOptions.CHECKPOINTS_DIRECTORY,
          dir.resolve("checkpoints").toUri().toString());
      conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
      conf.setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(workload.parallelism, conf);
      env.getConfig().enableObjectReuse();
      if (remoteUrl != null) {
        assembleRemote(env, conf, remoteUrl, perSecond);
      } else if (statefun) {
        assembleStatefun(env, workload, conf);
      } else {
        assembleFlink(env, workload);
      }

      if (remoteUrl != null) {
        RunProbe.resetWithLatencies(messages);
      } else {
        RunProbe.reset(messages);
      }
      resetPeakHeap();
      long start = System.nanoTime();
      JobClient client = env.executeAsync((statefun ? "statefun-" : "flink-") + workload);
      boolean finished = RunProbe.await(timeout.toSeconds());
      long end = finished ? RunProbe.lastNanos() : System.nanoTime();
      long peakHeapMb = peakHeapMb();
      if (!finished) {
        System.err.println("run did not finish; job status " + client.getJobStatus().get());
        try {
          client.getJobExecutionResult().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
          e.printStackTrace();
        }
      }
      try {
        client.cancel().get(60, TimeUnit.SECONDS);
        client.getJobExecutionResult().get(60, TimeUnit.SECONDS);
      } catch (Exception cancelledOrDone) {
        // cancelled (the usual end), or a bounded plain Flink job that finished by itself
      }
      long perKey = messages / keys;
      boolean verified =
          finished
              && messages % keys == 0
              && RunProbe.records() == messages
              && RunProbe.checksum() == keys * perKey * (perKey + 1) / 2;
      System.err.printf(
          "run %s %s %s: finished=%s records=%d checksum=%d verified=%s%n",
          statefun ? "statefun" : "flink",
          workload,
          backend,
          finished,
          RunProbe.records(),
          RunProbe.checksum(),
          verified);
      double fromStart = messages / ((end - start) / 1e9);
      double steady = messages / ((end - RunProbe.firstNanos()) / 1e9);
      return new RunResult(
          fromStart,
          steady,
          verified,
          peakHeapMb,
          RunProbe.latencyMillis(0.5),
          RunProbe.latencyMillis(0.99),
          RunProbe.allocatedBytesPerMessage());
    } finally {
      deleteRecursively(dir);
    }
  }

  private void assembleStatefun(
      StreamExecutionEnvironment env, Workload workload, Configuration conf) {
    ApplicationLoader loader =
        ApplicationLoader.builder()
            .discoverModules(false)
            .withModule(BenchModule.class)
            .overrideIngress(
                new GeneratorIngress(
                    BenchModule.INGRESS,
                    messages,
                    keys,
                    workload.chained ? BenchModule.FORWARDER : BenchModule.COUNTER))
            .build();
    StatefunJobAssembler.assemble(env, loader, conf);
  }

  private void assembleRemote(
      StreamExecutionEnvironment env, Configuration conf, String url, int perSecond) {
    String endpoint =
        String.join(
            "\n",
            "kind: io.statefun.endpoints.v2/http",
            "spec:",
            "  functions: " + RemoteCounterService.TYPE.canonical(),
            "  urlPathTemplate: " + url + "/{function.name}",
            "  transport:",
            "    type: io.statefun.transports.v1/async",
            "    call: 2m",
            "");
    ApplicationLoader loader =
        ApplicationLoader.builder()
            .discoverModules(false)
            .withModule(BenchModule.class)
            .withYamlModule(new ModuleYaml("bench-endpoint.yaml", endpoint))
            .overrideIngress(
                new GeneratorIngress(
                    BenchModule.INGRESS,
                    messages,
                    keys,
                    RemoteCounterService.TYPE,
                    true,
                    perSecond))
            .build();
    StatefunJobAssembler.assemble(env, loader, conf);
  }

  private void assembleFlink(StreamExecutionEnvironment env, Workload workload) {
    KeySelector<Long, Long> byId = new ById(keys);
    DataStream<Long> source = env.fromSequence(0, messages - 1).name("generator");
    DataStream<Long> counted =
        workload.chained
            ? source.keyBy(byId).process(new Forward()).keyBy(byId).process(new Count())
            : source.keyBy(byId).process(new Count());
    counted.sinkTo(new CountingSink<Long>(count -> count)).name("counting-sink");
  }

  private static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }

  /** Deletes a run's folder; a cancelled job's RocksDB may still be deleting files in it. */
  private static void deleteRecursively(Path dir) throws IOException {
    for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
        // a file went away while walking: walk again
      }
    }
  }

  private static final class ById implements KeySelector<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final long keys;

    ById(long keys) {
      this.keys = keys;
    }

    @Override
    public Long getKey(Long value) {
      return value % keys;
    }
  }

  /** Counts per key in a ValueState and emits the new count. */
  private static final class Count extends KeyedProcessFunction<Long, Long, Long> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context context, Collector<Long> out) throws Exception {
      Long current = count.value();
      long next = current == null ? 1 : current + 1;
      count.update(next);
      out.collect(next);
    }
  }

  /** Forwards each message unchanged (the first function of the chain). */
  private static final class Forward extends KeyedProcessFunction<Long, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Long value, Context context, Collector<Long> out) {
      out.collect(value);
    }
  }
}

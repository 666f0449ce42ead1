package io.statefun.runtime.harness;

import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.egress.CollectedEgress;
import io.statefun.runtime.ingress.ListIngress;
import io.statefun.runtime.job.AssembledJob;
import io.statefun.runtime.job.StatefunJobAssembler;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleYaml;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.jspecify.annotations.Nullable;

/**
 * Runs an application in this JVM. Modules come from the class path (as in production) or are
 * named; ingresses and egresses can be replaced by in-memory ones by id.
 *
 * <pre>{@code
 * try (RunningApplication app = new Harness()
 *     .withIngress(NAMES, List.of("alice", "bob"))
 *     .withEgress(GREETINGS, value -> System.out.println(value.as(Types.STRING)))
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>A local cluster the harness starts keeps its sockets on 127.0.0.1 ({@link LoopbackSettings})
 * unless the configuration says otherwise.
 *
 * <p>Egress values reach the consumer after the checkpoint that made them durable, exactly once
 * (the consumer runs on a thread of the harness, one per egress).
 */
public final class Harness {
  private final ApplicationLoader.Builder application = ApplicationLoader.builder();
  private final Configuration configuration = new Configuration();
  private final Map<TypeName, Consumer<TypedValue>> egressConsumers = new LinkedHashMap<>();
  private @Nullable Integer parallelism;

  public Harness() {
    configuration.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
  }

  /** Adds a module by class (it needs a public no-arg constructor). */
  public Harness withModule(Class<? extends StatefulFunctionModule> module) {
    application.withModule(module);
    return this;
  }

  /** Loads only the modules named here, not every module on the class path. */
  public Harness withoutModuleDiscovery() {
    application.discoverModules(false);
    return this;
  }

  /** Adds the components of a {@code module.yaml} text; {@code location} names it in errors. */
  public Harness withModuleYaml(String location, String content) {
    application.withYamlModule(new ModuleYaml(location, content));
    return this;
  }

  /** Replaces (or adds) ingress {@code id} with one that emits {@code records} once, in order. */
  public <T extends Serializable> Harness withIngress(TypeName id, List<T> records) {
    application.overrideIngress(new ListIngress<>(id, records));
    return this;
  }

  /** Like {@link #withIngress(TypeName, List)}, emitting at most {@code recordsPerSecond}. */
  public <T extends Serializable> Harness withIngress(
      TypeName id, List<T> records, int recordsPerSecond) {
    application.overrideIngress(new ListIngress<>(id, records, recordsPerSecond));
    return this;
  }

  /** Replaces (or adds) egress {@code id} with one that hands every value to {@code consumer}. */
  public Harness withEgress(TypeName id, Consumer<TypedValue> consumer) {
    application.overrideEgress(new CollectedEgress(id));
    egressConsumers.put(id, Objects.requireNonNull(consumer, "consumer"));
    return this;
  }

  public Harness withParallelism(int parallelism) {
    this.parallelism = parallelism;
    return this;
  }

  public Harness withCheckpointInterval(Duration interval) {
    configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
    return this;
  }

  /** {@code hashmap} (default) or {@code rocksdb}. */
  public Harness withStateBackend(String stateBackend) {
    configuration.set(StateBackendOptions.STATE_BACKEND, stateBackend);
    return this;
  }

  /** Sets any Flink or {@code statefun.*} option. */
  public Harness withConfiguration(String key, String value) {
    configuration.setString(key, value);
    return this;
  }

  /** Sets an entry of the modules' global configuration. */
  public Harness withGlobalConfiguration(String key, String value) {
    application.withGlobalConfiguration(key, value);
    return this;
  }

  /** Assembles the job and submits it; returns once it is submitted. */
  public RunningApplication start() throws Exception {
    LoopbackSettings.applyTo(configuration);
    application.withGlobalConfiguration(StatefunOptions.globalConfiguration(configuration));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    env.configure(configuration, Thread.currentThread().getContextClassLoader());
    if (parallelism != null) {
      env.setParallelism(parallelism);
    }
    AssembledJob job = StatefunJobAssembler.assemble(env, application.build(), configuration);

    Map<TypeName, DataStream.Collector<TypedValue>> collectors = new LinkedHashMap<>();
    for (Map.Entry<TypeName, Consumer<TypedValue>> egress : egressConsumers.entrySet()) {
      DataStream<TypedValue> values = job.collectedEgresses().get(egress.getKey());
      DataStream.Collector<TypedValue> collector = new DataStream.Collector<>();
      values.collectAsync(collector);
      collectors.put(egress.getKey(), collector);
    }
    JobClient client = env.executeAsync(configuration.get(StatefunOptions.JOB_NAME));
    return new RunningApplication(client, collectors, egressConsumers);
  }
}

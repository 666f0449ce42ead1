package io.statefun.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * W7/W8's plain Flink side: the greeter as a plain Flink 2.2 job in a JVM of its own, with the
 * configuration {@code statefun local} uses (RocksDB, exactly-once checkpoints every second,
 * retained): Kafka {@code names} (the name is the key) → keyBy → a count in ValueState → Kafka
 * {@code greetings}, exactly once. Arguments: bootstrap servers, checkpoint folder URI, and
 * optionally a checkpoint to restore.
 */
public final class PlainFlinkGreeter {
  private PlainFlinkGreeter() {}

  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, args[1]);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.setString(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    conf.setString("rest.bind-address", "127.0.0.1");
    conf.setString("rest.address", "127.0.0.1");
    conf.setString("jobmanager.bind-host", "127.0.0.1");
    conf.setString("taskmanager.bind-host", "127.0.0.1");
    conf.setString("taskmanager.host", "127.0.0.1");
    if (args.length > 2) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, args[2]);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    KafkaSource<String> names =
        KafkaSource.<String>builder()
            .setBootstrapServers(args[0])
            .setTopics("names")
            .setGroupId("plain-greeter")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new NameFromKey())
            .build();
    KafkaSink<String> greetings =
        KafkaSink.<String>builder()
            .setBootstrapServers(args[0])
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix("plain-greeter")
            .setProperty("transaction.timeout.ms", "60000")
            .setRecordSerializer(new GreetingRecord())
            .build();
    env.fromSource(names, WatermarkStrategy.noWatermarks(), "names")
        .uid("names")
        .keyBy(name -> name)
        .process(new Greet())
        .uid("greet")
        .sinkTo(greetings)
        .uid("greetings");
    env.execute("plain-greeter");
  }

  /** The record's key, as the greeter's ingress reads it. */
  private static final class NameFromKey implements KafkaRecordDeserializationSchema<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
      out.collect(new String(record.key(), StandardCharsets.UTF_8));
    }

    @Override
    public TypeInformation<String> getProducedType() {
      return Types.STRING;
    }
  }

  /** The greeter's work: count the visits of a name, greet it. */
  private static final class Greet extends KeyedProcessFunction<String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Integer> seen;

    @Override
    public void open(OpenContext context) {
      seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.INT));
    }

    @Override
    public void processElement(String name, Context context, Collector<String> out)
        throws Exception {
      Integer before = seen.value();
      int visits = before == null ? 1 : before + 1;
      seen.update(visits);
      out.collect(name + "\n" + "Hello " + name + ", you are visitor #" + visits);
    }
  }

  /** Key: the name; value: the greeting. */
  private static final class GreetingRecord implements KafkaRecordSerializationSchema<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        String nameAndGreeting, KafkaSinkContext context, Long timestamp) {
      int split = nameAndGreeting.indexOf('\n');
      return new ProducerRecord<>(
          "greetings",
          nameAndGreeting.substring(0, split).getBytes(StandardCharsets.UTF_8),
          nameAndGreeting.substring(split + 1).getBytes(StandardCharsets.UTF_8));
    }
  }
}

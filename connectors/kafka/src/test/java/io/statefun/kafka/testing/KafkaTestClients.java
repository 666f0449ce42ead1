package io.statefun.kafka.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to and reads them back from a broker, the way a test or a demo needs: every write
 * is acknowledged before the call returns, and reads see committed records only ({@code
 * isolation.level=read_committed}) from the start of every partition.
 */
public final class KafkaTestClients {
  private static final Duration POLL = Duration.ofMillis(100);

  private KafkaTestClients() {}

  /** Writes UTF-8 key/value records (a null key or value stays null) and waits for the acks. */
  public static void produceStrings(
      String bootstrapServers, String topic, List<Map.Entry<String, String>> records)
      throws Exception {
    List<ProducerRecord<byte[], byte[]>> raw = new ArrayList<>();
    for (Map.Entry<String, String> record : records) {
      raw.add(new ProducerRecord<>(topic, utf8(record.getKey()), utf8(record.getValue())));
    }
    produce(bootstrapServers, raw);
  }

  /** Writes the records and waits for the acks. */
  public static void produce(String bootstrapServers, List<ProducerRecord<byte[], byte[]>> records)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> record : records) {
        acks.add(producer.send(record));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Reads the committed records of {@code topic} from the beginning until {@code done} holds for
   * what was read, then on to the current end of every partition (so records committed together
   * with the last awaited one are included). Fails after {@code limit}.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
      String bootstrapServers,
      String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
      Duration limit) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    long deadline = System.nanoTime() + limit.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitionsOf(consumer, topic, deadline);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(read)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "Timed out after "
                  + limit
                  + " reading "
                  + topic
                  + "; read "
                  + read.size()
                  + " records: "
                  + describe(read));
        }
        consumer.poll(POLL).forEach(read::add);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "Timed out after " + limit + " reading " + topic + " to its end");
        }
        consumer.poll(POLL).forEach(read::add);
      }
    }
    return read;
  }

  /** Reads committed records until at least {@code count} are there (and on to the end). */
  public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
      String bootstrapServers, String topic, int count, Duration limit) {
    return readCommitted(bootstrapServers, topic, read -> read.size() >= count, limit);
  }

  public static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  public static String value(ConsumerRecord<byte[], byte[]> record) {
    return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
  }

  /** {@code key=value} of every record, in read order. */
  public static String describe(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> key(r) + "=" + value(r))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static List<TopicPartition> partitionsOf(
      KafkaConsumer<byte[], byte[]> consumer, String topic, long deadline) {
    while (true) {
      var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Topic " + topic + " does not exist");
      }
    }
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }
}

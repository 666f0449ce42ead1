package io.statefun.kafka.ingress;

import io.statefun.kafka.BadRecordPolicy;
import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an ingress's {@link BadRecordPolicy} to a record that cannot become messages. Runs on the
 * source task's thread only.
 *
 * <p>A dead letter is written synchronously (acknowledged by all in-sync replicas) before the
 * source goes on, so the offset of a bad record can only be checkpointed once its dead letter is in
 * Kafka: at least once, never lost. The producer is made on the first dead letter and closed when
 * the task's user-code class loader is released (a deserialization schema has no close).
 */
final class BadRecordHandler implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BadRecordHandler.class);

  static final String SKIPPED_METRIC = "badRecordsSkipped";
  static final String DEAD_LETTERED_METRIC = "badRecordsDeadLettered";

  /** Headers a dead letter carries besides the original ones. */
  static final String HEADER_INGRESS = "statefun.ingress";

  static final String HEADER_TOPIC = "statefun.source.topic";
  static final String HEADER_PARTITION = "statefun.source.partition";
  static final String HEADER_OFFSET = "statefun.source.offset";
  static final String HEADER_REASON = "statefun.bad-record.reason";
  static final String HEADER_VALUE_DROPPED = "statefun.bad-record.value-dropped-bytes";

  private static final long DEAD_LETTER_ACK_TIMEOUT_SECONDS = 60;

  private final TypeName ingressId;
  private final BadRecordPolicy policy;
  private final Map<String, String> producerProperties;

  private transient Counter skipped;
  private transient Counter deadLettered;
  private transient UserCodeClassLoader classLoader;
  private transient KafkaProducer<byte[], byte[]> deadLetterProducer;

  BadRecordHandler(
      TypeName ingressId, BadRecordPolicy policy, Map<String, String> consumerProperties) {
    this.ingressId = ingressId;
    this.policy = policy;
    this.producerProperties = deadLetterProducerProperties(ingressId, consumerProperties);
  }

  void open(MetricGroup metrics, UserCodeClassLoader classLoader) {
    this.skipped = metrics.counter(SKIPPED_METRIC);
    this.deadLettered = metrics.counter(DEAD_LETTERED_METRIC);
    this.classLoader = classLoader;
  }

  void handle(ConsumerRecord<byte[], byte[]> record, Exception problem) throws IOException {
    String reason = reasonOf(problem);
    switch (policy.kind()) {
      case FAIL ->
          throw new IOException(
              "Kafka ingress "
                  + ingressId
                  + ": bad record at "
                  + coordinates(record)
                  + ": "
                  + reason
                  + " (bad-record policy: fail)",
              problem);
      case SKIP -> {
        skipped.inc();
        LOG.warn(
            "Kafka ingress {} skipped a bad record at {}: {}",
            ingressId,
            coordinates(record),
            reason);
        LOG.debug("The problem with the record at {}", coordinates(record), problem);
      }
      case DEAD_LETTER -> {
        deadLetter(record, reason);
        deadLettered.inc();
        LOG.warn(
            "Kafka ingress {} wrote a bad record at {} to dead-letter topic {}: {}",
            ingressId,
            coordinates(record),
            policy.deadLetterTopic(),
            reason);
        LOG.debug("The problem with the record at {}", coordinates(record), problem);
      }
    }
  }

  /**
   * Writes the dead letter. A bad record near the source topic's size limit can become a dead
   * letter over the producer's limit once the headers are added; then the letter goes without the
   * value (header {@value #HEADER_VALUE_DROPPED} gives its size, and the source coordinates say
   * where it still is) rather than failing the job on every restart.
   */
  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) throws IOException {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(HEADER_INGRESS, utf8(ingressId.canonical()));
    headers.add(HEADER_TOPIC, utf8(record.topic()));
    headers.add(HEADER_PARTITION, utf8(String.valueOf(record.partition())));
    headers.add(HEADER_OFFSET, utf8(String.valueOf(record.offset())));
    headers.add(HEADER_REASON, utf8(reason));
    ProducerRecord<byte[], byte[]> letter =
        new ProducerRecord<>(policy.deadLetterTopic(), null, record.key(), record.value(), headers);
    try {
      try {
        producer().send(letter).get(DEAD_LETTER_ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RecordTooLargeException) || record.value() == null) {
          throw e;
        }
        LOG.warn(
            "Kafka ingress {}: the dead letter of the bad record at {} is too large for topic {};"
                + " writing it without its value of {} bytes",
            ingressId,
            coordinates(record),
            policy.deadLetterTopic(),
            record.value().length);
        headers.add(HEADER_VALUE_DROPPED, utf8(String.valueOf(record.value().length)));
        producer()
            .send(new ProducerRecord<>(letter.topic(), null, record.key(), null, headers))
            .get(DEAD_LETTER_ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted writing a dead letter for " + coordinates(record), e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new IOException(
          "Kafka ingress "
              + ingressId
              + " cannot write the bad record at "
              + coordinates(record)
              + " to dead-letter topic "
              + policy.deadLetterTopic()
              + " ("
              + reason
              + ")",
          e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (deadLetterProducer == null) {
      Map<String, Object> config = new LinkedHashMap<>(producerProperties);
      KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
      deadLetterProducer = producer;
      if (classLoader != null) {
        classLoader.registerReleaseHookIfAbsent(
            "statefun-dead-letters-" + ingressId + "-" + System.identityHashCode(this),
            producer::close);
      }
      LOG.info(
          "Kafka ingress {} writes bad records to topic {}", ingressId, policy.deadLetterTopic());
    }
    return deadLetterProducer;
  }

  /** The consumer's address and security settings, which a producer to the same cluster needs. */
  private static Map<String, String> deadLetterProducerProperties(
      TypeName ingressId, Map<String, String> consumerProperties) {
    Map<String, String> producer = new LinkedHashMap<>();
    consumerProperties.forEach(
        (key, value) -> {
          if (key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
              || key.startsWith("security.")
              || key.startsWith("ssl.")
              || key.startsWith("sasl.")
              || key.equals("client.dns.lookup")) {
            producer.put(key, value);
          }
        });
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(
        ProducerConfig.CLIENT_ID_CONFIG,
        "statefun-dead-letters-" + ingressId.canonical().replace('/', '.'));
    return producer;
  }

  static String coordinates(ConsumerRecord<?, ?> record) {
    return "topic "
        + record.topic()
        + ", partition "
        + record.partition()
        + ", offset "
        + record.offset();
  }

  private static String reasonOf(Exception problem) {
    if (problem instanceof BadRecordException) {
      return problem.getMessage();
    }
    return "turning it into messages failed: " + problem;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package io.statefun.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaBrokerTest {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @Test
  void recordsWrittenAreReadBack() throws Exception {
    KAFKA.broker().createTopic("plain", 2);
    KafkaTestClients.produceStrings(
        KAFKA.bootstrapServers(), "plain", List.of(Map.entry("a", "1"), Map.entry("b", "2")));

    var read =
        KafkaTestClients.readCommitted(
            KAFKA.bootstrapServers(), "plain", 2, Duration.ofSeconds(30));

    assertThat(read).extracting(KafkaTestClients::value).containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void readCommittedSeesCommittedTransactionsOnly() throws Exception {
    KAFKA.broker().createTopic("tx", 1);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test");
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx", "k", "aborted"));
      producer.flush(); // in the log, so the abort has something to abort
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx", "k", "committed"));
      producer.commitTransaction();
    }

    var read =
        KafkaTestClients.readCommitted(KAFKA.bootstrapServers(), "tx", 1, Duration.ofSeconds(30));

    assertThat(read).extracting(KafkaTestClients::value).containsExactly("committed");
  }
}

package io.statefun.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.KafkaEgressSerializer;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.testing.Effects;
import io.statefun.sdk.testing.FunctionTester;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class GreeterTest {

  @Test
  void countsVisitsPerNameAndGreetsKeyedByTheName() throws Exception {
    FunctionTester greeter = FunctionTester.of(Greeter.SPEC);

    greeter.invoke(MessageBuilder.forAddress(Greeter.TYPE, "alice").withValue("alice").build());
    greeter.invoke(MessageBuilder.forAddress(Greeter.TYPE, "bob").withValue("bob").build());
    Effects third =
        greeter.invoke(MessageBuilder.forAddress(Greeter.TYPE, "alice").withValue("alice").build());

    assertThat(third.egress()).hasSize(1);
    EgressMessage greeting = third.egress().get(0);
    assertThat(greeting.egress()).isEqualTo(GreeterModule.GREETINGS);
    ProducerRecord<byte[], byte[]> record =
        KafkaEgressSerializer.producerRecords().serialize(greeting.payload());
    assertThat(record.topic()).isEqualTo("greetings");
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("alice");
    assertThat(new String(record.value(), StandardCharsets.UTF_8))
        .isEqualTo("Hello alice, you are visitor #2");
    assertThat(greeter.state("alice", Greeter.SEEN)).contains(2);
    assertThat(greeter.state("bob", Greeter.SEEN)).contains(1);
  }
}

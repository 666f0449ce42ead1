package io.statefun.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.KafkaEgressSerializer;
import io.statefun.sdk.Address;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.TypeName;
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
    assertThat(third.sent()).as("a visit from Kafka has nobody to answer").isEmpty();
  }

  @Test
  void aVisitOverHttpAlsoGetsTheGreetingAsItsReply() throws Exception {
    FunctionTester greeter = FunctionTester.of(Greeter.SPEC).withState("alice", Greeter.SEEN, 2);
    Address httpCaller = new Address(TypeName.parse("io.statefun.http.reply/example:http"), "0-1");
    Address otherFunction = new Address(TypeName.parse("example/doorbell"), "front");

    Effects overHttp =
        greeter.invoke(
            httpCaller,
            MessageBuilder.forAddress(Greeter.TYPE, "alice").withValue("alice").build());
    Effects fromAFunction =
        greeter.invoke(
            otherFunction,
            MessageBuilder.forAddress(Greeter.TYPE, "alice").withValue("alice").build());

    assertThat(overHttp.egress()).as("still greeted on Kafka").hasSize(1);
    assertThat(overHttp.sent()).hasSize(1);
    assertThat(overHttp.sent().get(0).target()).isEqualTo(httpCaller);
    assertThat(overHttp.sent().get(0).asString()).isEqualTo("Hello alice, you are visitor #3");
    assertThat(fromAFunction.sent()).as("only HTTP callers get a reply").isEmpty();
  }
}

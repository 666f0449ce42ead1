package io.statefun.savepoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.dispatch.IdempotencyRecord;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateOutputTest {
  private static final Address ALICE = new Address(TypeName.parse("example/greeter"), "alice");

  private final AddressState state =
      new AddressState(
          ALICE,
          Map.of(
              "seen",
              TypedValue.of(Types.INT, 3),
              "cart",
              new TypedValue(TypeName.parse("com.example/Cart"), new byte[] {1, 2})),
          Map.of(
              1_800_000_000_000L,
              List.of(
                  new DelayedMessage(
                      "remind", new Envelope(ALICE, ALICE, TypedValue.of(Types.STRING, "hi"))))),
          List.of(),
          List.of(new Envelope(ALICE, null, TypedValue.of(Types.STRING, "queued"))),
          List.of());

  @Test
  void jsonLineHasValuesAndPendingMessages() {
    assertThat(StateOutput.jsonLine(state))
        .isEqualTo(
            "{\"function\":\"example/greeter\",\"id\":\"alice\",\"values\":{"
                + "\"cart\":{\"type\":\"com.example/Cart\",\"base64\":\"AQI=\"},"
                + "\"seen\":{\"type\":\"io.statefun.types/int\",\"value\":3}},"
                + "\"delayed\":[{\"due\":\"2027-01-15T08:00:00Z\",\"dueMillis\":1800000000000,"
                + "\"token\":\"remind\",\"target\":\"example/greeter/alice\","
                + "\"message\":{\"type\":\"io.statefun.types/string\",\"value\":\"hi\"}}],"
                + "\"queued\":[{\"from\":null,"
                + "\"message\":{\"type\":\"io.statefun.types/string\",\"value\":\"queued\"}}]}");
  }

  @Test
  void tableHasARowPerValueAndMessage() {
    assertThat(StateOutput.table(List.of(state)))
        .containsExactly(
            "FUNCTION         ID     VALUE      TYPE                      CONTENT",
            "example/greeter  alice  cart       com.example/Cart          base64:AQI=",
            "example/greeter  alice  seen       io.statefun.types/int     3",
            "example/greeter  alice  (delayed)  io.statefun.types/string  due"
                + " 2027-01-15T08:00:00Z token remind to example/greeter/alice: \"hi\"",
            "example/greeter  alice  (queued)   io.statefun.types/string  from an ingress:"
                + " \"queued\"");
  }

  @Test
  void idempotencyKeysShowTheirReplyOrWaitingRequests() {
    AddressState withKeys =
        new AddressState(
            ALICE,
            Map.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            Map.of(
                TypeName.parse("example/http-replies"),
                Map.of(
                    "k1",
                    new IdempotencyRecord.Replied(TypedValue.of(Types.STRING, "Hello")),
                    "k2",
                    new IdempotencyRecord.InProgress(List.of("r7", "r8")))));

    assertThat(StateOutput.jsonLine(withKeys))
        .isEqualTo(
            "{\"function\":\"example/greeter\",\"id\":\"alice\",\"values\":{},"
                + "\"idempotency\":{\"example/http-replies\":{"
                + "\"k1\":{\"reply\":{\"type\":\"io.statefun.types/string\",\"value\":\"Hello\"}},"
                + "\"k2\":{\"waiting\":[\"r7\",\"r8\"]}}}}");
    assertThat(StateOutput.table(List.of(withKeys)))
        .containsExactly(
            "FUNCTION         ID     VALUE              TYPE                  CONTENT",
            "example/greeter  alice  (idempotency key)  example/http-replies  k1: replied \"Hello\"",
            "example/greeter  alice  (idempotency key)  example/http-replies  k2: in progress, 2"
                + " waiting");
  }
}

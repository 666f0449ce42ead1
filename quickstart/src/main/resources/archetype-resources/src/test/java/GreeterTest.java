package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.testing.Effects;
import io.statefun.sdk.testing.FunctionTester;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The function alone, without Flink: one invocation at a time, its state and its effects. */
class GreeterTest {

  @Test
  void countsTheVisitsOfEachName() throws Exception {
    FunctionTester greeter = FunctionTester.of(Greeter.SPEC);

    greeter.invoke(MessageBuilder.forAddress(Greeter.TYPE, "alice").withValue("alice").build());
    greeter.invoke(MessageBuilder.forAddress(Greeter.TYPE, "bob").withValue("bob").build());
    Effects third =
        greeter.invoke(MessageBuilder.forAddress(Greeter.TYPE, "alice").withValue("alice").build());

    assertEquals(1, third.egress().size());
    assertEquals(Greeter.GREETINGS, third.egress().get(0).egress());
    assertEquals(Optional.of(2), greeter.state("alice", Greeter.SEEN));
    assertEquals(Optional.of(1), greeter.state("bob", Greeter.SEEN));
  }
}

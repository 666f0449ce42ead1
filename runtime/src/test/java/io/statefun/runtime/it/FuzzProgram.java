package io.statefun.runtime.it;

import io.statefun.sdk.Message;
import io.statefun.sdk.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random programs of {@link FuzzModule} commands, with an independent count of their effects. */
final class FuzzProgram {
  private FuzzProgram() {}

  /**
   * Makes {@code commands} random commands for {@code addresses} functions reached through {@code
   * entry}, and adds to {@code expected} how many increments each address must see.
   */
  static List<Message> generate(
      Random random,
      TypeName entry,
      int addresses,
      int commands,
      boolean withAsync,
      Map<String, Integer> expected) {
    List<Message> program = new ArrayList<>(commands);
    for (int i = 0; i < addresses; i++) {
      expected.put(id(i), 0);
    }
    for (int i = 0; i < commands; i++) {
      String at = id(random.nextInt(addresses));
      String other = id(random.nextInt(addresses));
      switch (random.nextInt(withAsync ? 7 : 6)) {
        case 0 -> {
          program.add(FuzzModule.to(entry, at, "INC"));
          expected.merge(at, 1, Integer::sum);
        }
        case 1 -> {
          program.add(FuzzModule.to(entry, at, withAsync ? "ASYNC" : "INC"));
          expected.merge(at, 1, Integer::sum);
        }
        case 2, 5 -> {
          program.add(FuzzModule.to(entry, at, "SEND " + other));
          expected.merge(other, 1, Integer::sum);
        }
        case 3 -> {
          program.add(FuzzModule.to(entry, at, "AFTER " + random.nextInt(400) + " " + other));
          expected.merge(other, 1, Integer::sum);
        }
        case 6 -> { // only with async work: a stall is async
          int delay = 20 + random.nextInt(80);
          program.add(
              FuzzModule.to(
                  entry,
                  at,
                  "STALLCANCEL " + delay + " " + (delay + 150) + " stall-" + i + " " + other));
        }
        default ->
            program.add(
                FuzzModule.to(
                    entry,
                    at,
                    "AFTERCANCEL token-" + i + " " + other + " " + id(random.nextInt(addresses))));
      }
    }
    return program;
  }

  /**
   * Scatters {@code count} long pauses over the middle of {@code program}: each sends a message
   * after {@code delay} (200 to 500 ms) with a token, and queues its cancel for itself before the
   * address pauses for longer than the delay: for {@code command} {@code STALLCANCEL} a stall
   * (embedded async work), for {@code OUTAGECANCEL} an outage of the remote endpoint. Both last 1
   * to 2 s.
   */
  static void scatterLongPauses(
      Random random,
      List<Message> program,
      TypeName entry,
      int addresses,
      String command,
      int count) {
    int commands = program.size();
    for (int i = 0; i < count; i++) {
      String at = id(random.nextInt(addresses));
      int delay = 200 + random.nextInt(300);
      int pause = 1000 + random.nextInt(1000);
      // the cancelled message goes to the pausing address itself: were it delivered anyway, it
      // would be right behind the cancel, so the test sees it before it ends
      program.add(
          commands / 10 + random.nextInt(commands * 8 / 10),
          FuzzModule.to(entry, at, command + " " + delay + " " + pause + " long-" + i + " " + at));
    }
  }

  /** How many commands of {@code program} cancel a delayed message. */
  static long cancels(List<Message> program) {
    return program.stream().filter(m -> m.asString().contains("CANCEL ")).count();
  }

  static String id(int i) {
    return "a" + i;
  }
}

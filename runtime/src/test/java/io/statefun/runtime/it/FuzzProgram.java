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
        case 6 -> // only with async work: a stall is async
            program.add(
                FuzzModule.to(
                    entry,
                    at,
                    "STALLCANCEL " + (20 + random.nextInt(80)) + " stall-" + i + " " + other));
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

  static String id(int i) {
    return "a" + i;
  }
}

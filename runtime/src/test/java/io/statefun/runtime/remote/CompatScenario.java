package io.statefun.runtime.remote;

import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.remote.RequestReplyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.slice.Slice;
import org.apache.flink.statefun.sdk.java.slice.Slices;

/**
 * One remote application, written twice (with the official StateFun 3.3.0 Java SDK and with ours),
 * that uses every feature of the protocol:
 *
 * <ul>
 *   <li>{@code counter/<name>} counts the names it gets in value {@code seen} (lazily registered)
 *       and tells {@code greeter/<name>} the count (function to function; the greeter checks its
 *       caller);
 *   <li>on the first name it writes value {@code short} that expires 200 ms after the write, sends
 *       itself {@code reminder} after 300 ms, {@code never} after 1 s under a token it cancels at
 *       once, and {@code ttl-check} after 1.5 s, which reports whether {@code short} has expired;
 *   <li>{@code greeter} sends {@code Hello <name> #<n> from <caller>} to the egress.
 * </ul>
 */
final class CompatScenario {
  static final TypeName EGRESS = TypeName.parse("compat/out");

  private CompatScenario() {}

  static TypeName counter(String namespace) {
    return TypeName.of(namespace, "counter");
  }

  /** Names per id: the input. */
  static List<Message> input(String namespace, Map<String, Integer> namesPerId) {
    List<Message> input = new ArrayList<>();
    namesPerId.forEach(
        (name, count) -> {
          for (int i = 0; i < count; i++) {
            input.add(MessageBuilder.forAddress(counter(namespace), name).withValue(name).build());
          }
        });
    return input;
  }

  /** What the egress must get, in any order, exactly once each. */
  static List<String> expectedOutput(String namespace, Map<String, Integer> namesPerId) {
    List<String> expected = new ArrayList<>();
    namesPerId.forEach(
        (name, count) -> {
          for (int i = 1; i <= count; i++) {
            expected.add("Hello " + name + " #" + i + " from " + namespace + "/counter/" + name);
          }
          expected.add("reminder " + name);
          expected.add("ttl " + name + " expired");
        });
    return expected;
  }

  // --- with the official SDK ----------------------------------------------------------------

  static Function<byte[], CompletableFuture<byte[]>> officialHandler(String namespace) {
    var counterType = org.apache.flink.statefun.sdk.java.TypeName.typeNameOf(namespace, "counter");
    var greeterType = org.apache.flink.statefun.sdk.java.TypeName.typeNameOf(namespace, "greeter");
    var egress = org.apache.flink.statefun.sdk.java.TypeName.typeNameFromString(EGRESS.canonical());
    var seen = org.apache.flink.statefun.sdk.java.ValueSpec.named("seen").withIntType();
    var shortLived =
        org.apache.flink.statefun.sdk.java.ValueSpec.named("short")
            .thatExpireAfterWrite(Duration.ofMillis(200))
            .withUtf8StringType();

    var counter =
        org.apache.flink.statefun.sdk.java.StatefulFunctionSpec.builder(counterType)
            .withValueSpecs(seen, shortLived)
            .withSupplier(
                () ->
                    (context, message) -> {
                      String id = context.self().id();
                      String text = message.asUtf8String();
                      var self = context.self();
                      switch (text) {
                        case "reminder" -> out(context, egress, "reminder " + id);
                        case "never" -> out(context, egress, "cancelled message arrived " + id);
                        case "ttl-check" ->
                            out(
                                context,
                                egress,
                                "ttl "
                                    + id
                                    + (context.storage().get(shortLived).isPresent()
                                        ? " present"
                                        : " expired"));
                        default -> {
                          int count = context.storage().get(seen).orElse(0) + 1;
                          context.storage().set(seen, count);
                          context.send(
                              org.apache.flink.statefun.sdk.java.message.MessageBuilder.forAddress(
                                      greeterType, id)
                                  .withValue(count)
                                  .build());
                          if (count == 1) {
                            context.storage().set(shortLived, "soon gone");
                            context.sendAfter(Duration.ofMillis(300), toSelf(self, "reminder"));
                            context.sendAfter(
                                Duration.ofSeconds(1), "never-" + id, toSelf(self, "never"));
                            context.cancelDelayedMessage("never-" + id);
                            context.sendAfter(Duration.ofMillis(1500), toSelf(self, "ttl-check"));
                          }
                        }
                      }
                      return context.done();
                    })
            .build();
    var greeter =
        org.apache.flink.statefun.sdk.java.StatefulFunctionSpec.builder(greeterType)
            .withSupplier(
                () ->
                    (context, message) -> {
                      String caller =
                          context
                              .caller()
                              .map(a -> a.type().asTypeNameString() + "/" + a.id())
                              .orElse("nobody");
                      out(
                          context,
                          egress,
                          "Hello "
                              + context.self().id()
                              + " #"
                              + message.asInt()
                              + " from "
                              + caller);
                      return context.done();
                    })
            .build();
    var handler =
        new StatefulFunctions()
            .withStatefulFunction(counter)
            .withStatefulFunction(greeter)
            .requestReplyHandler();
    return bytes -> handler.handle(Slices.wrap(bytes)).thenApply(Slice::toByteArray);
  }

  private static org.apache.flink.statefun.sdk.java.message.Message toSelf(
      org.apache.flink.statefun.sdk.java.Address self, String text) {
    return org.apache.flink.statefun.sdk.java.message.MessageBuilder.forAddress(self)
        .withValue(text)
        .build();
  }

  private static void out(
      org.apache.flink.statefun.sdk.java.Context context,
      org.apache.flink.statefun.sdk.java.TypeName egress,
      String text) {
    context.send(
        org.apache.flink.statefun.sdk.java.message.EgressMessageBuilder.forEgress(egress)
            .withValue(text)
            .build());
  }

  // --- with our SDK -------------------------------------------------------------------------

  static Function<byte[], CompletableFuture<byte[]>> ourHandler(String namespace) {
    TypeName counterType = TypeName.of(namespace, "counter");
    TypeName greeterType = TypeName.of(namespace, "greeter");
    ValueSpec<Integer> seen = ValueSpec.named("seen").withIntType();
    ValueSpec<String> shortLived =
        ValueSpec.named("short").thatExpireAfterWrite(Duration.ofMillis(200)).withStringType();

    StatefulFunctionSpec counter =
        StatefulFunctionSpec.builder(counterType)
            .withValueSpecs(seen, shortLived)
            .withSupplier(
                () ->
                    (context, message) -> {
                      String id = context.self().id();
                      switch (message.asString()) {
                        case "reminder" -> context.send(out("reminder " + id));
                        case "never" -> context.send(out("cancelled message arrived " + id));
                        case "ttl-check" ->
                            context.send(
                                out(
                                    "ttl "
                                        + id
                                        + (context.storage().get(shortLived).isPresent()
                                            ? " present"
                                            : " expired")));
                        default -> {
                          int count = context.storage().get(seen).orElse(0) + 1;
                          context.storage().set(seen, count);
                          context.send(
                              MessageBuilder.forAddress(greeterType, id).withValue(count).build());
                          if (count == 1) {
                            context.storage().set(shortLived, "soon gone");
                            context.sendAfter(
                                Duration.ofMillis(300),
                                MessageBuilder.forAddress(context.self())
                                    .withValue("reminder")
                                    .build());
                            context.sendAfter(
                                Duration.ofSeconds(1),
                                "never-" + id,
                                MessageBuilder.forAddress(context.self())
                                    .withValue("never")
                                    .build());
                            context.cancelDelayedMessage("never-" + id);
                            context.sendAfter(
                                Duration.ofMillis(1500),
                                MessageBuilder.forAddress(context.self())
                                    .withValue("ttl-check")
                                    .build());
                          }
                        }
                      }
                      return context.done();
                    })
            .build();
    StatefulFunctionSpec greeter =
        StatefulFunctionSpec.builder(greeterType)
            .withSupplier(
                () ->
                    (context, message) -> {
                      String caller = context.caller().map(Object::toString).orElse("nobody");
                      context.send(
                          out(
                              "Hello "
                                  + context.self().id()
                                  + " #"
                                  + message.asInt()
                                  + " from "
                                  + caller));
                      return context.done();
                    })
            .build();
    RequestReplyHandler handler = RequestReplyHandler.of(counter, greeter);
    return handler::handle;
  }

  private static io.statefun.sdk.EgressMessage out(String text) {
    return EgressMessageBuilder.forEgress(EGRESS).withValue(text).build();
  }
}

package io.statefun.http.it;

import io.statefun.kafka.KafkaEgressBuilder;
import io.statefun.sdk.Context;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.io.KafkaEgressMessage;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Function {@code test/ledger}: a message is an entry; the function appends it to the address's
 * list of entries, writes {@code <id>:<entry>:<position>} keyed by the id to Kafka through the
 * exactly-once egress {@code test/entries} (topic {@code ledger.topic} at {@code ledger.kafka}),
 * and replies the same text to its caller. The message {@code READ} replies the list, one entry a
 * line, and changes nothing.
 *
 * <p>{@link #FAIL_AT} injects failures: the invocation with that global number throws, so the job
 * restarts from its last checkpoint. Static because the MiniCluster runs in the test's JVM.
 */
public final class LedgerModule implements StatefulFunctionModule {
  static final TypeName LEDGER = TypeName.parse("test/ledger");
  static final TypeName ENTRIES = TypeName.parse("test/entries");
  static final String READ = "READ";
  static final ConcurrentSkipListSet<Integer> FAIL_AT = new ConcurrentSkipListSet<>();
  static final AtomicInteger INVOCATIONS = new AtomicInteger();
  static final AtomicInteger FAILURES = new AtomicInteger();

  private static final ValueSpec<String> APPLIED = ValueSpec.named("applied").withStringType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    String topic = globalConfiguration.get("ledger.topic");
    binder.bindFunction(
        StatefulFunctionSpec.builder(LEDGER)
            .withValueSpec(APPLIED)
            .withSupplier(() -> (context, message) -> apply(context, message, topic))
            .build());
    binder.bindEgress(
        KafkaEgressBuilder.forIdentifier(ENTRIES)
            .withKafkaAddress(globalConfiguration.get("ledger.kafka"))
            .withExactlyOnceProducerSemantics(Duration.ofMinutes(1))
            .build());
  }

  private static CompletableFuture<Void> apply(Context context, Message message, String topic) {
    String entry = message.asString();
    String applied = context.storage().get(APPLIED).orElse("");
    if (entry.equals(READ)) {
      reply(context, applied);
      return context.done();
    }
    if (FAIL_AT.remove(INVOCATIONS.incrementAndGet())) {
      FAILURES.incrementAndGet();
      throw new IllegalStateException("injected failure at " + context.self() + " on " + entry);
    }
    applied = applied.isEmpty() ? entry : applied + "\n" + entry;
    context.storage().set(APPLIED, applied);
    String id = context.self().id();
    String record = id + ":" + entry + ":" + applied.split("\n").length;
    context.send(
        KafkaEgressMessage.forEgress(ENTRIES)
            .withTopic(topic)
            .withUtf8Key(id)
            .withUtf8Value(record)
            .build());
    reply(context, record);
    return context.done();
  }

  private static void reply(Context context, String text) {
    context
        .caller()
        .ifPresent(
            caller -> context.send(MessageBuilder.forAddress(caller).withValue(text).build()));
  }
}

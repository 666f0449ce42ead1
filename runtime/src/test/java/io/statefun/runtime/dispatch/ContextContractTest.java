package io.statefun.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.statefun.runtime.config.StatefunOptions.UndeliverablePolicy;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.remote.RequestReplyHandler;
import io.statefun.sdk.reqreply.generated.ToFunction;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.testing.FunctionTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One {@link Context} contract, three implementations: the same probe function runs in the runtime
 * (the dispatcher on Flink's operator test harness), behind the remote SDK's request handler, and
 * in {@link FunctionTester}, and every argument check and the after-completion rule come out the
 * same.
 */
class ContextContractTest {
  static final TypeName PROBE = TypeName.parse("contract/probe");

  /** What each call did inside the invocation, then with the context kept past it. */
  static final List<String> EXPECTED =
      List.of(
          "negative delay: IllegalArgumentException",
          "delay beyond a long of ms: IllegalArgumentException",
          "empty token in sendAfter: IllegalArgumentException",
          "empty token in cancel: IllegalArgumentException",
          "null message: NullPointerException",
          "obtrude done(): UnsupportedOperationException",
          "send after completion: IllegalStateException",
          "storage after completion: IllegalStateException",
          "kept storage after completion: IllegalStateException");

  // the runtime makes the function from the module inside the operator; one test at a time
  private static final List<String> OUTCOMES = new ArrayList<>();

  @BeforeEach
  void clear() {
    OUTCOMES.clear();
    Keeper.first = null;
  }

  @Test
  void theRuntimesContextKeepsTheContract() throws Exception {
    DispatcherSettings settings =
        new DispatcherSettings(
            ApplicationLoader.builder()
                .discoverModules(false)
                .withModule(ProbeModule.class)
                .build(),
            Map.of(),
            16,
            UndeliverablePolicy.LOG);
    try (KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> harness =
        DispatcherHarness.of(settings)) {
      harness.open();
      harness.processElement(new StreamRecord<>(Envelope.fromIngress(probeMessage())));
      Probe.afterCompletion();
    }
    assertThat(OUTCOMES).containsExactlyElementsOf(EXPECTED);
  }

  /**
   * The runtime hands a completed context's storage and effect list on to the next invocation of
   * the function type: the context kept from the first invocation still throws during the second,
   * and what it tried lands nowhere.
   */
  @Test
  void theRuntimesContextKeptFromAnEarlierInvocationThrowsInTheNext() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> harness =
        DispatcherHarness.of(settings())) {
      harness.open();
      harness.processElement(new StreamRecord<>(Envelope.fromIngress(keeperMessage("a"))));
      harness.processElement(new StreamRecord<>(Envelope.fromIngress(keeperMessage("b"))));
    }
    assertThat(OUTCOMES)
        .containsExactly(
            "kept send in the next invocation: IllegalStateException",
            "kept storage in the next invocation: IllegalStateException",
            "own value in the next invocation: b");
  }

  @Test
  void theRemoteSdksContextKeepsTheContract() throws Exception {
    RequestReplyHandler handler = RequestReplyHandler.of(Probe.SPEC);
    ToFunction request =
        ToFunction.newBuilder()
            .setInvocation(
                ToFunction.InvocationBatchRequest.newBuilder()
                    .setTarget(
                        io.statefun.sdk.reqreply.generated.Address.newBuilder()
                            .setNamespace(PROBE.namespace())
                            .setType(PROBE.name())
                            .setId("a"))
                    .addState(ToFunction.PersistedValue.newBuilder().setStateName("v"))
                    .addInvocations(
                        ToFunction.Invocation.newBuilder()
                            .setArgument(
                                io.statefun.sdk.reqreply.generated.TypedValue.newBuilder()
                                    .setTypename(Types.STRING.typeName().canonical())
                                    .setHasValue(true)
                                    .setValue(ByteString.copyFrom(Types.STRING.serialize("x"))))))
            .build();
    handler.handle(request.toByteArray()).get(5, TimeUnit.SECONDS);
    Probe.afterCompletion();
    assertThat(OUTCOMES).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void theTestersContextKeepsTheContract() {
    FunctionTester.of(Probe.SPEC).invoke(probeMessage());
    Probe.afterCompletion();
    assertThat(OUTCOMES).containsExactlyElementsOf(EXPECTED);
  }

  private static DispatcherSettings settings() {
    return new DispatcherSettings(
        ApplicationLoader.builder().discoverModules(false).withModule(ProbeModule.class).build(),
        Map.of(),
        16,
        UndeliverablePolicy.LOG);
  }

  private static Message keeperMessage(String value) {
    return MessageBuilder.forAddress(Keeper.TYPE, "k").withValue(value).build();
  }

  /** Keeps the context of its first invocation and misuses it in the second. */
  static final class Keeper {
    static final TypeName TYPE = TypeName.parse("contract/keeper");
    static final StatefulFunctionSpec SPEC =
        StatefulFunctionSpec.builder(TYPE)
            .withValueSpecs(Probe.VALUE)
            .withSupplier(() -> Keeper::apply)
            .build();
    private static Context first;

    private static CompletableFuture<Void> apply(Context context, Message message) {
      Context kept = first;
      if (kept == null) {
        first = context;
      } else {
        Probe.attempt(
            "kept send in the next invocation",
            () -> kept.send(MessageBuilder.forAddress(TYPE, "k").withValue("x").build()));
        Probe.attempt(
            "kept storage in the next invocation",
            () -> kept.storage().set(Probe.VALUE, "overwritten"));
      }
      context.storage().set(Probe.VALUE, message.payload().as(Types.STRING));
      if (kept != null) {
        OUTCOMES.add(
            "own value in the next invocation: "
                + context.storage().get(Probe.VALUE).orElse("none"));
      }
      return context.done();
    }
  }

  private static Message probeMessage() {
    return MessageBuilder.forAddress(PROBE, "a").withValue("x").build();
  }

  /** Tries every misuse inside the invocation and keeps the context to try more after it. */
  static final class Probe {
    static final io.statefun.sdk.ValueSpec<String> VALUE =
        io.statefun.sdk.ValueSpec.named("v").withStringType();
    static final StatefulFunctionSpec SPEC =
        StatefulFunctionSpec.builder(PROBE)
            .withValueSpecs(VALUE)
            .withSupplier(() -> Probe::apply)
            .build();
    private static Context kept;
    private static io.statefun.sdk.AddressScopedStorage keptStorage;

    private static CompletableFuture<Void> apply(Context context, Message message) {
      kept = context;
      keptStorage = context.storage();
      attempt("negative delay", () -> context.sendAfter(Duration.ofMillis(-1), message));
      attempt(
          "delay beyond a long of ms",
          () -> context.sendAfter(Duration.ofSeconds(Long.MAX_VALUE), message));
      attempt("empty token in sendAfter", () -> context.sendAfter(Duration.ZERO, "", message));
      attempt("empty token in cancel", () -> context.cancelDelayedMessage(""));
      attempt("null message", () -> context.send((Message) null));
      attempt("obtrude done()", () -> context.done().obtrudeValue(null));
      return context.done();
    }

    static void afterCompletion() {
      attempt("send after completion", () -> kept.send(probeMessage()));
      attempt("storage after completion", () -> kept.storage());
      attempt("kept storage after completion", () -> keptStorage.get(VALUE));
    }

    private static void attempt(String what, Runnable call) {
      try {
        call.run();
        OUTCOMES.add(what + ": accepted");
      } catch (RuntimeException e) {
        OUTCOMES.add(what + ": " + e.getClass().getSimpleName());
      }
    }
  }

  /** Binds the probe for the runtime. */
  public static final class ProbeModule implements StatefulFunctionModule {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunction(Probe.SPEC);
      binder.bindFunction(Keeper.SPEC);
    }
  }
}

package io.statefun.sdk.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.statefun.sdk.reqreply.generated.Address;
import io.statefun.sdk.reqreply.generated.FromFunction;
import io.statefun.sdk.reqreply.generated.ToFunction;
import io.statefun.sdk.reqreply.generated.TypedValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.slice.Slices;
import org.junit.jupiter.api.Test;

/**
 * The same function written with the official StateFun 3.3.0 Java SDK and with ours, given the same
 * request bytes, must answer the same reply bytes: lazy-state replies, every primitive type as a
 * value, a message argument and an egress value, delayed messages, cancellations and deletes.
 */
class OfficialSdkGoldenExchangeTest {
  private static final String NS = "golden";

  private final org.apache.flink.statefun.sdk.java.handler.RequestReplyHandler official =
      new StatefulFunctions().withStatefulFunction(OfficialGolden.SPEC).requestReplyHandler();
  private final RequestReplyHandler ours = RequestReplyHandler.of(OurGolden.SPEC);

  @Test
  void bothAskForTheSameMissingValues() throws Exception {
    assertSameReply(request(List.of(), invocation(true, "a")));
  }

  @Test
  void bothAnswerTheSameForValuesWithoutContent() throws Exception {
    assertSameReply(request(emptyValues(), invocation(true, "a"), invocation(false, "del")));
  }

  @Test
  void bothAnswerTheSameForPresentValuesOfEveryPrimitiveType() throws Exception {
    List<ToFunction.PersistedValue> state =
        List.of(
            value("b", "io.statefun.types/bool", io.statefun.sdk.Types.BOOL.serialize(true)),
            value("i", "io.statefun.types/int", io.statefun.sdk.Types.INT.serialize(-7)),
            value(
                "l",
                "io.statefun.types/long",
                io.statefun.sdk.Types.LONG.serialize(Long.MIN_VALUE)),
            value("f", "io.statefun.types/float", io.statefun.sdk.Types.FLOAT.serialize(-1.5f)),
            value("d", "io.statefun.types/double", io.statefun.sdk.Types.DOUBLE.serialize(1e300)),
            value(
                "s",
                "io.statefun.types/string",
                io.statefun.sdk.Types.STRING.serialize("h\u00e9llo ".repeat(40))));
    assertSameReply(request(state, invocation(false, "b"), invocation(true, "c")));
  }

  @Test
  void bothAnswerTheSameForZeroValues() throws Exception {
    List<ToFunction.PersistedValue> state =
        List.of(
            value("b", "io.statefun.types/bool", new byte[0]),
            value("i", "io.statefun.types/int", new byte[0]),
            value("l", "io.statefun.types/long", new byte[0]),
            value("f", "io.statefun.types/float", new byte[0]),
            value("d", "io.statefun.types/double", new byte[0]),
            value("s", "io.statefun.types/string", new byte[0]));
    assertSameReply(request(state, invocation(false, "")));
  }

  private void assertSameReply(ToFunction request) throws Exception {
    byte[] bytes = request.toByteArray();
    byte[] theirs = official.handle(Slices.wrap(bytes)).get(10, TimeUnit.SECONDS).toByteArray();
    byte[] mine = ours.handle(bytes).get(10, TimeUnit.SECONDS);
    FromFunction myReply = inNameOrder(FromFunction.parseFrom(mine));
    FromFunction theirReply = inNameOrder(FromFunction.parseFrom(theirs));
    assertThat(myReply.toString()).isEqualTo(theirReply.toString());
    assertThat(myReply.toByteArray()).isEqualTo(theirReply.toByteArray());
  }

  /**
   * The official SDK lists value mutations and missing values in the order of a HashMap of the
   * value names, which the protocol leaves open; everything else is compared in the order sent.
   */
  private static FromFunction inNameOrder(FromFunction reply) {
    FromFunction.Builder sorted = reply.toBuilder();
    if (reply.hasInvocationResult()) {
      List<FromFunction.PersistedValueMutation> mutations =
          reply.getInvocationResult().getStateMutationsList().stream()
              .sorted(
                  java.util.Comparator.comparing(FromFunction.PersistedValueMutation::getStateName))
              .toList();
      sorted.getInvocationResultBuilder().clearStateMutations().addAllStateMutations(mutations);
    }
    if (reply.hasIncompleteInvocationContext()) {
      List<FromFunction.PersistedValueSpec> missing =
          reply.getIncompleteInvocationContext().getMissingValuesList().stream()
              .sorted(java.util.Comparator.comparing(FromFunction.PersistedValueSpec::getStateName))
              .toList();
      sorted
          .getIncompleteInvocationContextBuilder()
          .clearMissingValues()
          .addAllMissingValues(missing);
    }
    return sorted.build();
  }

  private static List<ToFunction.PersistedValue> emptyValues() {
    return List.of("b", "i", "l", "f", "d", "s").stream()
        .map(name -> ToFunction.PersistedValue.newBuilder().setStateName(name).build())
        .toList();
  }

  private static ToFunction.PersistedValue value(String name, String typeName, byte[] bytes) {
    return ToFunction.PersistedValue.newBuilder()
        .setStateName(name)
        .setStateValue(
            TypedValue.newBuilder()
                .setTypename(typeName)
                .setHasValue(true)
                .setValue(ByteString.copyFrom(bytes)))
        .build();
  }

  private static ToFunction request(
      List<ToFunction.PersistedValue> state, ToFunction.Invocation... invocations) {
    return ToFunction.newBuilder()
        .setInvocation(
            ToFunction.InvocationBatchRequest.newBuilder()
                .setTarget(Address.newBuilder().setNamespace(NS).setType("fn").setId("id-1"))
                .addAllState(state)
                .addAllInvocations(List.of(invocations)))
        .build();
  }

  private static ToFunction.Invocation invocation(boolean withCaller, String command) {
    ToFunction.Invocation.Builder invocation =
        ToFunction.Invocation.newBuilder()
            .setArgument(
                TypedValue.newBuilder()
                    .setTypename("io.statefun.types/string")
                    .setHasValue(true)
                    .setValue(
                        ByteString.copyFrom(io.statefun.sdk.Types.STRING.serialize(command))));
    if (withCaller) {
      invocation.setCaller(Address.newBuilder().setNamespace(NS).setType("caller").setId("c-1"));
    }
    return invocation.build();
  }

  /** The golden function with the official SDK. */
  static final class OfficialGolden {
    static final org.apache.flink.statefun.sdk.java.TypeName TYPE =
        org.apache.flink.statefun.sdk.java.TypeName.typeNameOf(NS, "fn");
    static final org.apache.flink.statefun.sdk.java.TypeName PEER =
        org.apache.flink.statefun.sdk.java.TypeName.typeNameOf(NS, "peer");
    static final org.apache.flink.statefun.sdk.java.TypeName OUT =
        org.apache.flink.statefun.sdk.java.TypeName.typeNameOf(NS, "out");
    static final org.apache.flink.statefun.sdk.java.ValueSpec<Boolean> B =
        org.apache.flink.statefun.sdk.java.ValueSpec.named("b").withBooleanType();
    static final org.apache.flink.statefun.sdk.java.ValueSpec<Integer> I =
        org.apache.flink.statefun.sdk.java.ValueSpec.named("i")
            .thatExpireAfterWrite(Duration.ofHours(1))
            .withIntType();
    static final org.apache.flink.statefun.sdk.java.ValueSpec<Long> L =
        org.apache.flink.statefun.sdk.java.ValueSpec.named("l")
            .thatExpiresAfterCall(Duration.ofMinutes(2))
            .withLongType();
    static final org.apache.flink.statefun.sdk.java.ValueSpec<Float> F =
        org.apache.flink.statefun.sdk.java.ValueSpec.named("f").withFloatType();
    static final org.apache.flink.statefun.sdk.java.ValueSpec<Double> D =
        org.apache.flink.statefun.sdk.java.ValueSpec.named("d").withDoubleType();
    static final org.apache.flink.statefun.sdk.java.ValueSpec<String> S =
        org.apache.flink.statefun.sdk.java.ValueSpec.named("s").withUtf8StringType();

    static final org.apache.flink.statefun.sdk.java.StatefulFunctionSpec SPEC =
        org.apache.flink.statefun.sdk.java.StatefulFunctionSpec.builder(TYPE)
            .withValueSpecs(B, I, L, F, D, S)
            .withSupplier(() -> OfficialGolden::apply)
            .build();

    static CompletableFuture<Void> apply(
        org.apache.flink.statefun.sdk.java.Context context,
        org.apache.flink.statefun.sdk.java.message.Message message) {
      String command = message.asUtf8String();
      var storage = context.storage();
      boolean b = !storage.get(B).orElse(false);
      int i = storage.get(I).orElse(-1) + 1;
      long l = storage.get(L).orElse(0L) * 2 - 1;
      float f = storage.get(F).orElse(0f) + 0.5f;
      double d = storage.get(D).orElse(0d) - 0.25;
      String s = storage.get(S).orElse("") + command;
      storage.set(B, b);
      storage.set(I, i);
      storage.set(L, l);
      storage.set(F, f);
      storage.set(D, d);
      storage.set(S, s);
      String id =
          command + context.caller().map(a -> "<" + a.type().name() + ":" + a.id()).orElse("");
      var to = org.apache.flink.statefun.sdk.java.message.MessageBuilder.forAddress(PEER, id);
      context.send(to.withValue(b).build());
      context.send(
          org.apache.flink.statefun.sdk.java.message.MessageBuilder.forAddress(PEER, id)
              .withValue(i)
              .build());
      context.send(
          org.apache.flink.statefun.sdk.java.message.MessageBuilder.forAddress(PEER, id)
              .withValue(l)
              .build());
      context.sendAfter(
          Duration.ofMillis(1500),
          org.apache.flink.statefun.sdk.java.message.MessageBuilder.forAddress(PEER, id)
              .withValue(f)
              .build());
      context.sendAfter(
          Duration.ofSeconds(3),
          "tok-" + command,
          org.apache.flink.statefun.sdk.java.message.MessageBuilder.forAddress(PEER, id)
              .withValue(d)
              .build());
      context.cancelDelayedMessage("tok-x" + command);
      var out = org.apache.flink.statefun.sdk.java.message.EgressMessageBuilder.forEgress(OUT);
      context.send(out.withValue(s).build());
      context.send(
          org.apache.flink.statefun.sdk.java.message.EgressMessageBuilder.forEgress(OUT)
              .withValue(l)
              .build());
      context.send(
          org.apache.flink.statefun.sdk.java.message.EgressMessageBuilder.forEgress(OUT)
              .withValue(i)
              .build());
      if (command.equals("del")) {
        storage.remove(S);
        storage.remove(B);
      }
      return context.done();
    }
  }

  /** The golden function with our SDK. */
  static final class OurGolden {
    static final io.statefun.sdk.TypeName TYPE = io.statefun.sdk.TypeName.of(NS, "fn");
    static final io.statefun.sdk.TypeName PEER = io.statefun.sdk.TypeName.of(NS, "peer");
    static final io.statefun.sdk.TypeName OUT = io.statefun.sdk.TypeName.of(NS, "out");
    static final io.statefun.sdk.ValueSpec<Boolean> B =
        io.statefun.sdk.ValueSpec.named("b").withBooleanType();
    static final io.statefun.sdk.ValueSpec<Integer> I =
        io.statefun.sdk.ValueSpec.named("i")
            .thatExpireAfterWrite(Duration.ofHours(1))
            .withIntType();
    static final io.statefun.sdk.ValueSpec<Long> L =
        io.statefun.sdk.ValueSpec.named("l")
            .thatExpireAfterCall(Duration.ofMinutes(2))
            .withLongType();
    static final io.statefun.sdk.ValueSpec<Float> F =
        io.statefun.sdk.ValueSpec.named("f").withFloatType();
    static final io.statefun.sdk.ValueSpec<Double> D =
        io.statefun.sdk.ValueSpec.named("d").withDoubleType();
    static final io.statefun.sdk.ValueSpec<String> S =
        io.statefun.sdk.ValueSpec.named("s").withStringType();

    static final io.statefun.sdk.StatefulFunctionSpec SPEC =
        io.statefun.sdk.StatefulFunctionSpec.builder(TYPE)
            .withValueSpecs(B, I, L, F, D, S)
            .withSupplier(() -> OurGolden::apply)
            .build();

    static CompletableFuture<Void> apply(
        io.statefun.sdk.Context context, io.statefun.sdk.Message message) {
      String command = message.asString();
      var storage = context.storage();
      boolean b = !storage.get(B).orElse(false);
      int i = storage.get(I).orElse(-1) + 1;
      long l = storage.get(L).orElse(0L) * 2 - 1;
      float f = storage.get(F).orElse(0f) + 0.5f;
      double d = storage.get(D).orElse(0d) - 0.25;
      String s = storage.get(S).orElse("") + command;
      storage.set(B, b);
      storage.set(I, i);
      storage.set(L, l);
      storage.set(F, f);
      storage.set(D, d);
      storage.set(S, s);
      String id =
          command + context.caller().map(a -> "<" + a.type().name() + ":" + a.id()).orElse("");
      context.send(io.statefun.sdk.MessageBuilder.forAddress(PEER, id).withValue(b).build());
      context.send(io.statefun.sdk.MessageBuilder.forAddress(PEER, id).withValue(i).build());
      context.send(io.statefun.sdk.MessageBuilder.forAddress(PEER, id).withValue(l).build());
      context.sendAfter(
          Duration.ofMillis(1500),
          io.statefun.sdk.MessageBuilder.forAddress(PEER, id).withValue(f).build());
      context.sendAfter(
          Duration.ofSeconds(3),
          "tok-" + command,
          io.statefun.sdk.MessageBuilder.forAddress(PEER, id).withValue(d).build());
      context.cancelDelayedMessage("tok-x" + command);
      context.send(io.statefun.sdk.EgressMessageBuilder.forEgress(OUT).withValue(s).build());
      context.send(io.statefun.sdk.EgressMessageBuilder.forEgress(OUT).withValue(l).build());
      context.send(io.statefun.sdk.EgressMessageBuilder.forEgress(OUT).withValue(i).build());
      if (command.equals("del")) {
        storage.remove(S);
        storage.remove(B);
      }
      return context.done();
    }
  }
}

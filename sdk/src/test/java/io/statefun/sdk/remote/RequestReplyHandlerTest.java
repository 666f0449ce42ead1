package io.statefun.sdk.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.reqreply.generated.Address;
import io.statefun.sdk.reqreply.generated.FromFunction;
import io.statefun.sdk.reqreply.generated.FromFunction.ExpirationSpec.ExpireMode;
import io.statefun.sdk.reqreply.generated.FromFunction.PersistedValueMutation.MutationType;
import io.statefun.sdk.reqreply.generated.ToFunction;
import io.statefun.sdk.reqreply.generated.TypedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestReplyHandlerTest {
  private static final TypeName COUNTER = TypeName.parse("test/counter");
  private static final TypeName OTHER = TypeName.parse("test/other");
  private static final TypeName OUT = TypeName.parse("test/out");
  private static final ValueSpec<Integer> SEEN =
      ValueSpec.named("seen").thatExpireAfterCall(Duration.ofMinutes(5)).withIntType();
  private static final ValueSpec<String> NAME = ValueSpec.named("name").withStringType();

  private final List<String> callers = new ArrayList<>();

  private final RequestReplyHandler handler =
      RequestReplyHandler.of(
          StatefulFunctionSpec.builder(COUNTER)
              .withValueSpecs(SEEN, NAME)
              .withSupplier(
                  () ->
                      (context, message) -> {
                        callers.add(context.caller().map(Object::toString).orElse("none"));
                        int seen = context.storage().get(SEEN).orElse(0) + 1;
                        context.storage().set(SEEN, seen);
                        context.storage().remove(NAME);
                        context.send(
                            MessageBuilder.forAddress(OTHER, context.self().id())
                                .withValue(seen)
                                .build());
                        context.sendAfter(
                            Duration.ofSeconds(1),
                            "token",
                            MessageBuilder.forAddress(OTHER, "x").withValue("later").build());
                        context.cancelDelayedMessage("old");
                        context.send(
                            EgressMessageBuilder.forEgress(OUT)
                                .withValue(message.asString())
                                .build());
                        // a later invocation of the batch sees the earlier ones' writes
                        return CompletableFuture.supplyAsync(() -> null);
                      })
              .build());

  @Test
  void asksForEveryDeclaredValueThatTheRequestLacks() throws Exception {
    FromFunction reply = call(request(List.of(), invocation(null, "a")));

    assertThat(reply.hasIncompleteInvocationContext()).isTrue();
    List<FromFunction.PersistedValueSpec> missing =
        reply.getIncompleteInvocationContext().getMissingValuesList();
    assertThat(missing).hasSize(2);
    assertThat(missing.get(0).getStateName()).isEqualTo("seen");
    assertThat(missing.get(0).getTypeTypename()).isEqualTo("io.statefun.types/int");
    assertThat(missing.get(0).getExpirationSpec().getMode()).isEqualTo(ExpireMode.AFTER_INVOKE);
    assertThat(missing.get(0).getExpirationSpec().getExpireAfterMillis()).isEqualTo(300_000);
    assertThat(missing.get(1).getStateName()).isEqualTo("name");
    assertThat(missing.get(1).hasExpirationSpec()).isFalse();
  }

  @Test
  void runsTheBatchInOrderAndRepliesWithEffectsAndMutations() throws Exception {
    ToFunction.PersistedValue seen =
        ToFunction.PersistedValue.newBuilder()
            .setStateName("seen")
            .setStateValue(typed("io.statefun.types/int", Types.INT.serialize(4)))
            .build();
    ToFunction.PersistedValue name =
        ToFunction.PersistedValue.newBuilder().setStateName("name").build();
    Address caller = Address.newBuilder().setNamespace("test").setType("src").setId("1").build();

    FromFunction reply =
        call(request(List.of(seen, name), invocation(caller, "a"), invocation(null, "b")));

    FromFunction.InvocationResponse result = reply.getInvocationResult();
    assertThat(callers).containsExactly("test/src/1", "none");
    assertThat(result.getOutgoingMessagesList())
        .extracting(m -> Types.INT.deserialize(m.getArgument().getValue().toByteArray()))
        .containsExactly(5, 6);
    assertThat(result.getOutgoingMessages(0).getTarget().getId()).isEqualTo("alice");
    assertThat(result.getDelayedInvocationsList()).hasSize(4);
    assertThat(result.getDelayedInvocations(0).getCancellationToken()).isEqualTo("token");
    assertThat(result.getDelayedInvocations(0).getDelayInMs()).isEqualTo(1000);
    assertThat(result.getDelayedInvocations(1).getIsCancellationRequest()).isTrue();
    assertThat(result.getDelayedInvocations(1).getCancellationToken()).isEqualTo("old");
    assertThat(result.getOutgoingEgressesList())
        .extracting(
            e ->
                e.getEgressNamespace()
                    + "/"
                    + e.getEgressType()
                    + ":"
                    + Types.STRING.deserialize(e.getArgument().getValue().toByteArray()))
        .containsExactly("test/out:a", "test/out:b");
    assertThat(result.getStateMutationsList()).hasSize(2);
    assertThat(result.getStateMutations(0).getMutationType()).isEqualTo(MutationType.MODIFY);
    assertThat(result.getStateMutations(0).getStateValue().getTypename())
        .isEqualTo("io.statefun.types/int");
    assertThat(
            Types.INT.deserialize(
                result.getStateMutations(0).getStateValue().getValue().toByteArray()))
        .isEqualTo(6);
    assertThat(result.getStateMutations(1).getMutationType()).isEqualTo(MutationType.DELETE);
    assertThat(result.getStateMutations(1).getStateName()).isEqualTo("name");
  }

  @Test
  void refusesAValueThatArrivesWithAnotherType() {
    ToFunction.PersistedValue seen =
        ToFunction.PersistedValue.newBuilder()
            .setStateName("seen")
            .setStateValue(typed("io.statefun.types/long", Types.LONG.serialize(4L)))
            .build();
    ToFunction.PersistedValue name =
        ToFunction.PersistedValue.newBuilder().setStateName("name").build();

    assertThatThrownBy(() -> call(request(List.of(seen, name), invocation(null, "a"))))
        .hasRootCauseMessage(
            "Value 'seen' of test/counter/alice arrived as type io.statefun.types/long, but the"
                + " function declares it as io.statefun.types/int");
  }

  @Test
  void refusesUnknownFunctionTypesAndMalformedRequests() {
    ToFunction unknown =
        ToFunction.newBuilder()
            .setInvocation(
                ToFunction.InvocationBatchRequest.newBuilder()
                    .setTarget(
                        Address.newBuilder().setNamespace("test").setType("nope").setId("1")))
            .build();
    assertThatThrownBy(() -> handler.handle(unknown.toByteArray()).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("No function of type test/nope is served here");
    assertThatThrownBy(() -> handler.handle(new byte[] {1, 2, 3}).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("not a ToFunction message");
  }

  @Test
  void anEmptyRequestGetsAnEmptyReply() throws Exception {
    assertThat(handler.handle(new byte[0]).get(5, TimeUnit.SECONDS)).isEmpty();
  }

  private FromFunction call(ToFunction request) throws Exception {
    byte[] reply = handler.handle(request.toByteArray()).get(5, TimeUnit.SECONDS);
    return FromFunction.parseFrom(reply);
  }

  private static ToFunction request(
      List<ToFunction.PersistedValue> state, ToFunction.Invocation... invocations) {
    return ToFunction.newBuilder()
        .setInvocation(
            ToFunction.InvocationBatchRequest.newBuilder()
                .setTarget(
                    Address.newBuilder().setNamespace("test").setType("counter").setId("alice"))
                .addAllState(state)
                .addAllInvocations(List.of(invocations)))
        .build();
  }

  private static ToFunction.Invocation invocation(Address caller, String value) {
    ToFunction.Invocation.Builder invocation =
        ToFunction.Invocation.newBuilder()
            .setArgument(typed("io.statefun.types/string", Types.STRING.serialize(value)));
    if (caller != null) {
      invocation.setCaller(caller);
    }
    return invocation.build();
  }

  private static TypedValue typed(String typeName, byte[] bytes) {
    return TypedValue.newBuilder()
        .setTypename(typeName)
        .setHasValue(true)
        .setValue(ByteString.copyFrom(bytes))
        .build();
  }
}

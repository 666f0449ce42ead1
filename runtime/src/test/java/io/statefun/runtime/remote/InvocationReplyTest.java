package io.statefun.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.Expiration;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.reqreply.generated.FromFunction;
import io.statefun.sdk.reqreply.generated.FromFunction.ExpirationSpec;
import io.statefun.sdk.reqreply.generated.FromFunction.PersistedValueMutation;
import io.statefun.sdk.reqreply.generated.ToFunction;
import io.statefun.sdk.reqreply.generated.TypedValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationReplyTest {
  private static final Address SELF = new Address(TypeName.parse("ns/fn"), "a");
  private static final String URL = "http://127.0.0.1:1/fn";
  private static final ValueSpec<byte[]> SEEN =
      RemoteValues.specOf(
          FromFunction.PersistedValueSpec.newBuilder()
              .setStateName("seen")
              .setTypeTypename("io.statefun.types/int")
              .build());

  @Test
  void missingValuesBecomeRawSpecsWithTheirTypeAndExpiration() throws Exception {
    FromFunction reply =
        FromFunction.newBuilder()
            .setIncompleteInvocationContext(
                FromFunction.IncompleteInvocationContext.newBuilder()
                    .addMissingValues(
                        FromFunction.PersistedValueSpec.newBuilder()
                            .setStateName("ttl")
                            .setTypeTypename("com.example/Thing")
                            .setExpirationSpec(
                                ExpirationSpec.newBuilder()
                                    .setMode(ExpirationSpec.ExpireMode.AFTER_INVOKE)
                                    .setExpireAfterMillis(1500)))
                    .addMissingValues(
                        FromFunction.PersistedValueSpec.newBuilder().setStateName("untyped")))
            .build();

    InvocationReply decoded = InvocationReply.decode(reply, SELF, List.of(), URL);

    List<ValueSpec<?>> missing = ((InvocationReply.Incomplete) decoded).missing();
    assertThat(missing.get(0).name()).isEqualTo("ttl");
    assertThat(missing.get(0).typeName().canonical()).isEqualTo("com.example/Thing");
    assertThat(missing.get(0).expiration())
        .isEqualTo(Expiration.expireAfterCall(Duration.ofMillis(1500)));
    assertThat(missing.get(1).typeName().canonical()).isEqualTo("io.statefun.types/unset");
    assertThat(missing.get(1).expiration()).isEqualTo(Expiration.none());
  }

  @Test
  void aFunctionThatKeepsAskingForSentValuesIsAnError() {
    FromFunction reply = incomplete("seen", "io.statefun.types/int");
    assertThatThrownBy(() -> InvocationReply.decode(reply, SELF, List.of(SEEN), URL))
        .hasMessageContaining("reports values [seen] as missing, but they were all sent");
  }

  @Test
  void aValueCannotChangeItsType() {
    FromFunction reply = incomplete("seen", "io.statefun.types/long");
    assertThatThrownBy(() -> InvocationReply.decode(reply, SELF, List.of(SEEN), URL))
        .hasMessage(
            "Function ns/fn/a at http://127.0.0.1:1/fn declares value 'seen' as type"
                + " io.statefun.types/long, but it is registered as type io.statefun.types/int"
                + " (a value's type cannot change)");
  }

  @Test
  void aWriteWithAnotherTypeNamesAddressValueAndBothTypes() {
    FromFunction reply = mutation("seen", "io.statefun.types/string");
    assertThatThrownBy(() -> InvocationReply.decode(reply, SELF, List.of(SEEN), URL))
        .hasMessage(
            "Function ns/fn/a at http://127.0.0.1:1/fn wrote value 'seen' as type"
                + " 'io.statefun.types/string', but it is registered as type io.statefun.types/int");
  }

  @Test
  void aWriteToAnUndeclaredValueIsAnError() {
    assertThatThrownBy(
            () ->
                InvocationReply.decode(
                    mutation("other", "io.statefun.types/int"), SELF, List.of(SEEN), URL))
        .hasMessageContaining("changed value 'other', which it never declared");
  }

  @Test
  void aBodyWithNoneOfTheFieldsIsRefused() throws Exception {
    FromFunction unknownOnly = FromFunction.parseFrom(new byte[] {(byte) 0xA8, 0x1F, 0x01});
    assertThatThrownBy(() -> InvocationReply.decode(unknownOnly, SELF, List.of(), URL))
        .hasMessageContaining("not a FromFunction message");
  }

  // The bad-reply corpus: each is refused as a whole, naming the address and URL.

  @Test
  void anEmptyBodyIsRefusedThoughAnEmptyInvocationResultMeansNoEffects() throws Exception {
    assertThatThrownBy(() -> InvocationReply.decode(new byte[0], SELF, List.of(), URL))
        .isInstanceOf(InvalidReplyException.class)
        .hasMessage(
            "Function ns/fn/a at http://127.0.0.1:1/fn answered with an empty body; a function"
                + " answers every invocation with a FromFunction message, even when it has"
                + " nothing to do");
    byte[] nothingToDo =
        FromFunction.newBuilder()
            .setInvocationResult(FromFunction.InvocationResponse.getDefaultInstance())
            .build()
            .toByteArray();
    assertThat(InvocationReply.decode(nothingToDo, SELF, List.of(), URL))
        .isInstanceOfSatisfying(
            InvocationReply.Effects.class, effects -> assertThat(effects.sends()).isEmpty());
  }

  @Test
  void aTruncatedReplyIsRefused() {
    byte[] whole = mutation("seen", "io.statefun.types/int").toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 4);

    assertThatThrownBy(() -> InvocationReply.decode(truncated, SELF, List.of(SEEN), URL))
        .isInstanceOf(InvalidReplyException.class)
        .hasMessageStartingWith(
            "Function ns/fn/a at http://127.0.0.1:1/fn answered with "
                + truncated.length
                + " bytes that are not a FromFunction message");
  }

  @Test
  void aValidProtobufOfAnotherMessageIsRefused() {
    // the request itself, echoed back: field 100 is ToFunction.invocation, and FromFunction's
    // invocation_result, so only the check of its content can tell
    Envelope envelope =
        Envelope.fromIngress(
            new io.statefun.sdk.Message(SELF, io.statefun.sdk.TypedValue.of(Types.INT, 7)));
    byte[] request =
        InvocationRequests.of(
                SELF, List.of(SEEN), new MapStorage(new HashMap<>()), List.of(envelope))
            .toByteArray();

    assertThatThrownBy(() -> InvocationReply.decode(request, SELF, List.of(SEEN), URL))
        .isInstanceOf(InvalidReplyException.class)
        .hasMessageStartingWith("Function ns/fn/a at http://127.0.0.1:1/fn ");
  }

  @Test
  void aNegativeDelayIsRefused() {
    FromFunction reply = delayed(-1);
    assertThatThrownBy(() -> InvocationReply.decode(reply, SELF, List.of(), URL))
        .isInstanceOf(InvalidReplyException.class)
        .hasMessage(
            "Function ns/fn/a at http://127.0.0.1:1/fn sent a delayed message with a negative"
                + " delay of -1 ms");
  }

  @Test
  void anEnormousDelayIsKeptForTheDispatcherToSaturate() throws Exception {
    InvocationReply.Effects effects =
        (InvocationReply.Effects)
            InvocationReply.decode(delayed(Long.MAX_VALUE), SELF, List.of(), URL);
    assertThat(effects.delayed().get(0).delay()).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
  }

  @Test
  void aSendToAFunctionTypeNoModuleBindsIsLeftToTheUndeliverablePolicy() throws Exception {
    // which types exist is the dispatcher's knowledge: it counts and logs the message there
    FromFunction reply =
        FromFunction.newBuilder()
            .setInvocationResult(
                FromFunction.InvocationResponse.newBuilder()
                    .addOutgoingMessages(
                        FromFunction.Invocation.newBuilder()
                            .setTarget(address("nowhere", "nobody", "x"))
                            .setArgument(typed("io.statefun.types/int", Types.INT.serialize(1)))))
            .build();
    InvocationReply.Effects effects =
        (InvocationReply.Effects) InvocationReply.decode(reply, SELF, List.of(), URL);
    assertThat(effects.sends().get(0).target().type()).isEqualTo(TypeName.parse("nowhere/nobody"));
  }

  @Test
  void effectsDecodeInStatefunOrder() throws Exception {
    FromFunction reply =
        FromFunction.newBuilder()
            .setInvocationResult(
                FromFunction.InvocationResponse.newBuilder()
                    .addOutgoingMessages(
                        FromFunction.Invocation.newBuilder()
                            .setTarget(address("ns", "other", "b"))
                            .setArgument(typed("io.statefun.types/int", Types.INT.serialize(3))))
                    .addDelayedInvocations(
                        FromFunction.DelayedInvocation.newBuilder()
                            .setDelayInMs(250)
                            .setCancellationToken("t")
                            .setTarget(address("ns", "fn", "a"))
                            .setArgument(typed("io.statefun.types/string", new byte[0])))
                    .addDelayedInvocations(
                        FromFunction.DelayedInvocation.newBuilder()
                            .setIsCancellationRequest(true)
                            .setCancellationToken("old"))
                    .addOutgoingEgresses(
                        FromFunction.EgressMessage.newBuilder()
                            .setEgressNamespace("ns")
                            .setEgressType("out")
                            .setArgument(typed("io.statefun.types/long", new byte[0])))
                    .addStateMutations(
                        PersistedValueMutation.newBuilder()
                            .setMutationType(PersistedValueMutation.MutationType.DELETE)
                            .setStateName("seen")))
            .build();

    InvocationReply.Effects effects =
        (InvocationReply.Effects) InvocationReply.decode(reply, SELF, List.of(SEEN), URL);

    assertThat(effects.sends()).hasSize(1);
    assertThat(effects.sends().get(0).target().toString()).isEqualTo("ns/other/b");
    assertThat(effects.delayed().get(0).delay()).isEqualTo(Duration.ofMillis(250));
    assertThat(effects.delayed().get(0).token()).isEqualTo("t");
    assertThat(effects.delayed().get(1).message()).isNull();
    assertThat(effects.delayed().get(1).token()).isEqualTo("old");
    assertThat(effects.egress().get(0).egress().canonical()).isEqualTo("ns/out");
    assertThat(effects.mutations().get(0).bytes()).isNull();
  }

  @Test
  void requestsCarryEveryRegisteredValueAndOmitAnAbsentCaller() {
    ValueSpec<byte[]> name =
        RemoteValues.specOf(
            FromFunction.PersistedValueSpec.newBuilder()
                .setStateName("name")
                .setTypeTypename("io.statefun.types/string")
                .build());
    Map<String, byte[]> values = new HashMap<>();
    values.put("seen", Types.INT.serialize(7));
    AddressScopedStorage storage = new MapStorage(values);
    Envelope fromIngress =
        new Envelope(SELF, null, io.statefun.sdk.TypedValue.of(Types.STRING, "x"));
    Envelope fromFunction =
        new Envelope(SELF, new Address(TypeName.parse("ns/other"), "b"), fromIngress.payload());

    ToFunction request =
        InvocationRequests.of(
            SELF, List.of(SEEN, name), storage, List.of(fromIngress, fromFunction));

    ToFunction.InvocationBatchRequest batch = request.getInvocation();
    assertThat(batch.getTarget().getId()).isEqualTo("a");
    assertThat(batch.getState(0).getStateValue().getTypename()).isEqualTo("io.statefun.types/int");
    assertThat(batch.getState(0).getStateValue().getHasValue()).isTrue();
    assertThat(batch.getState(1).getStateName()).isEqualTo("name");
    assertThat(batch.getState(1).hasStateValue()).isFalse();
    assertThat(batch.getInvocations(0).hasCaller()).isFalse();
    assertThat(batch.getInvocations(1).getCaller().getType()).isEqualTo("other");
  }

  private static FromFunction incomplete(String name, String type) {
    return FromFunction.newBuilder()
        .setIncompleteInvocationContext(
            FromFunction.IncompleteInvocationContext.newBuilder()
                .addMissingValues(
                    FromFunction.PersistedValueSpec.newBuilder()
                        .setStateName(name)
                        .setTypeTypename(type)))
        .build();
  }

  private static FromFunction mutation(String name, String type) {
    return FromFunction.newBuilder()
        .setInvocationResult(
            FromFunction.InvocationResponse.newBuilder()
                .addStateMutations(
                    PersistedValueMutation.newBuilder()
                        .setMutationType(PersistedValueMutation.MutationType.MODIFY)
                        .setStateName(name)
                        .setStateValue(typed(type, new byte[] {1}))))
        .build();
  }

  private static FromFunction delayed(long delayMillis) {
    return FromFunction.newBuilder()
        .setInvocationResult(
            FromFunction.InvocationResponse.newBuilder()
                .addDelayedInvocations(
                    FromFunction.DelayedInvocation.newBuilder()
                        .setDelayInMs(delayMillis)
                        .setTarget(address("ns", "fn", "a"))
                        .setArgument(typed("io.statefun.types/int", Types.INT.serialize(1)))))
        .build();
  }

  private static io.statefun.sdk.reqreply.generated.Address address(
      String ns, String type, String id) {
    return io.statefun.sdk.reqreply.generated.Address.newBuilder()
        .setNamespace(ns)
        .setType(type)
        .setId(id)
        .build();
  }

  private static TypedValue typed(String type, byte[] bytes) {
    return TypedValue.newBuilder()
        .setTypename(type)
        .setHasValue(true)
        .setValue(ByteString.copyFrom(bytes))
        .build();
  }

  /** Storage over a map of raw values. */
  private record MapStorage(Map<String, byte[]> values) implements AddressScopedStorage {
    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(ValueSpec<T> spec) {
      return Optional.ofNullable((T) values.get(spec.name()));
    }

    @Override
    public <T> void set(ValueSpec<T> spec, T value) {
      values.put(spec.name(), (byte[]) value);
    }

    @Override
    public void remove(ValueSpec<?> spec) {
      values.remove(spec.name());
    }
  }
}

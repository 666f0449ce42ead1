package io.statefun.runtime.remote;

import com.google.protobuf.InvalidProtocolBufferException;
import io.statefun.runtime.dispatch.BatchContext;
import io.statefun.sdk.Address;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Message;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.remote.ProtocolValues;
import io.statefun.sdk.reqreply.generated.FromFunction;
import io.statefun.sdk.reqreply.generated.FromFunction.PersistedValueMutation;
import io.statefun.sdk.reqreply.generated.FromFunction.PersistedValueSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's reply, checked completely before anything of it takes effect: either the effects of
 * the batch (messages, delayed messages and cancellations, egress messages, value changes) or the
 * values to register before the batch goes again. {@link #decode} refuses a reply that breaks the
 * protocol, so a bad reply never takes effect halfway.
 */
abstract sealed class InvocationReply {

  /** Carries the reply out on the invocation's context. */
  abstract void applyTo(BatchContext context);

  /**
   * Parses, checks and decodes a reply's body. An empty body is refused: every SDK answers an
   * invocation with a {@code FromFunction}, even one with nothing to do ({@code invocation_result
   * {}} is 3 bytes), so 0 bytes means something other than a function answered.
   *
   * @param self the invoked address, for messages
   * @param registered the values that were registered when the request was made
   * @param endpoint the URL, for messages
   */
  static InvocationReply decode(
      byte[] body, Address self, List<ValueSpec<?>> registered, String endpoint)
      throws InvalidReplyException {
    if (body.length == 0) {
      throw new InvalidReplyException(
          "Function "
              + self
              + " at "
              + endpoint
              + " answered with an empty body; a function answers every invocation with a"
              + " FromFunction message, even when it has nothing to do");
    }
    FromFunction reply;
    try {
      reply = FromFunction.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidReplyException(
          "Function "
              + self
              + " at "
              + endpoint
              + " answered with "
              + body.length
              + " bytes that are not a FromFunction message: "
              + e.getMessage(),
          e);
    }
    return decode(reply, self, registered, endpoint);
  }

  /**
   * Checks and decodes a parsed reply.
   *
   * @param self the invoked address, for messages
   * @param registered the values that were registered when the request was made
   * @param endpoint the URL, for messages
   */
  static InvocationReply decode(
      FromFunction reply, Address self, List<ValueSpec<?>> registered, String endpoint)
      throws InvalidReplyException {
    Map<String, ValueSpec<?>> byName = new HashMap<>();
    for (ValueSpec<?> spec : registered) {
      byName.put(spec.name(), spec);
    }
    return switch (reply.getResponseCase()) {
      case INCOMPLETE_INVOCATION_CONTEXT ->
          decodeIncomplete(reply.getIncompleteInvocationContext(), self, byName, endpoint);
      case INVOCATION_RESULT -> decodeEffects(reply.getInvocationResult(), self, byName, endpoint);
      case RESPONSE_NOT_SET -> {
        if (!reply.getUnknownFields().asMap().isEmpty()) {
          throw new InvalidReplyException(
              "Function "
                  + self
                  + " at "
                  + endpoint
                  + " answered with a body that is not a FromFunction message (it has none of its"
                  + " fields)");
        }
        yield Effects.NONE; // an empty reply: no side effects
      }
    };
  }

  private static InvocationReply decodeIncomplete(
      FromFunction.IncompleteInvocationContext incomplete,
      Address self,
      Map<String, ValueSpec<?>> registered,
      String endpoint)
      throws InvalidReplyException {
    List<ValueSpec<?>> missing = new ArrayList<>();
    for (PersistedValueSpec declared : incomplete.getMissingValuesList()) {
      ValueSpec<byte[]> spec;
      try {
        spec = RemoteValues.specOf(declared);
      } catch (IllegalArgumentException e) {
        throw new InvalidReplyException(
            "Function "
                + self
                + " at "
                + endpoint
                + " declares value '"
                + declared.getStateName()
                + "' of type '"
                + declared.getTypeTypename()
                + "', which is not valid: "
                + e.getMessage(),
            e);
      }
      ValueSpec<?> known = registered.get(spec.name());
      if (known == null) {
        missing.add(spec);
      } else if (!known.typeName().equals(spec.typeName())) {
        throw new InvalidReplyException(
            "Function "
                + self
                + " at "
                + endpoint
                + " declares value '"
                + spec.name()
                + "' as type "
                + spec.typeName()
                + ", but it is registered as type "
                + known.typeName()
                + " (a value's type cannot change)");
      }
    }
    if (missing.isEmpty()) {
      throw new InvalidReplyException(
          "Function "
              + self
              + " at "
              + endpoint
              + " reports values "
              + incomplete.getMissingValuesList().stream()
                  .map(PersistedValueSpec::getStateName)
                  .toList()
              + " as missing, but they were all sent with the request");
    }
    return new Incomplete(missing);
  }

  private static InvocationReply decodeEffects(
      FromFunction.InvocationResponse response,
      Address self,
      Map<String, ValueSpec<?>> registered,
      String endpoint)
      throws InvalidReplyException {
    List<Message> sends = new ArrayList<>(response.getOutgoingMessagesCount());
    for (FromFunction.Invocation outgoing : response.getOutgoingMessagesList()) {
      sends.add(message(outgoing.getTarget(), outgoing.getArgument(), self, endpoint));
    }
    List<Delayed> delayed = new ArrayList<>(response.getDelayedInvocationsCount());
    for (FromFunction.DelayedInvocation later : response.getDelayedInvocationsList()) {
      String token = later.getCancellationToken();
      if (later.getIsCancellationRequest()) {
        if (token.isEmpty()) {
          throw new InvalidReplyException(
              "Function "
                  + self
                  + " at "
                  + endpoint
                  + " asked to cancel a delayed message without a cancellation token");
        }
        delayed.add(new Delayed(null, token, null));
      } else if (later.getDelayInMs() < 0) {
        throw new InvalidReplyException(
            "Function "
                + self
                + " at "
                + endpoint
                + " sent a delayed message with a negative delay of "
                + later.getDelayInMs()
                + " ms");
      } else {
        // an enormous delay is kept: the dispatcher saturates its due time instead of wrapping
        delayed.add(
            new Delayed(
                Duration.ofMillis(later.getDelayInMs()),
                token.isEmpty() ? null : token,
                message(later.getTarget(), later.getArgument(), self, endpoint)));
      }
    }
    List<EgressMessage> egress = new ArrayList<>(response.getOutgoingEgressesCount());
    for (FromFunction.EgressMessage out : response.getOutgoingEgressesList()) {
      TypeName egressId;
      try {
        egressId = TypeName.of(out.getEgressNamespace(), out.getEgressType());
      } catch (IllegalArgumentException e) {
        throw new InvalidReplyException(
            "Function "
                + self
                + " at "
                + endpoint
                + " sent to an egress with an invalid id: "
                + e.getMessage(),
            e);
      }
      egress.add(new EgressMessage(egressId, value(out.getArgument(), self, endpoint)));
    }
    List<Mutation> mutations = new ArrayList<>(response.getStateMutationsCount());
    for (PersistedValueMutation mutation : response.getStateMutationsList()) {
      ValueSpec<?> spec = registered.get(mutation.getStateName());
      if (spec == null) {
        throw new InvalidReplyException(
            "Function "
                + self
                + " at "
                + endpoint
                + " changed value '"
                + mutation.getStateName()
                + "', which it never declared; registered values: "
                + registered.keySet());
      }
      switch (mutation.getMutationType()) {
        case DELETE -> mutations.add(new Mutation(spec, null));
        case MODIFY -> {
          String typeName = mutation.getStateValue().getTypename();
          if (!typeName.equals(spec.typeName().canonical())) {
            throw new InvalidReplyException(
                "Function "
                    + self
                    + " at "
                    + endpoint
                    + " wrote value '"
                    + spec.name()
                    + "' as type '"
                    + typeName
                    + "', but it is registered as type "
                    + spec.typeName());
          }
          mutations.add(new Mutation(spec, mutation.getStateValue().getValue().toByteArray()));
        }
        default ->
            throw new InvalidReplyException(
                "Function "
                    + self
                    + " at "
                    + endpoint
                    + " sent an unknown mutation type "
                    + mutation.getMutationTypeValue()
                    + " for value '"
                    + spec.name()
                    + "'");
      }
    }
    return new Effects(sends, delayed, egress, mutations);
  }

  private static Message message(
      io.statefun.sdk.reqreply.generated.Address target,
      io.statefun.sdk.reqreply.generated.TypedValue argument,
      Address self,
      String endpoint)
      throws InvalidReplyException {
    Address address;
    try {
      address = ProtocolValues.fromProto(target);
      if (address == null) {
        throw new IllegalArgumentException("the address is empty");
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidReplyException(
          "Function "
              + self
              + " at "
              + endpoint
              + " sent a message to an invalid address "
              + target.getNamespace()
              + "/"
              + target.getType()
              + "/"
              + target.getId()
              + ": "
              + e.getMessage(),
          e);
    }
    return new Message(address, value(argument, self, endpoint));
  }

  private static TypedValue value(
      io.statefun.sdk.reqreply.generated.TypedValue value, Address self, String endpoint)
      throws InvalidReplyException {
    try {
      return ProtocolValues.fromProto(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidReplyException(
          "Function "
              + self
              + " at "
              + endpoint
              + " sent a value with an invalid type name '"
              + value.getTypename()
              + "': "
              + e.getMessage(),
          e);
    }
  }

  /** Values to register before the same batch is sent again. */
  static final class Incomplete extends InvocationReply {
    private final List<ValueSpec<?>> missing;

    Incomplete(List<ValueSpec<?>> missing) {
      this.missing = List.copyOf(missing);
    }

    List<ValueSpec<?>> missing() {
      return missing;
    }

    @Override
    void applyTo(BatchContext context) {
      context.registerAndRetry(missing);
    }
  }

  /** What the batch did, in StateFun's order: messages, delayed messages, egress, then values. */
  static final class Effects extends InvocationReply {
    static final Effects NONE = new Effects(List.of(), List.of(), List.of(), List.of());

    private final List<Message> sends;
    private final List<Delayed> delayed;
    private final List<EgressMessage> egress;
    private final List<Mutation> mutations;

    Effects(
        List<Message> sends,
        List<Delayed> delayed,
        List<EgressMessage> egress,
        List<Mutation> mutations) {
      this.sends = sends;
      this.delayed = delayed;
      this.egress = egress;
      this.mutations = mutations;
    }

    List<Message> sends() {
      return sends;
    }

    List<Delayed> delayed() {
      return delayed;
    }

    List<EgressMessage> egress() {
      return egress;
    }

    List<Mutation> mutations() {
      return mutations;
    }

    @Override
    @SuppressWarnings("unchecked")
    void applyTo(BatchContext context) {
      sends.forEach(context::send);
      for (Delayed later : delayed) {
        if (later.message() == null) {
          context.cancelDelayedMessage(later.token());
        } else if (later.token() == null) {
          context.sendAfter(later.delay(), later.message());
        } else {
          context.sendAfter(later.delay(), later.token(), later.message());
        }
      }
      egress.forEach(context::send);
      for (Mutation mutation : mutations) {
        if (mutation.bytes() == null) {
          context.storage().remove(mutation.spec());
        } else {
          context.storage().set((ValueSpec<byte[]>) mutation.spec(), mutation.bytes());
        }
      }
    }
  }

  /** A delayed message, or (with a null message) the cancellation of one by token. */
  record Delayed(Duration delay, String token, Message message) {}

  /** A new value (bytes) or a removal (null bytes). */
  record Mutation(ValueSpec<?> spec, byte[] bytes) {}
}

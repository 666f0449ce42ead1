package io.statefun.sdk.remote;

import io.statefun.sdk.Address;
import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.Context;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Message;
import io.statefun.sdk.reqreply.generated.FromFunction;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The context of the invocations of one request: it writes what the function asks for straight into
 * the response, in order. Thread-safe until {@link #finish()}; after that, using it fails.
 */
final class RemoteContext implements Context {
  private final Address self;
  private final RemoteStorage storage;
  private final FromFunction.InvocationResponse.Builder response =
      FromFunction.InvocationResponse.newBuilder();
  private volatile Address caller;
  private boolean finished;

  RemoteContext(Address self, RemoteStorage storage) {
    this.self = self;
    this.storage = storage;
  }

  /** Sets the caller of the invocation about to run; null when it came from an ingress. */
  void nextInvocation(Address caller) {
    this.caller = caller;
  }

  /** Ends the request: adds the state mutations and returns the response. */
  FromFunction finish() {
    synchronized (response) {
      finished = true;
      storage.mutations(response::addStateMutations);
      return FromFunction.newBuilder().setInvocationResult(response).build();
    }
  }

  @Override
  public Address self() {
    return self;
  }

  @Override
  public Optional<Address> caller() {
    return Optional.ofNullable(caller);
  }

  @Override
  public void send(Message message) {
    Objects.requireNonNull(message, "message");
    FromFunction.Invocation outgoing =
        FromFunction.Invocation.newBuilder()
            .setTarget(ProtocolValues.toProto(message.target()))
            .setArgument(ProtocolValues.toProto(message.payload()))
            .build();
    synchronized (response) {
      checkNotFinished();
      response.addOutgoingMessages(outgoing);
    }
  }

  @Override
  public void sendAfter(Duration delay, Message message) {
    addDelayed(delayed(delay, message).build());
  }

  @Override
  public void sendAfter(Duration delay, String cancellationToken, Message message) {
    addDelayed(delayed(delay, message).setCancellationToken(checkToken(cancellationToken)).build());
  }

  @Override
  public void cancelDelayedMessage(String cancellationToken) {
    addDelayed(
        FromFunction.DelayedInvocation.newBuilder()
            .setIsCancellationRequest(true)
            .setCancellationToken(checkToken(cancellationToken))
            .build());
  }

  @Override
  public void send(EgressMessage message) {
    Objects.requireNonNull(message, "message");
    FromFunction.EgressMessage outgoing =
        FromFunction.EgressMessage.newBuilder()
            .setEgressNamespace(message.egress().namespace())
            .setEgressType(message.egress().name())
            .setArgument(ProtocolValues.toProto(message.payload()))
            .build();
    synchronized (response) {
      checkNotFinished();
      response.addOutgoingEgresses(outgoing);
    }
  }

  @Override
  public AddressScopedStorage storage() {
    return storage;
  }

  private static FromFunction.DelayedInvocation.Builder delayed(Duration delay, Message message) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(message, "message");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("A delay cannot be negative, got " + delay);
    }
    return FromFunction.DelayedInvocation.newBuilder()
        .setDelayInMs(delay.toMillis())
        .setTarget(ProtocolValues.toProto(message.target()))
        .setArgument(ProtocolValues.toProto(message.payload()));
  }

  private void addDelayed(FromFunction.DelayedInvocation delayed) {
    synchronized (response) {
      checkNotFinished();
      response.addDelayedInvocations(delayed);
    }
  }

  private static String checkToken(String token) {
    Objects.requireNonNull(token, "cancellationToken");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("A cancellation token cannot be empty");
    }
    return token;
  }

  private void checkNotFinished() {
    if (finished) {
      throw new IllegalStateException(
          "The invocation of " + self + " has completed; its context can no longer be used");
    }
  }
}

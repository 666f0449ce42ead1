package io.statefun.sdk.remote;

import io.statefun.sdk.Address;
import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Message;
import io.statefun.sdk.internal.CheckedContext;
import io.statefun.sdk.reqreply.generated.FromFunction;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The context of one invocation of a request's batch: it writes what the function asks for straight
 * into the request's {@link RemoteResponse}, in order. Thread-safe; completed when the invocation's
 * future completes, after which it throws (see {@link CheckedContext}).
 */
final class RemoteContext extends CheckedContext {
  private final Address self;
  private final @Nullable Address caller;
  private final RemoteResponse response;

  /** {@code caller} is null when the message came from an ingress. */
  RemoteContext(Address self, @Nullable Address caller, RemoteResponse response) {
    this.self = self;
    this.caller = caller;
    this.response = response;
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
  protected void recordSend(Message message) {
    response.add(
        FromFunction.Invocation.newBuilder()
            .setTarget(ProtocolValues.toProto(message.target()))
            .setArgument(ProtocolValues.toProto(message.payload()))
            .build());
  }

  @Override
  protected void recordSendAfter(
      Duration delay, @Nullable String cancellationToken, Message message) {
    FromFunction.DelayedInvocation.Builder delayed =
        FromFunction.DelayedInvocation.newBuilder()
            .setDelayInMs(delay.toMillis())
            .setTarget(ProtocolValues.toProto(message.target()))
            .setArgument(ProtocolValues.toProto(message.payload()));
    if (cancellationToken != null) {
      delayed.setCancellationToken(cancellationToken);
    }
    response.add(delayed.build());
  }

  @Override
  protected void recordCancel(String cancellationToken) {
    response.add(
        FromFunction.DelayedInvocation.newBuilder()
            .setIsCancellationRequest(true)
            .setCancellationToken(cancellationToken)
            .build());
  }

  @Override
  protected void recordEgress(EgressMessage message) {
    response.add(
        FromFunction.EgressMessage.newBuilder()
            .setEgressNamespace(message.egress().namespace())
            .setEgressType(message.egress().name())
            .setArgument(ProtocolValues.toProto(message.payload()))
            .build());
  }

  @Override
  protected AddressScopedStorage values() {
    return response.storage();
  }
}

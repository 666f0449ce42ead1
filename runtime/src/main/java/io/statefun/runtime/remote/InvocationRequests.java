package io.statefun.runtime.remote;

import com.google.protobuf.ByteString;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.remote.ProtocolValues;
import io.statefun.sdk.reqreply.generated.ToFunction;
import java.util.List;
import java.util.Optional;

/** Builds the {@code ToFunction} request for a batch of messages to one address. */
final class InvocationRequests {
  private InvocationRequests() {}

  /**
   * The request carrying {@code batch} in order and every registered value of the address: a
   * present value with its type name and bytes, an absent one by name only.
   */
  @SuppressWarnings("unchecked")
  static ToFunction of(
      Address self,
      List<ValueSpec<?>> registered,
      AddressScopedStorage storage,
      List<Envelope> batch) {
    ToFunction.InvocationBatchRequest.Builder request =
        ToFunction.InvocationBatchRequest.newBuilder().setTarget(ProtocolValues.toProto(self));
    for (ValueSpec<?> spec : registered) {
      ToFunction.PersistedValue.Builder value =
          ToFunction.PersistedValue.newBuilder().setStateName(spec.name());
      Optional<byte[]> bytes = storage.get((ValueSpec<byte[]>) spec);
      bytes.ifPresent(
          present ->
              value.setStateValue(
                  io.statefun.sdk.reqreply.generated.TypedValue.newBuilder()
                      .setTypename(spec.typeName().canonical())
                      .setHasValue(true)
                      .setValue(ByteString.copyFrom(present))));
      request.addState(value);
    }
    for (Envelope envelope : batch) {
      ToFunction.Invocation.Builder invocation =
          ToFunction.Invocation.newBuilder()
              .setArgument(ProtocolValues.toProto(envelope.payload()));
      if (envelope.caller() != null) {
        invocation.setCaller(ProtocolValues.toProto(envelope.caller()));
      }
      request.addInvocations(invocation);
    }
    return ToFunction.newBuilder().setInvocation(request).build();
  }

  /** A request with the one message of {@code envelope} and no state: a dead letter's record. */
  static ToFunction deadLetter(Envelope envelope) {
    ToFunction.Invocation.Builder invocation =
        ToFunction.Invocation.newBuilder().setArgument(ProtocolValues.toProto(envelope.payload()));
    if (envelope.caller() != null) {
      invocation.setCaller(ProtocolValues.toProto(envelope.caller()));
    }
    return ToFunction.newBuilder()
        .setInvocation(
            ToFunction.InvocationBatchRequest.newBuilder()
                .setTarget(ProtocolValues.toProto(envelope.target()))
                .addInvocations(invocation))
        .build();
  }
}

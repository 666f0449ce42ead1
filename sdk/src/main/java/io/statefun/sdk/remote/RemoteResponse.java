package io.statefun.sdk.remote;

import io.statefun.sdk.reqreply.generated.FromFunction;

/**
 * The response to one request, filled in order by the contexts of its invocations: outgoing
 * messages, delayed messages and cancellations, egress messages, and at the end the state
 * mutations. Thread-safe until {@link #finish()}.
 */
final class RemoteResponse {
  private final RemoteStorage storage;
  private final FromFunction.InvocationResponse.Builder response =
      FromFunction.InvocationResponse.newBuilder();

  RemoteResponse(RemoteStorage storage) {
    this.storage = storage;
  }

  RemoteStorage storage() {
    return storage;
  }

  void add(FromFunction.Invocation outgoing) {
    synchronized (response) {
      response.addOutgoingMessages(outgoing);
    }
  }

  void add(FromFunction.DelayedInvocation delayed) {
    synchronized (response) {
      response.addDelayedInvocations(delayed);
    }
  }

  void add(FromFunction.EgressMessage egress) {
    synchronized (response) {
      response.addOutgoingEgresses(egress);
    }
  }

  /** Adds the state mutations and returns the whole response. */
  FromFunction finish() {
    synchronized (response) {
      storage.mutations(response::addStateMutations);
      return FromFunction.newBuilder().setInvocationResult(response).build();
    }
  }
}

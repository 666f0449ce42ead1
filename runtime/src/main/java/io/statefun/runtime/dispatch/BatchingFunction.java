package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Context;
import io.statefun.sdk.Message;
import io.statefun.sdk.StatefulFunction;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A function that takes every queued message of an address at once, in order, instead of one at
 * a time: the runtime's side of remote functions, which send a whole backlog as one request. Not
 * for users: the SDK's {@link StatefulFunction} is their API.
 */
public interface BatchingFunction extends StatefulFunction {

  /**
   * Invoked on the task thread with one or more messages for {@code context.self()}, every
   * registered value already loaded into {@code context.storage()}. Effects are recorded on the
   * context and carried out when the future completes.
   */
  CompletableFuture<Void> applyBatch(BatchContext context, List<Envelope> batch) throws Throwable;

  @Override
  default CompletableFuture<Void> apply(Context context, Message message) {
    throw new UnsupportedOperationException("a batching function is invoked with applyBatch");
  }
}

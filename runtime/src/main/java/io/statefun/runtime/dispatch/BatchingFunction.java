package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Context;
import io.statefun.sdk.Message;
import io.statefun.sdk.StatefulFunction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.metrics.MetricGroup;

/**
 * A function that takes every queued message of an address at once, in order, instead of one at a
 * time: the runtime's side of remote functions, which send a whole backlog as one request. Not for
 * users: the SDK's {@link StatefulFunction} is their API.
 */
@org.apache.flink.annotation.Internal
public interface BatchingFunction extends StatefulFunction {

  /**
   * Invoked on the task thread with one or more messages for {@code context.self()}, every
   * registered value already loaded into {@code context.storage()}. Effects are recorded on the
   * context and carried out when the future completes.
   */
  CompletableFuture<Void> applyBatch(BatchContext context, List<Envelope> batch) throws Throwable;

  /**
   * Called once per task, before the first invocation, with the metric group of this function type
   * ({@code functions.<namespace>.<name>}).
   */
  default void open(MetricGroup functionTypeGroup) {}

  /**
   * The most messages one invocation takes from an address's backlog (the rest waits for the next
   * invocation); 0 for no bound. A long backlog never stops the task's input: only the per-task
   * bound on waiting addresses does.
   */
  default int maxBacklog() {
    return 0;
  }

  /** Called when the task closes. */
  default void close() {}

  @Override
  default CompletableFuture<Void> apply(Context context, Message message) {
    throw new UnsupportedOperationException("a batching function is invoked with applyBatch");
  }
}

package io.statefun.runtime.remote;

import io.statefun.runtime.dispatch.BatchContext;
import io.statefun.runtime.dispatch.BatchingFunction;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.remote.http.RequestReplyClient;
import io.statefun.sdk.Address;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.remote.CompletionCauses;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.flink.metrics.MetricGroup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function type served over HTTP. The dispatcher hands it an address's whole backlog; it sends
 * that as one request with every registered value of the address, and carries out the reply:
 * effects, or the registration of missing values followed by the same batch again.
 *
 * <p>When a call fails for good (see {@link
 * io.statefun.runtime.remote.http.HttpCallFailedException}) or the reply breaks the protocol, the
 * endpoint's failure policy decides: fail the invocation (and so the job, which restarts and sends
 * the batch again), or send every message of the batch to the dead-letter egress as a {@code
 * ToFunction} record of type {@value #DEAD_LETTER_TYPE_NAME} and go on. Either way no message is
 * dropped silently.
 *
 * <p>{@link #applyBatch} runs on the task thread; the reply is handled on an HTTP client thread,
 * which the {@link BatchContext} allows.
 */
final class RemoteFunction implements BatchingFunction {
  static final String DEAD_LETTER_TYPE_NAME =
      "type.googleapis.com/io.statefun.sdk.reqreply.ToFunction";
  private static final TypeName DEAD_LETTER_TYPE = TypeName.parse(DEAD_LETTER_TYPE_NAME);
  private static final Logger LOG = LoggerFactory.getLogger(RemoteFunction.class);

  private final TypeName type;
  private final URI url;
  private final RequestReplyClient client;
  private final @Nullable TypeName deadLetterEgress;
  private final RemoteFunctionMetrics metrics;
  private final int maxBacklog;

  /**
   * @param deadLetterEgress where the messages of failed batches go, or null to fail instead
   * @param maxBacklog the endpoint's {@code maxNumBatchRequests}
   */
  RemoteFunction(
      TypeName type,
      URI url,
      RequestReplyClient client,
      @Nullable TypeName deadLetterEgress,
      RemoteFunctionMetrics metrics,
      int maxBacklog) {
    this.type = type;
    this.url = url;
    this.client = client;
    this.deadLetterEgress = deadLetterEgress;
    this.metrics = metrics;
    this.maxBacklog = maxBacklog;
  }

  /**
   * The most queued messages one request carries ({@code maxNumBatchRequests}; 0 or less: no
   * bound); the dispatcher keeps the rest for the next request.
   */
  @Override
  public int maxBacklog() {
    return maxBacklog;
  }

  /**
   * Publishes this function type's metrics; to be called once with the type's group ({@code
   * functions.<namespace>.<name>}) when the function is loaded.
   */
  @Override
  public void open(MetricGroup functionTypeGroup) {
    metrics.register(functionTypeGroup);
  }

  /**
   * Closes the endpoint's client (shared by the endpoint's function types; closing twice is fine).
   */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public CompletableFuture<Void> applyBatch(BatchContext context, List<Envelope> batch) {
    Address self = context.self();
    List<ValueSpec<?>> registered = context.registeredValues();
    byte[] request =
        InvocationRequests.of(self, registered, context.storage(), batch).toByteArray();
    LOG.debug(
        "Invoking {} at {} with {} message(s) and {} value(s)",
        self,
        url,
        batch.size(),
        registered.size());
    long started = System.nanoTime();
    metrics.requestStarted(batch.size());
    return client
        .call(url, request, self)
        .handle(
            (reply, failure) -> {
              metrics.requestFinished(batch.size(), (System.nanoTime() - started) / 1_000_000);
              Throwable problem = failure;
              if (problem == null) {
                try {
                  InvocationReply decoded =
                      InvocationReply.decode(reply, self, registered, url.toString());
                  if (decoded instanceof InvocationReply.Incomplete incomplete) {
                    metrics.registeredValues(incomplete.missing().size());
                    LOG.debug("{} asks to register {}", self, incomplete.missing());
                  }
                  decoded.applyTo(context);
                  return null;
                } catch (InvalidReplyException e) {
                  problem = e;
                }
              }
              onFailure(context, batch, CompletionCauses.unwrap(problem));
              return null;
            });
  }

  private void onFailure(BatchContext context, List<Envelope> batch, Throwable problem) {
    metrics.failed();
    if (deadLetterEgress == null) {
      throw new CompletionException(
          new RemoteInvocationFailedException(
              "Remote invocation of "
                  + context.self()
                  + " ("
                  + batch.size()
                  + " message(s)) failed: "
                  + problem.getMessage(),
              problem));
    }
    LOG.warn(
        "Remote invocation of {} failed; sending its {} message(s) to dead-letter egress {}: {}",
        context.self(),
        batch.size(),
        deadLetterEgress,
        problem.getMessage());
    for (Envelope envelope : batch) {
      byte[] record = InvocationRequests.deadLetter(envelope).toByteArray();
      context.send(new EgressMessage(deadLetterEgress, new TypedValue(DEAD_LETTER_TYPE, record)));
    }
    metrics.deadLettered(batch.size());
  }

  @Override
  public String toString() {
    return "RemoteFunction{" + type + " at " + url + "}";
  }
}

package io.statefun.runtime.dispatch;

import io.statefun.runtime.config.StatefunOptions.UndeliverablePolicy;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.util.OutputTag;

/**
 * What the dispatcher needs from the job assembly, serializable into the job graph.
 *
 * @param application how to load the functions in the task
 * @param egressTags the side output of each egress id
 * @param replyTags the side output of each ingress reply type: messages to an address of such a
 *     type are replies to a caller outside the job, which that ingress answers
 * @param maxAsyncPerTask addresses that may wait for unfinished work before input stops
 * @param feedbackCheckpointWait how long a snapshot waits for the loop's sentinel
 * @param undeliverable what to do with messages nobody binds
 * @param idempotencyRetention for the reply types whose callers may carry an idempotency key
 *     ({@link io.statefun.runtime.ingress.IngressCallerId}), how long a key is remembered per
 *     address ({@link IdempotentRequests}); reply types not listed are never deduplicated
 */
public record DispatcherSettings(
    ApplicationLoader application,
    Map<TypeName, OutputTag<TypedValue>> egressTags,
    Map<TypeName, OutputTag<Envelope>> replyTags,
    int maxAsyncPerTask,
    Duration feedbackCheckpointWait,
    UndeliverablePolicy undeliverable,
    Map<TypeName, Duration> idempotencyRetention)
    implements Serializable {

  public DispatcherSettings {
    egressTags = Map.copyOf(egressTags);
    replyTags = Map.copyOf(replyTags);
    idempotencyRetention = Map.copyOf(idempotencyRetention);
    if (maxAsyncPerTask < 1) {
      throw new IllegalArgumentException("statefun.async.max-per-task must be at least 1");
    }
  }

  /** Settings for an application whose ingresses deduplicate no requests. */
  public DispatcherSettings(
      ApplicationLoader application,
      Map<TypeName, OutputTag<TypedValue>> egressTags,
      Map<TypeName, OutputTag<Envelope>> replyTags,
      int maxAsyncPerTask,
      Duration feedbackCheckpointWait,
      UndeliverablePolicy undeliverable) {
    this(
        application,
        egressTags,
        replyTags,
        maxAsyncPerTask,
        feedbackCheckpointWait,
        undeliverable,
        Map.of());
  }

  /** Settings for an application whose ingresses take no replies. */
  public DispatcherSettings(
      ApplicationLoader application,
      Map<TypeName, OutputTag<TypedValue>> egressTags,
      int maxAsyncPerTask,
      Duration feedbackCheckpointWait,
      UndeliverablePolicy undeliverable) {
    this(application, egressTags, Map.of(), maxAsyncPerTask, feedbackCheckpointWait, undeliverable);
  }
}

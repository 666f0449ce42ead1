package io.statefun.runtime.ingress;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * An ingress whose callers wait outside the job for an answer (an HTTP client): each message it
 * emits names as its caller an address of the ingress's {@link #replyType reply type}, and a
 * function answers by sending to that caller. The dispatcher hands every message to a reply type to
 * a side output instead of delivering it, and {@link #attachReplies} consumes that stream.
 */
@NullMarked
public interface ReplyingIngressProvider extends IngressProvider {

  /**
   * The function type of the callers this ingress gives its messages; the job's assembly refuses a
   * function bound as this type or in its namespace.
   */
  TypeName replyType(IngressSpec<?> spec);

  /**
   * How long the dispatcher remembers an idempotency key of this ingress's callers ({@link
   * IngressCallerId}); empty if the ingress gives none, so no request is deduplicated.
   */
  default Optional<Duration> idempotencyRetention(IngressSpec<?> spec) {
    return Optional.empty();
  }

  /** Attaches the consumer of the replies; called once per ingress, after the dispatcher. */
  void attachReplies(IngressReplies replies);
}

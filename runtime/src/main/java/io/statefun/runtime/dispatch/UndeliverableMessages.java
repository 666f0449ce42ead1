package io.statefun.runtime.dispatch;

import io.statefun.runtime.config.StatefunOptions.UndeliverablePolicy;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.util.Set;
import org.apache.flink.metrics.Counter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a message nobody can take (its function type or egress is not bound): under
 * {@link UndeliverablePolicy#LOG} it is counted (metric {@code undeliverable}) and logged with its
 * target and sender; under {@link UndeliverablePolicy#FAIL} the task fails with that description.
 */
final class UndeliverableMessages {
  private static final Logger LOG = LoggerFactory.getLogger(UndeliverableMessages.class);

  private final UndeliverablePolicy policy;
  private final Counter counter;

  UndeliverableMessages(UndeliverablePolicy policy, Counter counter) {
    this.policy = policy;
    this.counter = counter;
  }

  /** A message to an address whose function type (and namespace) no module binds. */
  void toUnboundFunction(Envelope envelope) {
    handle(
        envelope.target().toString(),
        envelope.caller(),
        "no function type " + envelope.target().type() + " is bound (nor its namespace)");
  }

  /** A message from {@code sender} to an egress id no module binds. */
  void toUnboundEgress(@Nullable Address sender, TypeName egress, Set<TypeName> bound) {
    handle("egress " + egress, sender, "no egress " + egress + " is bound; known: " + bound);
  }

  private void handle(String target, @Nullable Address sender, String why) {
    String description =
        "Undeliverable message to "
            + target
            + (sender == null ? " from an ingress" : " from " + sender)
            + ": "
            + why;
    if (policy == UndeliverablePolicy.FAIL) {
      throw new IllegalStateException(description);
    }
    counter.inc();
    LOG.warn(
        "{} (dropped; set statefun.undeliverable-messages: FAIL to fail instead)", description);
  }
}

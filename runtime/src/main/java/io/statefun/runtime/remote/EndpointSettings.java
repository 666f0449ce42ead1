package io.statefun.runtime.remote;

import io.statefun.runtime.remote.http.TransportSettings;
import io.statefun.sdk.TypeName;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP endpoint, as a {@code module.yaml} component describes it.
 *
 * @param namespace the namespace of the functions served ({@code ns/*}), or null with a type
 * @param functionType the one function type served, or null with a namespace
 * @param urlPathTemplate where the functions are
 * @param maxNumBatchRequests StateFun's per-address backlog bound (kept; see the package notes)
 * @param transport how requests travel
 * @param deadLetterEgress where messages of failed batches go, or null to fail the job
 */
@Internal
public record EndpointSettings(
    @Nullable String namespace,
    @Nullable TypeName functionType,
    UrlPathTemplate urlPathTemplate,
    int maxNumBatchRequests,
    TransportSettings transport,
    @Nullable TypeName deadLetterEgress) {

  public static final int DEFAULT_MAX_NUM_BATCH_REQUESTS = 1000;

  public EndpointSettings {
    if ((namespace == null) == (functionType == null)) {
      throw new IllegalArgumentException(
          "an endpoint serves either a namespace or one function type");
    }
    Objects.requireNonNull(urlPathTemplate, "urlPathTemplate");
    Objects.requireNonNull(transport, "transport");
  }

  /** {@code ns/name} or {@code ns/*}. */
  String functions() {
    return namespace != null ? namespace + "/*" : functionType.canonical();
  }
}

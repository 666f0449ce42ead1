package io.statefun.runtime.ingress;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.io.IngressSpec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.jspecify.annotations.NullMarked;

/**
 * What an {@link IngressProvider} gets.
 *
 * @param environment where to add the source
 * @param spec the ingress to create
 * @param application to route in the task with {@link IngressRouting}
 * @param configuration the job's configuration
 * @param envelopeType the type of the stream to return: envelopes written compactly for this
 *     application's functions
 */
@NullMarked
public record IngressContext(
    StreamExecutionEnvironment environment,
    IngressSpec<?> spec,
    ApplicationLoader application,
    ReadableConfig configuration,
    TypeInformation<Envelope> envelopeType) {

  /** The routing of this ingress's records, to use inside the source. */
  public <T> IngressRouting<T> routing() {
    return new IngressRouting<>(application, spec.id());
  }

  /** The operator uid of this ingress's source: stable across runs, unique per ingress. */
  public String sourceUid() {
    return "ingress-" + spec.type().canonical() + "-" + spec.id().canonical();
  }
}

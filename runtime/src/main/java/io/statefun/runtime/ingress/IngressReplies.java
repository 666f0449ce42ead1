package io.statefun.runtime.ingress;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.io.IngressSpec;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.jspecify.annotations.NullMarked;

/**
 * What a {@link ReplyingIngressProvider} gets to answer its callers.
 *
 * @param spec the ingress
 * @param ingress the stream its provider created (for its parallelism)
 * @param replies the messages functions sent to addresses of the ingress's reply type, in no
 *     particular partitioning
 * @param application to load the application in a task
 * @param configuration the job's configuration
 */
@NullMarked
public record IngressReplies(
    IngressSpec<?> spec,
    DataStream<Envelope> ingress,
    DataStream<Envelope> replies,
    ApplicationLoader application,
    ReadableConfig configuration) {

  /** The operator uid of the operator that answers the callers: stable, unique per ingress. */
  public String repliesUid() {
    return "ingress-replies-" + spec.type().canonical() + "-" + spec.id().canonical();
  }
}

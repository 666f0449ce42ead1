package io.statefun.runtime.ingress;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.TypeName;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.jspecify.annotations.NullMarked;

/**
 * Implements one type of ingress: turns its spec into a Flink stream of routed messages. Found with
 * {@link java.util.ServiceLoader} and chosen by {@link #type()} = the spec's {@code type()}.
 */
@NullMarked
public interface IngressProvider {

  TypeName type();

  DataStream<Envelope> createIngress(IngressContext context);
}

package io.statefun.runtime.egress;

import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.io.EgressSpec;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.jspecify.annotations.NullMarked;

/**
 * What an {@link EgressProvider} gets.
 *
 * @param spec the egress to attach
 * @param values the values functions send to it
 * @param application to get the spec again inside the sink task ({@code
 *     application.load(userCodeClassLoader).egresses().get(id)}), so that objects of a module
 *     (serializers) need not travel in the job graph, where a module's own class loader is unknown
 * @param configuration the job's configuration
 */
@NullMarked
public record EgressContext(
    EgressSpec spec,
    DataStream<TypedValue> values,
    ApplicationLoader application,
    ReadableConfig configuration) {

  /** The operator uid of this egress's sink: stable across runs, unique per egress. */
  public String sinkUid() {
    return "egress-" + spec.type().canonical() + "-" + spec.id().canonical();
  }
}

package io.statefun.runtime.egress;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.io.EgressSpec;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Implements one type of egress: attaches a sink to the values sent to it. Found with {@link
 * java.util.ServiceLoader} and chosen by {@link #type()} = the spec's {@code type()}.
 */
public interface EgressProvider {

  TypeName type();

  void attach(EgressSpec spec, DataStream<TypedValue> values, ReadableConfig configuration);

  /** The operator uid for an egress's sink: stable across runs, unique per egress. */
  static String sinkUid(EgressSpec spec) {
    return "egress-" + spec.type().canonical() + "-" + spec.id().canonical();
  }
}

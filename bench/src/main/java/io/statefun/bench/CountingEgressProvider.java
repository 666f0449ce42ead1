package io.statefun.bench;

import io.statefun.runtime.egress.EgressProvider;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import io.statefun.sdk.io.EgressSpec;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Implements {@link CountingEgress}. */
public final class CountingEgressProvider implements EgressProvider {

  @Override
  public TypeName type() {
    return CountingEgress.TYPE;
  }

  @Override
  public void attach(EgressSpec spec, DataStream<TypedValue> values, ReadableConfig configuration) {
    values.sinkTo(new CountingSink<TypedValue>(value -> value.as(Types.LONG))).name("counting-sink");
  }
}

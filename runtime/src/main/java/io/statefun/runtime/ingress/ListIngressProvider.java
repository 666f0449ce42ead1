package io.statefun.runtime.ingress;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.sdk.TypeName;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Implements {@link ListIngress} with a {@link ListSource} of parallelism 1. */
public final class ListIngressProvider implements IngressProvider {

  @Override
  public TypeName type() {
    return ListIngress.TYPE;
  }

  @Override
  public DataStream<Envelope> createIngress(IngressContext context) {
    ListIngress<?> spec = (ListIngress<?>) context.spec();
    return context
        .environment()
        .fromSource(
            new ListSource<>(spec.records(), spec.recordsPerSecond(), context.routing()),
            WatermarkStrategy.noWatermarks(),
            "ingress " + spec.id(),
            RuntimeTypes.ENVELOPE)
        .setParallelism(1)
        .uid(context.sourceUid());
  }
}

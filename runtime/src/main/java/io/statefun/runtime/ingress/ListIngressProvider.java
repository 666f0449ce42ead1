package io.statefun.runtime.ingress;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.TypeName;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Implements {@link ListIngress} with a {@link SequenceSource} of parallelism 1. */
@Internal
public final class ListIngressProvider implements IngressProvider {

  private record ListRecords<T>(java.util.List<T> list) implements SequenceSource.Records<T> {
    @Override
    public int size() {
      return list.size();
    }

    @Override
    public T get(int index) {
      return list.get(index);
    }
  }

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
            new SequenceSource<>(
                new ListRecords<>(spec.records()), spec.recordsPerSecond(), context.routing()),
            WatermarkStrategy.noWatermarks(),
            "ingress " + spec.id(),
            context.envelopeType())
        .setParallelism(1)
        .uid(context.sourceUid());
  }
}

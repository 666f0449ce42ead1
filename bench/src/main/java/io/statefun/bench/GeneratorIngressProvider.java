package io.statefun.bench;

import io.statefun.runtime.ingress.IngressContext;
import io.statefun.runtime.ingress.IngressProvider;
import io.statefun.runtime.ingress.SequenceSource;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Implements {@link GeneratorIngress}: one source subtask generating the messages in order. */
public final class GeneratorIngressProvider implements IngressProvider {

  @Override
  public TypeName type() {
    return GeneratorIngress.TYPE;
  }

  @Override
  public DataStream<Envelope> createIngress(IngressContext context) {
    GeneratorIngress spec = (GeneratorIngress) context.spec();
    // an application's ingress does not end: the generator idles after its last message
    return context
        .environment()
        .fromSource(
            SequenceSource.ofEnvelopes(
                Math.toIntExact(spec.messages()),
                new ToMessage(spec.target(), spec.keys(), spec.timestamped()),
                spec.perSecond()),
            WatermarkStrategy.noWatermarks(),
            "generator",
            context.envelopeType())
        .setParallelism(1);
  }

  private static final class ToMessage implements SequenceSource.EnvelopeGenerator {
    private static final long serialVersionUID = 1L;
    private static final TypedValue ONE = TypedValue.of(Types.LONG, 1L);

    private final TypeName target;
    private final long keys;
    private final boolean timestamped;

    ToMessage(TypeName target, long keys, boolean timestamped) {
      this.target = target;
      this.keys = keys;
      this.timestamped = timestamped;
    }

    @Override
    public Envelope envelope(int i) {
      TypedValue payload = timestamped ? TypedValue.of(Types.LONG, System.nanoTime()) : ONE;
      return new Envelope(new Address(target, Long.toString(i % keys)), null, payload);
    }
  }
}

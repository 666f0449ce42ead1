package io.statefun.bench;

import io.statefun.runtime.ingress.IngressContext;
import io.statefun.runtime.ingress.IngressProvider;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Implements {@link GeneratorIngress} with {@code fromSequence}, as the plain Flink job does. */
public final class GeneratorIngressProvider implements IngressProvider {

  @Override
  public TypeName type() {
    return GeneratorIngress.TYPE;
  }

  @Override
  public DataStream<Envelope> createIngress(IngressContext context) {
    GeneratorIngress spec = (GeneratorIngress) context.spec();
    return context
        .environment()
        .fromSequence(0, spec.messages() - 1)
        .name("generator")
        .map(new ToMessage(spec.target(), spec.keys()))
        .returns(RuntimeTypes.ENVELOPE)
        .name("to-message");
  }

  private static final class ToMessage implements MapFunction<Long, Envelope> {
    private static final long serialVersionUID = 1L;
    private static final TypedValue ONE = TypedValue.of(Types.LONG, 1L);

    private final TypeName target;
    private final long keys;

    ToMessage(TypeName target, long keys) {
      this.target = target;
      this.keys = keys;
    }

    @Override
    public Envelope map(Long i) {
      return new Envelope(new Address(target, Long.toString(i % keys)), null, ONE);
    }
  }
}

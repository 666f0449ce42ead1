package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.Envelope;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Makes the dispatcher with its task's mailbox executor. */
public final class FunctionDispatcherOperatorFactory extends AbstractStreamOperatorFactory<Envelope>
    implements OneInputStreamOperatorFactory<Envelope, Envelope> {
  private static final long serialVersionUID = 1L;

  private final DispatcherSettings settings;

  public FunctionDispatcherOperatorFactory(DispatcherSettings settings) {
    this.settings = settings;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends StreamOperator<Envelope>> T createStreamOperator(
      StreamOperatorParameters<Envelope> parameters) {
    return (T) new FunctionDispatcherOperator(parameters, settings);
  }

  @Override
  public Class<? extends StreamOperator<?>> getStreamOperatorClass(ClassLoader classLoader) {
    return FunctionDispatcherOperator.class;
  }
}

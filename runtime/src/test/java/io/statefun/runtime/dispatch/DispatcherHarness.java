package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.sdk.Address;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The dispatcher operator in Flink's keyed operator test harness, keyed by target address as the
 * job keys it, set up and ready for {@code initializeState} or {@code open}.
 */
final class DispatcherHarness {
  private DispatcherHarness() {}

  static KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> of(
      DispatcherSettings settings) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new FunctionDispatcherOperatorFactory(settings),
            Envelope::target,
            RuntimeTypes.ADDRESS,
            new EnvelopeSerializer());
    harness.setup(new EnvelopeSerializer());
    return harness;
  }
}

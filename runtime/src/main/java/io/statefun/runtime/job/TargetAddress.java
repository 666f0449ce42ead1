package io.statefun.runtime.job;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import org.apache.flink.api.java.functions.KeySelector;

/** Partitions messages by the address they are for. */
final class TargetAddress implements KeySelector<Envelope, Address> {
  private static final long serialVersionUID = 1L;

  @Override
  public Address getKey(Envelope envelope) {
    return envelope.target();
  }
}

package io.statefun.savepoint;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups the messages that were in the feedback loop by their target address, in order. */
final class InTransitMessages {
  private InTransitMessages() {}

  static List<AddressState> byTarget(List<Envelope> inTransit) {
    Map<Address, List<Envelope>> byTarget = new LinkedHashMap<>();
    for (Envelope envelope : inTransit) {
      byTarget.computeIfAbsent(envelope.target(), a -> new ArrayList<>()).add(envelope);
    }
    List<AddressState> states = new ArrayList<>();
    byTarget.forEach(
        (target, envelopes) ->
            states.add(
                new AddressState(target, Map.of(), Map.of(), List.of(), List.of(), envelopes)));
    return states;
  }
}

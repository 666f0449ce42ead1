package io.statefun.savepoint;

import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.dispatch.IdempotencyRecord;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the functions operator keeps for one address: its values (typed bytes, by value name),
 * the delayed messages it sent that are still pending (by fire time), the batch of an invocation
 * that was unfinished at the snapshot, the messages queued behind it, the messages to it that were
 * in the feedback loop, and the idempotency keys of requests to it (per reply type, the
 * dispatcher's record of each key). Immutable.
 */
public final class AddressState {
  private final Address address;
  private final SortedMap<String, TypedValue> values;
  private final SortedMap<Long, List<DelayedMessage>> delayed;
  private final List<Envelope> inFlight;
  private final List<Envelope> backlog;
  private final List<Envelope> inTransit;
  private final Map<TypeName, Map<String, IdempotencyRecord>> idempotency;

  /** An address without idempotency records. */
  public AddressState(
      Address address,
      Map<String, TypedValue> values,
      Map<Long, List<DelayedMessage>> delayed,
      List<Envelope> inFlight,
      List<Envelope> backlog,
      List<Envelope> inTransit) {
    this(address, values, delayed, inFlight, backlog, inTransit, Map.of());
  }

  /**
   * @param idempotency per reply type (ingress), the record of each idempotency key
   */
  public AddressState(
      Address address,
      Map<String, TypedValue> values,
      Map<Long, List<DelayedMessage>> delayed,
      List<Envelope> inFlight,
      List<Envelope> backlog,
      List<Envelope> inTransit,
      Map<TypeName, Map<String, IdempotencyRecord>> idempotency) {
    this.address = Objects.requireNonNull(address, "address");
    this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    TreeMap<Long, List<DelayedMessage>> byTime = new TreeMap<>();
    delayed.forEach((time, messages) -> byTime.put(time, List.copyOf(messages)));
    this.delayed = Collections.unmodifiableSortedMap(byTime);
    this.inFlight = List.copyOf(inFlight);
    this.backlog = List.copyOf(backlog);
    this.inTransit = List.copyOf(inTransit);
    Map<TypeName, Map<String, IdempotencyRecord>> records = new LinkedHashMap<>();
    idempotency.forEach(
        (replyType, byKey) -> {
          if (!byKey.isEmpty()) {
            records.put(replyType, Collections.unmodifiableSortedMap(new TreeMap<>(byKey)));
          }
        });
    this.idempotency = Collections.unmodifiableMap(records);
  }

  /** An address holding just {@code values}. */
  public static AddressState ofValues(Address address, Map<String, TypedValue> values) {
    return new AddressState(address, values, Map.of(), List.of(), List.of(), List.of());
  }

  public Address address() {
    return address;
  }

  /** The values by name, sorted by name. */
  public SortedMap<String, TypedValue> values() {
    return values;
  }

  /** The pending delayed messages this address sent, by fire time (epoch milliseconds). */
  public SortedMap<Long, List<DelayedMessage>> delayed() {
    return delayed;
  }

  public List<Envelope> inFlight() {
    return inFlight;
  }

  public List<Envelope> backlog() {
    return backlog;
  }

  public List<Envelope> inTransit() {
    return inTransit;
  }

  /** Per reply type (ingress), the record of each idempotency key, by key; no empty maps. */
  public Map<TypeName, Map<String, IdempotencyRecord>> idempotency() {
    return idempotency;
  }

  public boolean isEmpty() {
    return values.isEmpty()
        && delayed.isEmpty()
        && inFlight.isEmpty()
        && backlog.isEmpty()
        && inTransit.isEmpty()
        && idempotency.isEmpty();
  }

  /** The same state with other values. */
  public AddressState withValues(Map<String, TypedValue> newValues) {
    return new AddressState(address, newValues, delayed, inFlight, backlog, inTransit, idempotency);
  }

  /** This state and {@code other}'s (of the same address); other's values and records win. */
  AddressState merge(AddressState other) {
    TreeMap<String, TypedValue> mergedValues = new TreeMap<>(values);
    mergedValues.putAll(other.values);
    TreeMap<Long, List<DelayedMessage>> mergedDelayed = new TreeMap<>(delayed);
    other.delayed.forEach(
        (time, messages) ->
            mergedDelayed.merge(
                time,
                messages,
                (a, b) -> {
                  List<DelayedMessage> both = new ArrayList<>(a);
                  both.addAll(b);
                  return both;
                }));
    Map<TypeName, Map<String, IdempotencyRecord>> mergedRecords = new LinkedHashMap<>();
    idempotency.forEach((replyType, byKey) -> mergedRecords.put(replyType, new TreeMap<>(byKey)));
    other.idempotency.forEach(
        (replyType, byKey) ->
            mergedRecords.computeIfAbsent(replyType, t -> new TreeMap<>()).putAll(byKey));
    return new AddressState(
        address,
        mergedValues,
        mergedDelayed,
        concat(inFlight, other.inFlight),
        concat(backlog, other.backlog),
        concat(inTransit, other.inTransit),
        mergedRecords);
  }

  private static List<Envelope> concat(List<Envelope> a, List<Envelope> b) {
    List<Envelope> both = new ArrayList<>(a);
    both.addAll(b);
    return both;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressState other
        && address.equals(other.address)
        && values.equals(other.values)
        && delayed.equals(other.delayed)
        && inFlight.equals(other.inFlight)
        && backlog.equals(other.backlog)
        && inTransit.equals(other.inTransit)
        && idempotency.equals(other.idempotency);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, values, delayed, inFlight, backlog, inTransit, idempotency);
  }

  @Override
  public String toString() {
    return address
        + " values="
        + values.keySet()
        + " delayed="
        + delayed.size()
        + " inFlight="
        + inFlight.size()
        + " backlog="
        + backlog.size()
        + " inTransit="
        + inTransit.size()
        + " idempotencyKeys="
        + idempotency.values().stream().mapToInt(Map::size).sum();
  }
}

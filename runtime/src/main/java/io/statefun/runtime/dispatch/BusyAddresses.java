package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;

/**
 * The addresses with unfinished work (an async future, a remote call), the batch each is working
 * on, and the messages queued behind it, so that every address sees its messages one at a time and
 * in order. The batch ("in flight") and the queue ("backlog") are keyed state of the current key,
 * so both survive a failure; which addresses are busy is known in memory and rebuilt from the
 * in-flight state on restore. Task thread only.
 */
final class BusyAddresses {
  private final ListState<Envelope> inFlight;
  private final ListState<Envelope> backlog;
  private final Set<Address> busy = new HashSet<>();

  /** Messages queued per busy address since this attempt started (a restore starts at 0). */
  private final Map<Address, Integer> backlogSizes = new HashMap<>();

  BusyAddresses(ListState<Envelope> inFlight, ListState<Envelope> backlog) {
    this.inFlight = inFlight;
    this.backlog = backlog;
  }

  boolean isBusy(Address address) {
    return !busy.isEmpty() && busy.contains(address); // mostly empty with embedded functions
  }

  /** How many addresses are busy. */
  int size() {
    return busy.size();
  }

  boolean isEmpty() {
    return busy.isEmpty();
  }

  /**
   * Marks the current key busy with {@code batch}, stored so it is invoked again after a restore;
   * an address already busy (a retry) keeps its stored batch.
   */
  void markBusy(Address current, List<Envelope> batch) throws Exception {
    if (busy.add(current)) {
      inFlight.update(batch);
    }
  }

  /** Marks an address that had unfinished work in the restored state busy. */
  void markBusyAtRestore(Address address) {
    busy.add(address);
  }

  /** The batch the current key works on (stored), empty if none. */
  List<Envelope> inFlightBatch() throws Exception {
    List<Envelope> batch = new ArrayList<>();
    Iterable<Envelope> stored = inFlight.get();
    if (stored != null) {
      stored.forEach(batch::add);
    }
    return batch;
  }

  /** The messages queued for the current key, oldest first; reads only (they stay queued). */
  List<Envelope> queued() throws Exception {
    List<Envelope> queued = new ArrayList<>();
    Iterable<Envelope> stored = backlog.get();
    if (stored != null) {
      stored.forEach(queued::add);
    }
    return queued;
  }

  /** The current key finished its work: it is no longer busy and its batch is forgotten. */
  void finish(Address current) {
    busy.remove(current);
    inFlight.clear();
  }

  /** Queues a message for the current key, which is busy. */
  void enqueue(Envelope envelope) throws Exception {
    backlog.add(envelope);
    backlogSizes.merge(envelope.target(), 1, Integer::sum);
  }

  /**
   * Takes the current key's queued messages, oldest first, at most {@code max} (0: all); the rest
   * stay queued.
   */
  List<Envelope> takeBacklog(Address current, int max) throws Exception {
    Iterable<Envelope> queued = backlog.get();
    List<Envelope> all = new ArrayList<>();
    if (queued != null) {
      queued.forEach(all::add);
    }
    if (all.isEmpty()) {
      return all;
    }
    backlog.clear();
    backlogSizes.remove(current);
    if (max > 0 && all.size() > max) {
      requeue(current, all.subList(max, all.size()));
      return all.subList(0, max);
    }
    return all;
  }

  /** Puts messages taken from the current key's backlog back, in front of nothing (it is empty). */
  void requeue(Address current, List<Envelope> rest) throws Exception {
    backlog.update(rest);
    backlogSizes.put(current, rest.size());
  }

  /** Busy addresses of a function type (a metric, sampled). */
  int busyOfType(TypeName type) {
    int count = 0;
    for (Address address : busy) {
      if (address.type().equals(type)) {
        count++;
      }
    }
    return count;
  }

  /** Queued messages of a function type's addresses (a metric, sampled). */
  int backlogOfType(TypeName type) {
    int count = 0;
    for (Map.Entry<Address, Integer> entry : backlogSizes.entrySet()) {
      if (entry.getKey().type().equals(type)) {
        count += entry.getValue();
      }
    }
    return count;
  }

  /** Queued messages of all addresses (a metric, sampled). */
  int backlogTotal() {
    int count = 0;
    for (int size : backlogSizes.values()) {
      count += size;
    }
    return count;
  }
}

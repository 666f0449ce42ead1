package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.ArrayDeque;
import java.util.Map;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;

/**
 * Where the messages a function sends go: to an address of this subtask, into the local queue
 * (delivered later in the same mail, without serialization); to another subtask's address, into the
 * feedback loop; to an address of an ingress's reply type (a caller waiting outside the job, e.g.
 * an HTTP client), into that ingress's reply side output; to an egress, into that egress's side
 * output; to nobody, to {@link UndeliverableMessages}. Task thread only.
 */
final class MessageRouter {

  /** The operator's outputs. */
  interface Outputs {
    void toFeedbackLoop(Envelope envelope);

    void toEgress(OutputTag<TypedValue> egress, TypedValue value);

    void toIngressCaller(OutputTag<Envelope> replies, Envelope reply);
  }

  private final int maxParallelism;
  private final int parallelism;
  private final int subtaskIndex;
  private final Map<TypeName, OutputTag<TypedValue>> egressTags;
  private final Map<TypeName, OutputTag<Envelope>> replyTags;
  private final Outputs outputs;
  private final UndeliverableMessages undeliverable;
  private final ArrayDeque<Envelope> localQueue = new ArrayDeque<>();
  // functions send to the same egress id instance again and again: no map lookup then
  private @Nullable TypeName lastEgress;
  private @Nullable OutputTag<TypedValue> lastEgressTag;

  MessageRouter(
      int maxParallelism,
      int parallelism,
      int subtaskIndex,
      Map<TypeName, OutputTag<TypedValue>> egressTags,
      Map<TypeName, OutputTag<Envelope>> replyTags,
      Outputs outputs,
      UndeliverableMessages undeliverable) {
    this.maxParallelism = maxParallelism;
    this.parallelism = parallelism;
    this.subtaskIndex = subtaskIndex;
    this.egressTags = egressTags;
    this.replyTags = replyTags;
    this.outputs = outputs;
    this.undeliverable = undeliverable;
  }

  /**
   * Sends a message on; returns true if this subtask owns its address (it is queued locally), false
   * if it went into the feedback loop or to a caller outside the job.
   */
  boolean send(Envelope envelope) {
    if (!replyTags.isEmpty()) {
      OutputTag<Envelope> replies = replyTags.get(envelope.target().type());
      if (replies != null) {
        outputs.toIngressCaller(replies, envelope);
        return false;
      }
    }
    int owner =
        KeyGroupRangeAssignment.assignKeyToParallelOperator(
            envelope.target(), maxParallelism, parallelism);
    if (owner == subtaskIndex) {
      localQueue.add(envelope);
      return true;
    }
    outputs.toFeedbackLoop(envelope);
    return false;
  }

  /** The next message queued for an address of this subtask, if any. */
  @Nullable Envelope pollLocal() {
    return localQueue.poll();
  }

  /** Sends a value out through its egress; returns false if no egress has that id. */
  boolean emit(Address sender, TypeName egress, TypedValue value) {
    OutputTag<TypedValue> tag;
    if (egress == lastEgress) {
      tag = lastEgressTag;
    } else {
      tag = egressTags.get(egress);
      lastEgress = tag == null ? null : egress;
      lastEgressTag = tag;
    }
    if (tag == null) {
      undeliverable.toUnboundEgress(sender, egress, egressTags.keySet());
      return false;
    }
    outputs.toEgress(tag, value);
    return true;
  }
}

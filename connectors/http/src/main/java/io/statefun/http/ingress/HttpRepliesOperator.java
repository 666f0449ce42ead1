package io.statefun.http.ingress;

import io.statefun.http.ReplyAfter;
import io.statefun.http.checkpoint.HeldUntilCheckpoint;
import io.statefun.http.server.HttpIngressServer;
import io.statefun.http.server.HttpIngressServers;
import io.statefun.http.server.SubtaskRequests;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the HTTP callers of one ingress subtask with the replies functions (or, for the live
 * state endpoint, the dispatcher) sent them. It runs co-located with the source subtask of the same
 * index, so it finds that subtask's waiting calls in the TaskManager's shared server. With {@code
 * replyAfter: checkpoint} a reply is held, in operator state, until the checkpoint that contains it
 * completes; then it is released. A reply nobody waits for any more (timed out, disconnected, from
 * before a restore) is counted ({@code repliesWithoutCaller}) and dropped.
 *
 * <p>Runs on the task thread only.
 */
final class HttpRepliesOperator extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<Envelope, Void> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(HttpRepliesOperator.class);
  private static final String HELD_STATE = "http-replies-held";

  private final ServedIngress ingress;
  private transient HeldUntilCheckpoint<Envelope> pending;
  private transient @Nullable ListState<Envelope> held; // with replyAfter: checkpoint only
  private transient List<Envelope> restored;
  private transient HttpIngressServer server;
  private transient String jobId;
  private transient int subtaskIndex;
  private transient Counter withoutCaller;

  HttpRepliesOperator(ServedIngress ingress) {
    this.ingress = ingress;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    pending = new HeldUntilCheckpoint<>();
    restored = new ArrayList<>();
    if (ingress.replyAfter() == ReplyAfter.INVOKE) {
      return; // holds nothing, so it keeps no state (a job may drop it and still restore)
    }
    held =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>(HELD_STATE, new EnvelopeSerializer()));
    if (context.isRestored()) {
      held.get().forEach(restored::add);
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    jobId = getRuntimeContext().getJobInfo().getJobId().toString();
    subtaskIndex = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    withoutCaller = getMetricGroup().counter("repliesWithoutCaller");
    server = HttpIngressServers.acquire(jobId, ingress.id(), ingress::startServer);
    // their checkpoint completed (it is the one restored), but their callers were answered 503
    // when the job failed: counted as replies without a caller
    restored.forEach(this::release);
    restored.clear();
  }

  @Override
  public void processElement(StreamRecord<Envelope> element) {
    if (ingress.replyAfter() == ReplyAfter.INVOKE) {
      release(element.getValue());
    } else {
      pending.add(element.getValue());
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    if (held == null) {
      return;
    }
    List<Envelope> all = new ArrayList<>();
    pending.snapshot(context.getCheckpointId()).values().forEach(all::addAll);
    held.update(all);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    pending.complete(checkpointId, (id, replies) -> replies.forEach(this::release));
  }

  @Override
  public void close() throws Exception {
    try {
      if (server != null) {
        HttpIngressServers.release(jobId, ingress.id());
        server = null;
      }
    } finally {
      super.close();
    }
  }

  private void release(Envelope reply) {
    String requestId = HttpIngressServer.requestIdOf(reply.target().id());
    SubtaskRequests requests = server.subtask(subtaskIndex);
    if (requests == null || !requests.reply(requestId, reply.payload())) {
      withoutCaller.inc();
      LOG.debug(
          "{}: nobody waits for the reply to request {} any more (from {})",
          ingress.name(),
          requestId,
          reply.caller());
    }
  }
}

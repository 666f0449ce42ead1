package io.statefun.runtime.feedback;

import io.statefun.runtime.message.Envelope;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the feedback edge: receives the messages owned by its subtask and hands them through
 * the channel to the co-located dispatcher. It also checkpoints the loop: its barrier arrives
 * aligned, after every message the dispatchers sent before theirs, so at its snapshot the messages
 * in the loop are those the channel counts {@link FeedbackChannel#inTransitAt in transit}; it
 * writes them into its raw keyed state ({@link FeedbackLog}) and hands them over first on restore.
 *
 * <p>Metrics, under StateFun's names: {@code produced} (messages fed back) and {@code producedRate}
 * (per second over 60 s); and of the channel: {@code loopBacklog} (handed over, not yet taken by
 * the dispatcher), {@code loopBacklogMax} (the longest backlog a drain found), {@code loopRetained}
 * (taken, kept for a checkpoint this sink has not taken yet), {@code loopRetainedMax} (the most
 * ever retained), {@code loopCheckpointed} (messages the last checkpoint stored) and {@code
 * loopCheckpointedMax} (the most a checkpoint stored).
 */
@Internal
public final class FeedbackSinkOperator extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<Envelope, Void> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackSinkOperator.class);

  private transient List<Envelope> restored;
  private transient FeedbackChannels.Key channelKey;
  private transient FeedbackChannel channel;
  private transient Counter produced;
  private transient volatile long lastCheckpointed;
  private transient volatile long mostCheckpointed;

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    restored = new ArrayList<>();
    if (context.isRestored()) {
      for (KeyGroupStatePartitionStreamProvider section : context.getRawKeyedStateInputs()) {
        FeedbackLog.read(section, restored);
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    TaskInfo task = getRuntimeContext().getTaskInfo();
    channelKey =
        new FeedbackChannels.Key(
            getRuntimeContext().getJobInfo().getJobId().toString(),
            task.getIndexOfThisSubtask(),
            task.getAttemptNumber());
    channel = FeedbackChannels.acquire(channelKey);
    MetricGroup metrics = getMetricGroup();
    produced = metrics.counter("produced");
    metrics.meter("producedRate", new MeterView(produced, 60));
    FeedbackChannel measured = channel;
    metrics.gauge("loopBacklog", (Gauge<Long>) measured::backlog);
    metrics.gauge("loopBacklogMax", (Gauge<Long>) measured::backlogMax);
    metrics.gauge("loopRetained", (Gauge<Long>) measured::retained);
    metrics.gauge("loopRetainedMax", (Gauge<Long>) measured::retainedMax);
    metrics.gauge("loopCheckpointed", (Gauge<Long>) () -> lastCheckpointed);
    metrics.gauge("loopCheckpointedMax", (Gauge<Long>) () -> mostCheckpointed);

    // before any new message: what was in the loop at the checkpoint goes first
    for (Envelope envelope : restored) {
      channel.put(envelope);
    }
    if (!restored.isEmpty()) {
      LOG.info(
          "Feedback {}/{} restored {} messages that were in the loop",
          task.getIndexOfThisSubtask() + 1,
          task.getNumberOfParallelSubtasks(),
          restored.size());
    }
    restored = null;
    channel.markRestoreHandedOver();
  }

  @Override
  public void processElement(StreamRecord<Envelope> element) {
    channel.put(element.getValue());
    produced.inc();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    long checkpointId = context.getCheckpointId();
    long logged =
        FeedbackLog.write(
            channel.inTransitAt(checkpointId),
            getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks(),
            context.getRawKeyedOperatorStateOutput());
    channel.checkpointTaken(checkpointId);
    lastCheckpointed = logged;
    mostCheckpointed = Math.max(mostCheckpointed, logged);
  }

  @Override
  protected boolean isUsingCustomRawKeyedState() {
    return true;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    if (channel != null) {
      channel.checkpointTaken(checkpointId);
    }
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    super.notifyCheckpointAborted(checkpointId);
    if (channel != null) {
      channel.checkpointAborted(checkpointId);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (channel != null) {
        channel = null;
        FeedbackChannels.release(channelKey);
      }
    } finally {
      super.close();
    }
  }
}

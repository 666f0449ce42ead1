package io.statefun.runtime.feedback;

import io.statefun.runtime.message.Envelope;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The end of the feedback edge: receives the messages owned by its subtask and puts them into the
 * channel of the co-located dispatcher; before each checkpoint barrier it puts the barrier's
 * sentinel, so the dispatcher knows which messages were sent before the checkpoint. Metrics, under
 * StateFun's names: {@code produced} (messages fed back) and {@code producedRate} (per second over
 * 60 s).
 */
@Internal
public final class FeedbackSinkOperator extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<Envelope, Void> {
  private static final long serialVersionUID = 1L;

  private transient FeedbackChannels.Key channelKey;
  private transient FeedbackChannel channel;
  private transient Counter produced;

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
    produced = getMetricGroup().counter("produced");
    getMetricGroup().meter("producedRate", new MeterView(produced, 60));
  }

  @Override
  public void processElement(StreamRecord<Envelope> element) {
    channel.put(element.getValue());
    produced.inc();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    channel.putCheckpointSentinel(checkpointId);
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

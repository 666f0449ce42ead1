package io.statefun.http.playground.egress;

import io.statefun.http.checkpoint.HeldUntilCheckpoint;
import io.statefun.http.playground.PlaygroundEgressSpec;
import io.statefun.http.playground.topics.PlaygroundEgressServers;
import io.statefun.http.playground.topics.PlaygroundTopics;
import io.statefun.http.playground.topics.TopicRecord;
import io.statefun.sdk.TypedValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of the playground egress, read-committed like the Kafka egress: the records of each
 * checkpoint are held, in operator state, until that checkpoint completes, then published to the
 * TaskManager's topics. On restore the held batches are published again; the topics ignore those
 * published before the failover. A value that is no valid record is dropped, logged with its reason
 * and counted ({@code invalidRecords}); a record for a full topic too ({@code
 * recordsDroppedTopicFull}); the job never fails for either.
 *
 * <p>Runs on the task thread only.
 */
final class PlaygroundEgressOperator extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<TypedValue, Void> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundEgressOperator.class);
  private static final String HELD_STATE = "playground-egress-held";

  private final PlaygroundEgressSpec spec;
  private transient HeldUntilCheckpoint<TopicRecord> pending;
  private transient ListState<byte[]> held;
  private transient List<HeldBatch> restored;
  private transient PlaygroundTopics topics;
  private transient String jobId;
  private transient int subtaskIndex;
  private transient Counter invalid;
  private transient Counter droppedFull;
  private transient Counter published;

  PlaygroundEgressOperator(PlaygroundEgressSpec spec) {
    this.spec = spec;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    pending = new HeldUntilCheckpoint<>();
    restored = new ArrayList<>();
    held =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(HELD_STATE, BytePrimitiveArraySerializer.INSTANCE));
    if (context.isRestored()) {
      for (byte[] batch : held.get()) {
        restored.add(HeldBatch.fromBytes(batch));
      }
      restored.sort(Comparator.comparingLong(HeldBatch::checkpointId));
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    jobId = getRuntimeContext().getJobInfo().getJobId().toString();
    subtaskIndex = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    invalid = getMetricGroup().counter("invalidRecords");
    droppedFull = getMetricGroup().counter("recordsDroppedTopicFull");
    published = getMetricGroup().counter("recordsPublished");
    topics = PlaygroundEgressServers.acquire(jobId, spec);
    // their checkpoint completed (it is the one restored); whether they were published before the
    // failover, the topics know
    for (HeldBatch batch : restored) {
      publish(batch.subtask(), batch.checkpointId(), batch.records());
    }
    restored.clear();
  }

  @Override
  public void processElement(StreamRecord<TypedValue> element) {
    TypedValue value = element.getValue();
    try {
      pending.add(EgressRecords.read(value, spec.topics()));
    } catch (EgressRecords.InvalidRecord e) {
      invalid.inc();
      LOG.warn(
          "Playground egress {} dropped {} ({} bytes): {}",
          spec.id(),
          e.getMessage(),
          value.value().length,
          preview(value.value()));
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    List<byte[]> batches = new ArrayList<>();
    pending
        .snapshot(context.getCheckpointId())
        .forEach(
            (checkpointId, records) ->
                batches.add(new HeldBatch(subtaskIndex, checkpointId, records).toBytes()));
    held.update(batches);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    pending.complete(checkpointId, (id, records) -> publish(subtaskIndex, id, records));
  }

  @Override
  public void close() throws Exception {
    try {
      if (topics != null) {
        PlaygroundEgressServers.release(jobId, spec);
        topics = null;
      }
    } finally {
      super.close();
    }
  }

  private void publish(int subtask, long checkpointId, List<TopicRecord> records) {
    PlaygroundTopics.Publication publication = topics.publish(subtask, checkpointId, records);
    if (publication.duplicate()) {
      LOG.debug(
          "Playground egress {}: the records of subtask {} in checkpoint {} were published already",
          spec.id(),
          subtask,
          checkpointId);
      return;
    }
    int dropped = 0;
    for (Map.Entry<String, Integer> full : publication.droppedByTopic().entrySet()) {
      dropped += full.getValue();
      LOG.warn(
          "Playground egress {}: topic {} is full ({} records, nobody reads them with GET /{}):"
              + " dropped {} new records",
          spec.id(),
          full.getKey(),
          spec.maxRecordsPerTopic(),
          full.getKey(),
          full.getValue());
    }
    droppedFull.inc(dropped);
    published.inc(records.size() - dropped);
  }

  private static String preview(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return bytes.length > 120 ? out + "..." : out.toString();
  }
}

package io.statefun.http.ingress;

import io.statefun.http.HttpIngressSpec;
import io.statefun.http.ReplyAfter;
import io.statefun.http.server.HttpIngressServer;
import io.statefun.runtime.ingress.IngressContext;
import io.statefun.runtime.ingress.IngressReplies;
import io.statefun.runtime.ingress.ReplyingIngressProvider;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.io.network.api.writer.SubtaskStateMapper;
import org.apache.flink.runtime.plugable.SerializationDelegate;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.runtime.partitioner.StreamPartitioner;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Implements {@link HttpIngressSpec}: the source, and the replies operator partitioned by the
 * subtask index in the request id. Both are in one co-location group, so the replies operator of
 * index i shares a slot (and so a JVM and the server) with source subtask i.
 */
public final class HttpIngressProvider implements ReplyingIngressProvider {

  @Override
  public TypeName type() {
    return HttpIngressSpec.TYPE;
  }

  @Override
  public TypeName replyType(IngressSpec<?> spec) {
    return ((HttpIngressSpec) spec).replyType();
  }

  /** Requests with an {@code Idempotency-Key} are deduplicated by the dispatcher. */
  @Override
  public Optional<Duration> idempotencyRetention(IngressSpec<?> spec) {
    return Optional.of(((HttpIngressSpec) spec).idempotencyRetention());
  }

  @Override
  public DataStream<Envelope> createIngress(IngressContext context) {
    HttpIngressSpec spec = (HttpIngressSpec) context.spec();
    if (spec.replyAfter() == ReplyAfter.CHECKPOINT
        && !context.environment().getCheckpointConfig().isCheckpointingEnabled()) {
      throw new ModuleLoadingException(
          "HTTP ingress "
              + spec.id()
              + " answers after checkpoints, but checkpointing is off: set"
              + " execution.checkpointing.interval, or replyAfter: invoke");
    }
    ServedIngress ingress = ServedIngress.of(spec);
    DataStreamSource<Envelope> source =
        context
            .environment()
            .fromSource(
                new HttpIngressSource(ingress, context.application()),
                WatermarkStrategy.noWatermarks(),
                ingress.name(),
                context.envelopeType());
    source.uid(context.sourceUid());
    coLocate(source, ingress);
    return source;
  }

  @Override
  public void attachReplies(IngressReplies replies) {
    attachReplies(replies, ServedIngress.of((HttpIngressSpec) replies.spec()));
  }

  /** Puts a served ingress's source in the co-location group of its replies operator. */
  static void coLocate(DataStream<Envelope> source, ServedIngress ingress) {
    source.getTransformation().setCoLocationGroupKey(coLocationGroup(ingress));
  }

  /**
   * The replies operator of a served ingress: as many subtasks as the source, each taking the
   * replies to its source subtask's requests, co-located with it.
   */
  static void attachReplies(IngressReplies replies, ServedIngress ingress) {
    DataStream<Envelope> toTheirSubtasks =
        new DataStream<>(
            replies.replies().getExecutionEnvironment(),
            new PartitionTransformation<>(
                replies.replies().getTransformation(), new ToRequestSubtask()));
    SingleOutputStreamOperator<Void> answers =
        toTheirSubtasks
            .transform(ingress.name() + " replies", Types.VOID, new HttpRepliesOperator(ingress))
            .uid(replies.repliesUid());
    int parallelism = replies.ingress().getParallelism();
    if (parallelism > 0) {
      answers.setParallelism(parallelism);
    }
    answers.getTransformation().setCoLocationGroupKey(coLocationGroup(ingress));
  }

  private static String coLocationGroup(ServedIngress ingress) {
    return "statefun-http-ingress-" + ingress.id().canonical();
  }

  /**
   * Sends a reply to the replies operator of the source subtask that holds its request (the index
   * in the request id). A partitioner of its own rather than {@code partitionCustom}: Flink refuses
   * unaligned checkpoints in a job with a custom partitioning at all, while this edge only needs to
   * stay aligned itself (a reply it holds is tiny).
   */
  private static final class ToRequestSubtask extends StreamPartitioner<Envelope> {
    private static final long serialVersionUID = 1L;

    ToRequestSubtask() {
      disableUnalignedCheckpoints();
    }

    @Override
    public int selectChannel(SerializationDelegate<StreamRecord<Envelope>> record) {
      return HttpIngressServer.subtaskOf(record.getInstance().getValue().target().id())
          % numberOfChannels;
    }

    @Override
    public StreamPartitioner<Envelope> copy() {
      return this;
    }

    @Override
    public SubtaskStateMapper getDownstreamSubtaskStateMapper() {
      return SubtaskStateMapper.ARBITRARY; // aligned: no records in flight are ever restored
    }

    @Override
    public boolean isPointwise() {
      return false;
    }

    @Override
    public String toString() {
      return "REQUEST_SUBTASK";
    }
  }
}

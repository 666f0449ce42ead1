package io.statefun.http.ingress;

import io.statefun.http.HttpIngressSpec;
import io.statefun.http.ReplyAfter;
import io.statefun.http.server.HttpIngressServer;
import io.statefun.runtime.ingress.IngressContext;
import io.statefun.runtime.ingress.IngressReplies;
import io.statefun.runtime.ingress.ReplyingIngressProvider;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

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
                RuntimeTypes.ENVELOPE);
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
    SingleOutputStreamOperator<Void> answers =
        replies
            .replies()
            .partitionCustom(new ToSubtask(), new RequestSubtask())
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

  /** The index of the source subtask holding a reply's request. */
  private static final class RequestSubtask implements KeySelector<Envelope, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer getKey(Envelope reply) {
      return HttpIngressServer.subtaskOf(reply.target().id());
    }
  }

  private static final class ToSubtask implements Partitioner<Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public int partition(Integer subtask, int partitions) {
      return subtask % partitions;
    }
  }
}

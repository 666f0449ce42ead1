package io.statefun.http.ingress;

import io.statefun.http.ReplyAfter;
import io.statefun.http.server.HttpIngressServer;
import io.statefun.http.server.HttpIngressServers;
import io.statefun.http.server.IngressRequest;
import io.statefun.http.server.SubtaskRequests;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ApplicationLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.jspecify.annotations.Nullable;

/**
 * The requests of an HTTP ingress as a Flink source. It has no splits and nothing to replay: a
 * request lost in a failure was never answered, so its client retries. Each reader attaches its
 * subtask to the TaskManager's shared server and sends every request it takes into the job as a
 * message from the caller {@code <reply type>/<request id>}. A {@code /send} is answered {@code
 * 202} when its message is in a completed checkpoint (or at once with {@code replyAfter: invoke}).
 */
final class HttpIngressSource implements Source<Envelope, HttpIngressSource.NoSplit, Boolean> {
  private static final long serialVersionUID = 1L;

  /** Gauge: this subtask's calls waiting for their answer. */
  static final String PENDING_REQUESTS = "pendingRequests";

  /** Counter: requests for this subtask answered {@code 503} as over {@code maxPendingRequests}. */
  static final String REQUESTS_REJECTED_BUSY = "requestsRejectedBusy";

  /** The metric scope variable that carries the job id; a reader's context has no other. */
  private static final String JOB_ID_VARIABLE = "<job_id>";

  private final ServedIngress ingress;
  private final ApplicationLoader application;

  HttpIngressSource(ServedIngress ingress, ApplicationLoader application) {
    this.ingress = ingress;
    this.application = application;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SourceReader<Envelope, NoSplit> createReader(SourceReaderContext context) {
    String jobId = context.metricGroup().getAllVariables().get(JOB_ID_VARIABLE);
    if (jobId == null) {
      throw new IllegalStateException(
          ingress.name() + ": the reader's metric group names no " + JOB_ID_VARIABLE);
    }
    Application loaded = application.load(context.getUserCodeClassLoader().asClassLoader());
    return new Reader(ingress, jobId, context.getIndexOfSubtask(), loaded, context.metricGroup());
  }

  @Override
  public SplitEnumerator<NoSplit, Boolean> createEnumerator(
      SplitEnumeratorContext<NoSplit> context) {
    return new NoSplits();
  }

  @Override
  public SplitEnumerator<NoSplit, Boolean> restoreEnumerator(
      SplitEnumeratorContext<NoSplit> context, Boolean checkpoint) {
    return new NoSplits();
  }

  @Override
  public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
    return new Nothing<>(new NoSplit());
  }

  @Override
  public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
    return new Nothing<>(Boolean.TRUE);
  }

  /** A counter whose count is kept elsewhere (by the server, which knows no Flink); read-only. */
  private record CountOf(LongSupplier count) implements Counter {
    @Override
    public void inc() {
      throw new UnsupportedOperationException("counted by the HTTP ingress server");
    }

    @Override
    public void inc(long n) {
      inc();
    }

    @Override
    public void dec() {
      inc();
    }

    @Override
    public void dec(long n) {
      inc();
    }

    @Override
    public long getCount() {
      return count.getAsLong();
    }
  }

  /** The source has no splits; the type exists because Flink asks for one. */
  record NoSplit() implements SourceSplit {
    @Override
    public String splitId() {
      return "none";
    }
  }

  /** Task thread only. */
  private static final class Reader implements SourceReader<Envelope, NoSplit> {
    private final ServedIngress ingress;
    private final String jobId;
    private final int subtaskIndex;
    private final Application application;
    private final List<String> acceptedSinceSnapshot = new ArrayList<>();
    private final TreeMap<Long, List<String>> acceptedByCheckpoint = new TreeMap<>();
    private @Nullable HttpIngressServer server;
    private final MetricGroup metrics;
    private @Nullable SubtaskRequests requests;

    Reader(
        ServedIngress ingress,
        String jobId,
        int subtaskIndex,
        Application application,
        MetricGroup metrics) {
      this.ingress = ingress;
      this.jobId = jobId;
      this.subtaskIndex = subtaskIndex;
      this.application = application;
      this.metrics = metrics;
    }

    @Override
    public void start() {
      server = HttpIngressServers.acquire(jobId, ingress.id(), ingress::startServer);
      SubtaskRequests attached =
          server.attach(subtaskIndex, type -> application.functionSpec(type).isPresent());
      requests = attached;
      metrics.gauge(PENDING_REQUESTS, (Gauge<Integer>) attached::pendingCount);
      metrics.counter(REQUESTS_REJECTED_BUSY, new CountOf(attached::rejectedBusyCount));
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Envelope> output) {
      IngressRequest request = requests.poll();
      if (request == null) {
        return InputStatus.NOTHING_AVAILABLE;
      }
      output.collect(
          new Envelope(
              request.target(),
              HttpIngressServer.callerOf(ingress.replyType(), request),
              request.value()));
      if (!request.waitsForReply()) {
        if (ingress.replyAfter() == ReplyAfter.INVOKE) {
          requests.accepted(request.requestId());
        } else {
          acceptedSinceSnapshot.add(request.requestId());
        }
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<NoSplit> snapshotState(long checkpointId) {
      if (!acceptedSinceSnapshot.isEmpty()) {
        acceptedByCheckpoint.put(checkpointId, new ArrayList<>(acceptedSinceSnapshot));
        acceptedSinceSnapshot.clear();
      }
      return List.of();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      Map<Long, List<String>> durable = acceptedByCheckpoint.headMap(checkpointId, true);
      for (List<String> accepted : durable.values()) {
        accepted.forEach(requests::accepted);
      }
      durable.clear();
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return requests.available();
    }

    @Override
    public void addSplits(List<NoSplit> splits) {}

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
      if (server != null) {
        try {
          if (requests != null) {
            server.detach(requests);
          }
        } finally {
          HttpIngressServers.release(jobId, ingress.id());
        }
      }
    }
  }

  private static final class NoSplits implements SplitEnumerator<NoSplit, Boolean> {
    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {}

    @Override
    public void addSplitsBack(List<NoSplit> splits, int subtaskId) {}

    @Override
    public void addReader(int subtaskId) {}

    @Override
    public Boolean snapshotState(long checkpointId) {
      return Boolean.TRUE;
    }

    @Override
    public void close() {}
  }

  /** Serializes the one value of a type as no bytes. */
  private static final class Nothing<T> implements SimpleVersionedSerializer<T> {
    private final T value;

    Nothing(T value) {
      this.value = value;
    }

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(T ignored) {
      return new byte[0];
    }

    @Override
    public T deserialize(int version, byte[] serialized) {
      return value;
    }
  }
}

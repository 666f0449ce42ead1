package io.statefun.http.ingress;

import io.statefun.http.server.HttpIngressServer;
import io.statefun.http.server.HttpIngressServers;
import io.statefun.http.server.IngressRequest;
import io.statefun.http.server.SubtaskRequests;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ApplicationLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.streaming.api.functions.source.legacy.RichParallelSourceFunction;

/**
 * The live state endpoint's requests as a Flink source: each subtask attaches to the TaskManager's
 * shared server and sends every request it takes into the job as a query from the caller {@code
 * <admin caller type>/<request id>}.
 *
 * <p>A source function, not a FLIP-27 source like {@link HttpIngressSource}, on purpose: it keeps
 * no state at all (a FLIP-27 source always checkpoints its splits and its enumerator, and Flink
 * refuses to restore a savepoint holding state of an operator the job no longer has). So a
 * savepoint taken with {@code statefun.admin.enabled} restores into the job without the endpoint,
 * and the option can be switched at any restart. Queries change nothing, so there is nothing to
 * replay.
 */
final class AdminSource extends RichParallelSourceFunction<Envelope> {
  private static final long serialVersionUID = 1L;
  private static final long CANCEL_CHECK_MILLIS = 100;

  private final ServedIngress ingress;
  private final ApplicationLoader application;
  private volatile boolean running = true;

  AdminSource(ServedIngress ingress, ApplicationLoader application) {
    this.ingress = ingress;
    this.application = application;
  }

  @Override
  public void run(SourceContext<Envelope> context) throws Exception {
    String jobId = getRuntimeContext().getJobInfo().getJobId().toString();
    int subtaskIndex = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    Application loaded = application.load(getRuntimeContext().getUserCodeClassLoader());
    HttpIngressServer server =
        HttpIngressServers.acquire(jobId, ingress.id(), ingress::startServer);
    SubtaskRequests requests = null;
    try {
      requests = server.attach(subtaskIndex, type -> loaded.functionSpec(type).isPresent());
      while (running) {
        IngressRequest request = requests.poll();
        if (request == null) {
          awaitRequest(requests);
          continue;
        }
        Envelope query =
            new Envelope(
                request.target(),
                HttpIngressServer.callerOf(ingress.replyType(), request),
                request.value());
        synchronized (context.getCheckpointLock()) {
          context.collect(query);
        }
      }
    } finally {
      try {
        if (requests != null) {
          server.detach(requests);
        }
      } finally {
        HttpIngressServers.release(jobId, ingress.id());
      }
    }
  }

  /** Waits for the next request, returning now and then to notice a cancellation. */
  private static void awaitRequest(SubtaskRequests requests) throws Exception {
    try {
      requests.available().get(CANCEL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException noRequestYet) {
      // look at the running flag again
    }
  }

  @Override
  public void cancel() {
    running = false;
  }
}

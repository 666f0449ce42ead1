package io.statefun.http.playground.topics;

import io.statefun.http.playground.PlaygroundEgressSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The playground egress servers of this JVM, one per job and egress, shared by the egress subtasks
 * here. When the last subtask releases one, it keeps serving for {@link #LINGER}, or until another
 * job needs its port: a failover restarts the subtasks within that time, and they find the records
 * not yet read and the batches already published, so a restore neither loses nor repeats a record.
 * Static because Flink gives the operators of one TaskManager no other common place (as for the
 * HTTP ingress servers).
 */
public final class PlaygroundEgressServers {
  /** How long a server outlives its last subtask. */
  static final Duration LINGER = Duration.ofSeconds(60);

  private record Key(String jobId, String egressId) {}

  private static final class Shared {
    final PlaygroundEgressServer server;
    int users;
    @Nullable CompletableFuture<Void> closing;

    Shared(PlaygroundEgressServer server) {
      this.server = server;
    }
  }

  private static final Map<Key, Shared> SERVERS = new HashMap<>();

  private PlaygroundEgressServers() {}

  /** The topics of the egress in this job, served from the first call on. */
  public static synchronized PlaygroundTopics acquire(String jobId, PlaygroundEgressSpec spec) {
    Key key = key(jobId, spec);
    Shared shared = SERVERS.get(key);
    if (shared == null) {
      closeLingeringOn(spec.port());
      shared = new Shared(PlaygroundEgressServer.start(spec));
      SERVERS.put(key, shared);
    }
    shared.users++;
    if (shared.closing != null) {
      shared.closing.cancel(false);
      shared.closing = null;
    }
    return shared.server.topics();
  }

  /** Gives the topics back; the server stops {@link #LINGER} after the last user left. */
  public static synchronized void release(String jobId, PlaygroundEgressSpec spec) {
    Key key = key(jobId, spec);
    Shared shared = SERVERS.get(key);
    if (shared != null && --shared.users == 0) {
      shared.closing =
          CompletableFuture.runAsync(
              () -> closeIfUnused(key, shared),
              CompletableFuture.delayedExecutor(LINGER.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  private static void closeIfUnused(Key key, Shared shared) {
    synchronized (PlaygroundEgressServers.class) {
      if (shared.users > 0 || SERVERS.get(key) != shared) {
        return;
      }
      SERVERS.remove(key);
    }
    shared.server.close();
  }

  /** A new job takes the port from a finished one's lingering server. */
  private static void closeLingeringOn(int port) {
    var entries = SERVERS.entrySet().iterator();
    while (entries.hasNext()) {
      Shared lingering = entries.next().getValue();
      if (lingering.users == 0 && lingering.server.port() == port) {
        entries.remove();
        if (lingering.closing != null) {
          lingering.closing.cancel(false);
        }
        lingering.server.close();
      }
    }
  }

  private static Key key(String jobId, PlaygroundEgressSpec spec) {
    return new Key(jobId, spec.id().canonical());
  }
}

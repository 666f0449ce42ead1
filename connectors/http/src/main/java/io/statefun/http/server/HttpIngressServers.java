package io.statefun.http.server;

import io.statefun.http.HttpIngressSpec;
import io.statefun.sdk.TypeName;
import java.util.HashMap;
import java.util.Map;

/**
 * The servers of this JVM, one per job and ingress, shared by the ingress's subtasks and reply
 * operators here and closed when the last of them releases it. Static because Flink gives the
 * operators of one TaskManager no other common place (as for the feedback channels).
 */
public final class HttpIngressServers {
  private record Key(String jobId, TypeName ingressId) {}

  private static final class Shared {
    final HttpIngressServer server;
    int users;

    Shared(HttpIngressServer server) {
      this.server = server;
    }
  }

  private static final Map<Key, Shared> SERVERS = new HashMap<>();

  private HttpIngressServers() {}

  /** The server of the ingress in this job, started by the first caller. */
  public static synchronized HttpIngressServer acquire(String jobId, HttpIngressSpec spec) {
    Shared shared =
        SERVERS.computeIfAbsent(
            new Key(jobId, spec.id()), key -> new Shared(HttpIngressServer.start(spec)));
    shared.users++;
    return shared.server;
  }

  /** Gives the server back; the last user stops it. */
  public static synchronized void release(String jobId, HttpIngressSpec spec) {
    Key key = new Key(jobId, spec.id());
    Shared shared = SERVERS.get(key);
    if (shared != null && --shared.users == 0) {
      SERVERS.remove(key);
      shared.server.close();
    }
  }
}

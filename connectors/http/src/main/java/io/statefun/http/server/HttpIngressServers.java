package io.statefun.http.server;

import io.statefun.sdk.TypeName;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

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

  /** The server of ingress {@code ingressId} in this job, started by the first caller. */
  public static synchronized HttpIngressServer acquire(
      String jobId, TypeName ingressId, Supplier<HttpIngressServer> start) {
    Shared shared =
        SERVERS.computeIfAbsent(new Key(jobId, ingressId), key -> new Shared(start.get()));
    shared.users++;
    return shared.server;
  }

  /** Gives the server back; the last user stops it. */
  public static synchronized void release(String jobId, TypeName ingressId) {
    Key key = new Key(jobId, ingressId);
    Shared shared = SERVERS.get(key);
    if (shared != null && --shared.users == 0) {
      SERVERS.remove(key);
      shared.server.close();
    }
  }
}

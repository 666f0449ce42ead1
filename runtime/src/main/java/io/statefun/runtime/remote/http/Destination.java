package io.statefun.runtime.remote.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.flink.annotation.Internal;
import org.jspecify.annotations.Nullable;

/**
 * Where a request to a function's URL goes: the {@link Origin} to connect to and the request's path
 * there. An {@code http} or {@code https} URL names a host and port; an {@code http+unix} URL names
 * a Unix domain socket file as StateFun 3.x did, the first path segment ending in {@code .sock}
 * closing the file's path and the rest being the request's path:
 *
 * <pre>
 * http+unix:///run/functions/fn.sock/statefun   socket /run/functions/fn.sock, path /statefun
 * http+unix:///run/functions/fn.sock            socket /run/functions/fn.sock, path /
 * </pre>
 *
 * @param origin where the connection goes
 * @param requestPath the path (and query) of the request, at least {@code /}
 */
@Internal
public record Destination(Origin origin, String requestPath) {
  static final String HTTP = "http";
  static final String HTTPS = "https";
  static final String HTTP_UNIX = "http+unix";
  private static final String SOCKET_SUFFIX = ".sock";

  /**
   * A host and port (with TLS for https), or a Unix domain socket file.
   *
   * @param socket the socket file, or null for TCP
   */
  public record Origin(boolean tls, String host, int port, @Nullable Path socket) {
    /** The {@code Host} header of requests: the host, with the port unless it is the default. */
    String hostHeader() {
      if (socket != null) {
        return "localhost";
      }
      return (port == (tls ? 443 : 80)) ? host : host + ":" + port;
    }

    @Override
    public String toString() {
      return socket != null ? "unix:" + socket : (tls ? HTTPS : HTTP) + "://" + host + ":" + port;
    }
  }

  /**
   * The destination of {@code url}.
   *
   * @throws IllegalArgumentException naming the URL, when it is not an http, https or http+unix URL
   *     or lacks its host or socket file
   */
  public static Destination of(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    switch (scheme) {
      case HTTP, HTTPS -> {
        if (url.getHost() == null) {
          throw new IllegalArgumentException("'" + url + "' has no host");
        }
        boolean tls = scheme.equals(HTTPS);
        int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
        return new Destination(new Origin(tls, url.getHost(), port, null), path + query);
      }
      case HTTP_UNIX -> {
        if (url.getRawAuthority() != null) {
          throw new IllegalArgumentException(
              "'"
                  + url
                  + "' names a host; an http+unix URL is http+unix:///path/to/file.sock/path");
        }
        int end = socketFileEnd(url.getPath());
        if (end < 0) {
          throw new IllegalArgumentException(
              "'"
                  + url
                  + "' names no socket file: a segment of an http+unix URL's path must end in"
                  + " .sock, as in http+unix:///run/functions/fn.sock/statefun");
        }
        Path socket = Path.of(url.getPath().substring(0, end));
        String rest = url.getPath().substring(end);
        String requestPath = rest.isEmpty() ? "/" : rest;
        return new Destination(new Origin(false, "localhost", 0, socket), requestPath + query);
      }
      default ->
          throw new IllegalArgumentException(
              "'" + url + "' is not an http://, https:// or http+unix:// URL");
    }
  }

  /** The end of the first path segment ending in {@code .sock}, or -1. */
  private static int socketFileEnd(String path) {
    int from = 0;
    while (from < path.length()) {
      int slash = path.indexOf('/', from + 1);
      int end = slash < 0 ? path.length() : slash;
      if (path.substring(from, end).endsWith(SOCKET_SUFFIX)) {
        return end;
      }
      from = end;
    }
    return -1;
  }
}

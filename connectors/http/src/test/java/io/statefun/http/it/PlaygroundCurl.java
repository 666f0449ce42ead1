package io.statefun.http.it;

import io.statefun.runtime.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The curl lines of the StateFun playground READMEs as JDK HTTP client calls, and the loading of a
 * playground {@code module.yaml} from the test resources with its ports and URL filled in.
 */
final class PlaygroundCurl {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private PlaygroundCurl() {}

  /** {@code curl -X PUT -H "Content-Type: <contentType>" -d '<body>' localhost:<port><path>}. */
  static HttpResponse<String> put(int port, String path, String contentType, String body)
      throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(port, path))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code curl -X <method> localhost:<port><path>}, no body. */
  static HttpResponse<String> call(int port, String method, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(port, path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code curl -X GET localhost:<port>/<topic>}, repeated until a record comes; its payload. */
  static String nextRecord(int port, String topic) {
    String[] payload = new String[1];
    Await.until(
        "a record in topic " + topic + " on port " + port,
        Duration.ofMinutes(1),
        () -> {
          HttpResponse<String> response = get(port, "/" + topic);
          if (response.statusCode() == 200) {
            payload[0] = response.body();
            return true;
          }
          if (response.statusCode() != 404) {
            throw new AssertionError(response.statusCode() + " " + response.body());
          }
          return false;
        });
    return payload[0];
  }

  /** Repeats a PUT until it is answered 200, as a client does while the job restarts. */
  static void awaitAccepted(int port, String path, String contentType, String body) {
    Await.until(
        "PUT " + path + " answered 200",
        Duration.ofMinutes(1),
        () -> {
          try {
            return put(port, path, contentType, body).statusCode() == 200;
          } catch (IOException restarting) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  /** Waits until a server answers on the port; any status will do. */
  static void awaitListening(int port) {
    Await.until(
        "a server on port " + port,
        Duration.ofMinutes(1),
        () -> {
          try {
            CLIENT.send(
                HttpRequest.newBuilder(uri(port, "/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
            return true;
          } catch (IOException notYet) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        });
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(uri(port, path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A playground {@code module.yaml} of the test resources with each {@code ${KEY}} replaced. */
  static String moduleYaml(String resource, Map<String, String> values) throws IOException {
    String yaml;
    try (InputStream in = PlaygroundCurl.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no test resource " + resource);
      }
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      yaml = yaml.replace("${" + value.getKey() + "}", value.getValue());
    }
    return yaml;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}

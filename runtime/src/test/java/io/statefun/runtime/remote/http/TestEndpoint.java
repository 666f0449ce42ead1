package io.statefun.runtime.remote.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.statefun.sdk.reqreply.generated.ToFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A remote-function endpoint for tests, on 127.0.0.1: requests go to a handler (bytes to future
 * bytes), unless a {@link Script} answers them with something canned first (an error status, a
 * wrong body, a delay).
 */
public final class TestEndpoint implements AutoCloseable {
  /** Decides per request; null means "let the handler answer". */
  public interface Script {
    Canned answer(int requestNumber, ToFunction request);
  }

  /** A canned answer, sent after {@code delay}; a null status passes on to the handler late. */
  public record Canned(Integer status, String contentType, byte[] body, Duration delay) {
    public static Canned status(int status) {
      return new Canned(status, "text/plain", ("canned " + status).getBytes(), Duration.ZERO);
    }

    public static Canned body(String contentType, byte[] body) {
      return new Canned(200, contentType, body, Duration.ZERO);
    }

    public static Canned handlerAfter(Duration delay) {
      return new Canned(null, null, null, delay);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Function<byte[], CompletableFuture<byte[]>> handler;
  private final Script script;
  private final AtomicInteger requests = new AtomicInteger();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  private TestEndpoint(int port, Function<byte[], CompletableFuture<byte[]>> handler, Script script)
      throws IOException {
    this.handler = handler;
    this.script = script;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
    server.start();
  }

  public static TestEndpoint start(Function<byte[], CompletableFuture<byte[]>> handler)
      throws IOException {
    return new TestEndpoint(0, handler, (n, r) -> null);
  }

  public static TestEndpoint start(
      int port, Function<byte[], CompletableFuture<byte[]>> handler, Script script)
      throws IOException {
    return new TestEndpoint(port, handler, script);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public int requests() {
    return requests.get();
  }

  /** How many connections requests came on (each has its own client port). */
  public int connections() {
    return clientPorts.size();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    clientPorts.add(exchange.getRemoteAddress().getPort());
    int number = requests.incrementAndGet();
    Canned canned = script.answer(number, ToFunction.parseFrom(body));
    if (canned == null) {
      handle(exchange, body);
      return;
    }
    CompletableFuture.delayedExecutor(canned.delay().toMillis(), TimeUnit.MILLISECONDS, executor)
        .execute(
            () -> {
              if (canned.status() == null) {
                handle(exchange, body);
              } else {
                respond(exchange, canned.status(), canned.contentType(), canned.body());
              }
            });
  }

  private void handle(HttpExchange exchange, byte[] body) {
    handler
        .apply(body)
        .whenComplete(
            (reply, failure) -> {
              if (failure != null) {
                respond(exchange, 500, "text/plain", failure.toString().getBytes());
              } else {
                respond(exchange, 200, "application/octet-stream", reply);
              }
            });
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // the client gave up on this attempt
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

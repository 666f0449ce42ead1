package io.statefun.sdk.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.NullMarked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for remote functions, on the JDK's built-in {@code com.sun.net.httpserver}:
 * it answers {@code POST} requests carrying a serialized {@code ToFunction} ({@code
 * application/octet-stream}) with the {@link RequestReplyHandler}'s reply.
 *
 * <pre>{@code
 * public static void main(String[] args) throws IOException {
 *   FunctionServer.builder(RequestReplyHandler.of(Greeter.SPEC))
 *       .bindAddress("0.0.0.0")
 *       .port(8000)
 *       .start();
 * }
 * }</pre>
 *
 * <p>Every path is served (the function type is in the request, so {@code urlPathTemplate}s like
 * {@code http://host:8000/{function.name}} work). Other methods get 405, other content types 415,
 * and a failed invocation 500 with the error message as text.
 *
 * <p>Starting a server turns on TCP_NODELAY for the JDK's HTTP server ({@code
 * -Dsun.net.httpserver.nodelay=true}) unless the JVM sets that property itself.
 */
@NullMarked
public final class FunctionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionServer.class);
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
  private static final int BACKLOG = 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final RequestReplyHandler handler;

  private FunctionServer(HttpServer server, ExecutorService executor, RequestReplyHandler handler) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
  }

  public static Builder builder(RequestReplyHandler handler) {
    return new Builder(Objects.requireNonNull(handler, "handler"));
  }

  /** The port the server listens on (useful after binding port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting requests and closes the connections; running invocations are cut off. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void exchange(HttpExchange exchange) {
    try {
      if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respondText(exchange, 405, "Remote functions are invoked with POST");
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null && !isOctetStream(contentType)) {
        respondText(
            exchange, 415, "Expected Content-Type " + OCTET_STREAM + ", got " + contentType);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      handler
          .handle(body)
          .whenComplete(
              (reply, failure) -> {
                if (failure == null) {
                  respond(exchange, 200, OCTET_STREAM, reply);
                } else {
                  Throwable cause = CompletionCauses.unwrap(failure);
                  LOG.warn("A remote function invocation failed", cause);
                  respondText(exchange, 500, "Invocation failed: " + cause);
                }
              });
    } catch (IOException | RuntimeException e) {
      LOG.warn("Failed to serve a request", e);
      respondText(exchange, 500, "Request failed: " + e);
    }
  }

  private static boolean isOctetStream(String contentType) {
    int parameters = contentType.indexOf(';');
    String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return mediaType.trim().toLowerCase(Locale.ROOT).equals(OCTET_STREAM);
  }

  private static void respondText(HttpExchange exchange, int status, String text) {
    respond(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
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
      LOG.debug("Could not send a response (the client went away?)", e);
    }
  }

  /** Builds and starts a {@link FunctionServer}. */
  public static final class Builder {
    private final RequestReplyHandler handler;
    private String bindAddress = "127.0.0.1";
    private int port = 8000;
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

    private Builder(RequestReplyHandler handler) {
      this.handler = handler;
    }

    /** The address to listen on; default {@code 127.0.0.1} (use {@code 0.0.0.0} in a container). */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** The port; default 8000, 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /** Threads reading requests and running functions; default: the number of CPUs, at least 2. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("At least one thread is needed, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    public FunctionServer start() throws IOException {
      // The JDK server sends a response's headers and body as two writes; with Nagle's algorithm
      // on, the body waits for the client's delayed ACK of the headers (~40 ms per request on
      // Linux). Read once, when the JDK's server is first used in this JVM.
      if (System.getProperty(NODELAY_PROPERTY) == null) {
        System.setProperty(NODELAY_PROPERTY, "true");
      }
      // room for a burst of new connections (a job starting opens many at once); with the
      // JVM's default backlog of 50 the kernel drops the surplus SYNs, which clients resend
      // only after a second
      HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), BACKLOG);
      ExecutorService executor = Executors.newFixedThreadPool(threads, new NamedThreads());
      FunctionServer functionServer = new FunctionServer(server, executor, handler);
      server.createContext("/", functionServer::exchange);
      server.setExecutor(executor);
      server.start();
      LOG.info(
          "Serving functions {} on http://{}:{}/",
          handler.functionTypes(),
          bindAddress,
          functionServer.port());
      return functionServer;
    }
  }

  private static final class NamedThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "function-server-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}

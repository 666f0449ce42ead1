package io.statefun.runtime.remote.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A function endpoint on a real Unix domain socket file, served by the JDK's own Unix domain socket
 * channels (not by Netty, so the client is not checked against itself): HTTP/1.1 with kept-alive
 * connections, one thread per connection, each request answered by the handler.
 */
public final class UnixSocketEndpoint implements AutoCloseable {
  private final Path socket;
  private final ServerSocketChannel server;
  private final Function<byte[], CompletableFuture<byte[]>> handler;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger connections = new AtomicInteger();
  private final Queue<String> requestLines = new ConcurrentLinkedQueue<>();
  private final Queue<String> hosts = new ConcurrentLinkedQueue<>();

  private UnixSocketEndpoint(Path socket, Function<byte[], CompletableFuture<byte[]>> handler)
      throws IOException {
    this.socket = socket;
    this.handler = handler;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    threads.execute(this::acceptConnections);
  }

  /** Serves {@code handler} on a new socket file {@code socket}. */
  public static UnixSocketEndpoint start(
      Path socket, Function<byte[], CompletableFuture<byte[]>> handler) throws IOException {
    return new UnixSocketEndpoint(socket, handler);
  }

  /** {@code http+unix://<socket file><path>}. */
  public String url(String path) {
    return "http+unix://" + socket + path;
  }

  /** The request lines seen so far, in order ({@code POST /path HTTP/1.1}). */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  /** The {@code Host} headers seen so far. */
  public List<String> hosts() {
    return List.copyOf(hosts);
  }

  public int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
    Files.deleteIfExists(socket);
  }

  private void acceptConnections() {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        connections.incrementAndGet();
        threads.execute(() -> serve(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Answers each request on the connection, until the client closes it. */
  private void serve(SocketChannel connection) {
    try (connection;
        InputStream in = Channels.newInputStream(connection);
        OutputStream out = Channels.newOutputStream(connection)) {
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        String[] lines = head.split("\r\n");
        requestLines.add(lines[0]);
        int length = 0;
        for (String line : lines) {
          String lower = line.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
          } else if (lower.startsWith("host:")) {
            hosts.add(line.substring(line.indexOf(':') + 1).trim());
          }
        }
        byte[] reply = handler.apply(in.readNBytes(length)).get(30, TimeUnit.SECONDS);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + reply.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(reply);
        out.flush();
      }
    } catch (Exception e) {
      // the client went away, or the endpoint is closing
    }
  }

  /** The request line and headers, or null at the end of the connection. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    int matched = 0;
    while (matched < end.length) {
      int next = in.read();
      if (next < 0) {
        return null;
      }
      head.write(next);
      matched = next == end[matched] ? matched + 1 : (next == end[0] ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}

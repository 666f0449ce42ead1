package io.statefun.runtime.remote.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code http+unix} endpoint, as StateFun 3.x supported them: the client talks HTTP/1.1 over a
 * real Unix domain socket file, served here by the JDK's own Unix domain socket channels (not by
 * Netty, so the test does not check the client against itself).
 */
class UnixSocketEndpointTest {
  private static final Address TARGET = new Address(TypeName.parse("ns/fn"), "a");

  @TempDir Path folder;
  private Path socket;
  private ServerSocketChannel server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger connections = new AtomicInteger();
  private final Queue<String> requestLines = new ConcurrentLinkedQueue<>();
  private final Queue<String> hosts = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void serveAnEchoOverASocketFile() throws IOException {
    socket = folder.resolve("fn.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    threads.execute(
        () -> {
          while (server.isOpen()) {
            try {
              SocketChannel connection = server.accept();
              connections.incrementAndGet();
              threads.execute(() -> echoEachRequest(connection));
            } catch (IOException closed) {
              return;
            }
          }
        });
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void callsGoOverTheSocketFileToThePathAfterIt() throws Exception {
    URI url = URI.create("http+unix://" + socket + "/statefun/echo");
    try (HttpRequestReplyClient client = client()) {
      byte[] first = client.call(url, bytes("one"), TARGET).get(10, TimeUnit.SECONDS);
      byte[] second = client.call(url, bytes("two"), TARGET).get(10, TimeUnit.SECONDS);

      assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("one");
      assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo("two");
    }
    assertThat(requestLines)
        .containsExactly("POST /statefun/echo HTTP/1.1", "POST /statefun/echo HTTP/1.1");
    assertThat(hosts).containsOnly("localhost");
    assertThat(connections).as("the kept-alive connection is reused").hasValue(1);
  }

  @Test
  void aMissingSocketFileFailsTheCallNamingTheUrl() {
    URI url = URI.create("http+unix://" + folder.resolve("nobody.sock") + "/statefun");
    try (HttpRequestReplyClient client = client()) {
      assertThat(client.call(url, bytes("x"), TARGET))
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(Exception.class)
          .havingCause()
          .isInstanceOf(HttpCallFailedException.class)
          .withMessageContaining(url.toString());
    }
  }

  private static HttpRequestReplyClient client() {
    return new HttpRequestReplyClient(
        new TransportSettings(
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            4,
            Duration.ofSeconds(15),
            1 << 20,
            0,
            null));
  }

  /** Answers each request on the connection with its own body, until the client closes it. */
  private void echoEachRequest(SocketChannel connection) {
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
        byte[] body = in.readNBytes(length);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** The request line and headers, or null at the end of the connection. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
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

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

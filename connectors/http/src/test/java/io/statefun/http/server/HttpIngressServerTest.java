package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.runtime.testing.Await;
import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server's own lifecycle, with a raw socket as the client, and what it decides before it binds
 * (an ingress beyond loopback without an {@code authToken} is warned about).
 */
class HttpIngressServerTest {

  @Test
  void onlyLoopbackAddressesCountAsThisMachineOnly() {
    assertThat(HttpIngressServer.isLoopback("127.0.0.1")).isTrue();
    assertThat(HttpIngressServer.isLoopback("::1")).isTrue();
    assertThat(HttpIngressServer.isLoopback("localhost")).isTrue();
    assertThat(HttpIngressServer.isLoopback("0.0.0.0")).isFalse();
    assertThat(HttpIngressServer.isLoopback("::")).isFalse();
  }

  @Test
  void closingTheServerEndsIdleKeepAliveConnections() throws Exception {
    int port = freePort();
    HttpIngressServer server =
        HttpIngressServer.forIngress(
            HttpIngressBuilder.forIdentifier(TypeName.parse("example/http"))
                .withPort(port)
                .withTarget("example/*")
                .build());
    server.attach(0, type -> true);
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      client.setSoTimeout(10_000);
      client
          .getOutputStream()
          .write(
              "GET /example/f/a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = client.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 405"); // answered; the connection stays open

      server.close();

      // a client must learn that the connection is gone, not send into a socket nobody reads
      assertThat(endOfStream(in)).isTrue();
    }
  }

  @Test
  void aConnectionWithoutARequestInProgressIsClosedWhenIdle() throws Exception {
    int port = freePort();
    try (HttpIngressServer server =
            HttpIngressServer.forIngress(
                ingress(port).withIdleTimeout(Duration.ofMillis(100)).build());
        Socket client = connect(port)) {
      server.attach(0, type -> true);
      InputStream in = send(client, "GET /example/f/a HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(readHead(in)).startsWith("HTTP/1.1 405");

      assertThat(endOfStream(in)).isTrue();
    }
  }

  @Test
  void aClientTricklingItsRequestIsClosedThoughNeverIdle() throws Exception {
    int port = freePort();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (HttpIngressServer server =
            HttpIngressServer.forIngress(
                ingress(port).withIdleTimeout(Duration.ofMillis(300)).build());
        Socket client = connect(port)) {
      server.attach(0, type -> true);
      OutputStream out = client.getOutputStream();
      // a header byte every 50 ms: the connection is never idle for 300 ms, the request never ends
      trickle.scheduleAtFixedRate(
          () -> {
            try {
              out.write('x');
            } catch (IOException closed) {
              throw new IllegalStateException(closed);
            }
          },
          0,
          50,
          TimeUnit.MILLISECONDS);
      send(client, "GET /example/f/a HTTP/1.1\r\nX-Slow: ");

      assertThat(endOfStream(client.getInputStream())).isTrue(); // within the socket's 10 s
    } finally {
      trickle.shutdownNow();
    }
  }

  @Test
  void aConnectionWaitingForItsAnswerOutlivesTheIdleTimeout() throws Exception {
    int port = freePort();
    try (HttpIngressServer server =
            HttpIngressServer.forIngress(
                ingress(port)
                    .withIdleTimeout(Duration.ofMillis(50))
                    .withReplyTimeout(Duration.ofMillis(1_000))
                    .build());
        Socket client = connect(port)) {
      server.attach(0, type -> true); // nobody takes the request: it waits for the reply timeout
      InputStream in =
          send(client, "POST /example/f/a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");

      assertThat(readHead(in)).startsWith("HTTP/1.1 504");
    }
  }

  @Test
  void aConnectionBeyondTheMaximumIsClosedAtOnceAndTheOthersStayServed() throws Exception {
    int port = freePort();
    try (HttpIngressServer server =
            HttpIngressServer.forIngress(ingress(port).withMaxConnections(1).build());
        Socket first = connect(port);
        Socket second = connect(port)) {
      server.attach(0, type -> true);
      String request = "GET /example/f/a HTTP/1.1\r\nHost: x\r\n\r\n";
      assertThat(readAnswer(send(first, request))).startsWith("HTTP/1.1 405");

      assertThat(endOfStream(second.getInputStream())).isTrue();
      assertThat(readAnswer(send(first, request))).startsWith("HTTP/1.1 405");
    }
  }

  @Test
  void requestsGet503WhileTheBodiesNotYetInTheJobWouldPassTheirBound() throws Exception {
    int port = freePort();
    int bodyBytes = 40 << 20; // two are more than the 64 MiB a server holds for its subtasks
    String head =
        "POST /example/f/a/send HTTP/1.1\r\nHost: x\r\nStatefun-Type: com.example/Blob\r\n"
            + "Content-Length: "
            + bodyBytes
            + "\r\n\r\n";
    byte[] body = new byte[bodyBytes];
    try (HttpIngressServer server =
            HttpIngressServer.forIngress(ingress(port).withMaxBodyBytes(bodyBytes).build());
        Socket first = connect(port);
        Socket second = connect(port)) {
      SubtaskRequests subtask = server.attach(0, type -> true);
      send(first, head);
      first.getOutputStream().write(body);
      Await.until("the first request", Duration.ofMinutes(1), () -> subtask.pendingCount() == 1);

      send(second, head);
      second.getOutputStream().write(body);
      assertThat(readAnswer(second.getInputStream())).startsWith("HTTP/1.1 503");

      assertThat(subtask.poll()).isNotNull(); // the first enters the job: the server lets it go
      send(second, head);
      second.getOutputStream().write(body);
      Await.until("the second request", Duration.ofMinutes(1), () -> subtask.pendingCount() == 2);
    }
  }

  private static HttpIngressBuilder ingress(int port) {
    return HttpIngressBuilder.forIdentifier(TypeName.parse("example/http"))
        .withPort(port)
        .withTarget("example/*");
  }

  private static Socket connect(int port) throws IOException {
    Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
    client.setSoTimeout(10_000);
    return client;
  }

  private static InputStream send(Socket client, String request) throws IOException {
    client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    return client.getInputStream();
  }

  /** The head of an answer; its body is read and dropped. */
  private static String readAnswer(InputStream in) throws IOException {
    String head = readHead(in);
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()));
      }
    }
    return head;
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    return head.toString();
  }

  /** Reads the rest of the answer's body and then expects the end of the stream. */
  private static boolean endOfStream(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        // the body of the 405
      }
      return true;
    } catch (SocketException reset) {
      return true;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

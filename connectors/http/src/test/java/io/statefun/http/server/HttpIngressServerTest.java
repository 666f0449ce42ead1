package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
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

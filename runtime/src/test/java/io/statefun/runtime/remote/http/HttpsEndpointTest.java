package io.statefun.runtime.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.reqreply.generated.ToFunction;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote calls over https against a server whose self-signed certificate (made with the JDK's
 * keytool) names 127.0.0.1: trusted through {@code trust_cacerts}, refused with the JVM's default
 * trust, and refused for a host name the certificate does not name.
 */
class HttpsEndpointTest {
  private static final Address TARGET = new Address(TypeName.parse("ns/fn"), "a");
  private static final byte[] REQUEST = ToFunction.getDefaultInstance().toByteArray();
  private static final byte[] REPLY = {(byte) 0xA2, 0x06, 0x00}; // invocation_result {}
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static HttpsServer server;
  private static Path caPem;

  @BeforeAll
  static void startServer() throws Exception {
    Path keystore = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=statefun-test",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        new String(PASSWORD));
    caPem = dir.resolve("server.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-storepass",
        new String(PASSWORD),
        "-file",
        caPem.toString());

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, REPLY.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(REPLY);
            }
          }
        });
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  @Test
  void callsAnHttpsEndpointWhoseCertificateIsTrusted() throws Exception {
    try (HttpRequestReplyClient client =
        client(new TlsSettings(caPem.toString(), null, null, null))) {
      byte[] reply = client.call(url("127.0.0.1"), REQUEST, TARGET).get(10, TimeUnit.SECONDS);

      assertThat(reply).isEqualTo(REPLY);
    }
  }

  @Test
  void refusesAnUntrustedCertificateAndAHostItDoesNotName() {
    try (HttpRequestReplyClient untrusted = client(null);
        HttpRequestReplyClient trusted =
            client(new TlsSettings(caPem.toString(), null, null, null))) {
      assertThatThrownBy(
              () -> untrusted.call(url("127.0.0.1"), REQUEST, TARGET).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(HttpCallFailedException.class)
          .hasMessageContaining("SSLHandshakeException");
      assertThatThrownBy(
              () -> trusted.call(url("localhost"), REQUEST, TARGET).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(HttpCallFailedException.class)
          .hasMessageContaining("SSLHandshakeException");
    }
  }

  private static URI url(String host) {
    return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/fn");
  }

  private static HttpRequestReplyClient client(TlsSettings tls) {
    Duration call =
        Duration.ofSeconds(10); // room for a slow first handshake; failures come at once
    return new HttpRequestReplyClient(
        new TransportSettings(
            call, Duration.ofSeconds(1), call, 4, Duration.ofSeconds(15), 1 << 20, 0, tls));
  }

  private static void keytool(String... arguments) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + command + " failed: " + output);
    }
  }
}

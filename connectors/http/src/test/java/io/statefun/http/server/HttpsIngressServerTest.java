package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.http.HttpIngressSpec;
import io.statefun.http.HttpIngressTls;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress's server with {@code tls}, without Flink: the test takes the subtask's requests and
 * replies itself. Clients are the JDK's HttpClient trusting a certificate made with keytool.
 */
class HttpsIngressServerTest {
  @TempDir static Path dir;
  private static TestCertificates certificates;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = TestCertificates.createIn(dir);
  }

  @Test
  void answersARequestOverHttpsWithTheFunctionsReply() throws Exception {
    HttpIngressSpec spec =
        spec(
            HttpIngressTls.of(
                certificates.serverCert.toString(), certificates.serverKey.toString()));
    try (HttpIngressServer server = HttpIngressServer.forIngress(spec)) {
      SubtaskRequests subtask = server.attach(0, type -> true);
      CompletableFuture<HttpResponse<String>> response =
          client(certificates.clientWithoutCertificate())
              .sendAsync(
                  post("https", spec, "/test/greeter/alice"), HttpResponse.BodyHandlers.ofString());

      IngressRequest request = awaitRequest(subtask, response);
      assertThat(request.target().id()).isEqualTo("alice");
      subtask.reply(request.requestId(), TypedValue.of(Types.STRING, "Hello alice"));

      assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(response.get().body()).isEqualTo("Hello alice");
      assertThat(response.get().sslSession()).isPresent();
    }
  }

  @Test
  void plainHttpToTheTlsPortGetsNoAnswer() throws Exception {
    HttpIngressSpec spec =
        spec(
            HttpIngressTls.of(
                certificates.serverCert.toString(), certificates.serverKey.toString()));
    try (HttpIngressServer server = HttpIngressServer.forIngress(spec)) {
      server.attach(0, type -> true);
      HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      assertThatThrownBy(
              () ->
                  plain.send(
                      post("http", spec, "/test/greeter/alice"),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void mutualTlsServesOnlyClientsWithACertificateSignedByTheTrustedCa() throws Exception {
    HttpIngressSpec spec =
        spec(
            HttpIngressTls.of(certificates.serverCert.toString(), certificates.serverKey.toString())
                .withTrustCaCerts(certificates.clientCert.toString()));
    try (HttpIngressServer server = HttpIngressServer.forIngress(spec)) {
      server.attach(0, type -> true);
      HttpRequest wrongMethod =
          HttpRequest.newBuilder(url("https", spec, "/test/greeter/alice"))
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build();

      assertThat(
              client(certificates.clientWithCertificate())
                  .send(wrongMethod, HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .as("a client with a certificate is served (and told its method is wrong)")
          .isEqualTo(405);
      assertThatThrownBy(
              () ->
                  client(certificates.clientWithoutCertificate())
                      .send(wrongMethod, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  private static IngressRequest awaitRequest(SubtaskRequests subtask, CompletableFuture<?> response)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      IngressRequest request = subtask.poll();
      if (request != null) {
        return request;
      }
      if (response.isDone()) {
        response.get(); // fails with the client's error
        throw new AssertionError("answered without a reply: " + response.get());
      }
      try {
        subtask.available().get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        // look again
      }
    }
    throw new AssertionError("no request arrived");
  }

  private static HttpIngressSpec spec(HttpIngressTls tls) throws IOException {
    return HttpIngressBuilder.forIdentifier(TypeName.parse("test/https"))
        .withPort(freePort())
        .withBindHost("127.0.0.1")
        .withTarget("test/*")
        .withReplyTimeout(Duration.ofSeconds(10))
        .withTls(tls)
        .build();
  }

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(tls)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static HttpRequest post(String scheme, HttpIngressSpec spec, String path) {
    return HttpRequest.newBuilder(url(scheme, spec, path))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString("alice"))
        .build();
  }

  private static URI url(String scheme, HttpIngressSpec spec, String path) {
    return URI.create(scheme + "://127.0.0.1:" + spec.port() + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

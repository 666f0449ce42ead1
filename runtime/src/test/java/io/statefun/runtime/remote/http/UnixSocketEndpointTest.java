package io.statefun.runtime.remote.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code http+unix} endpoint, as StateFun 3.x supported them: the client talks HTTP/1.1 over a
 * real Unix domain socket file ({@link UnixSocketEndpoint}).
 */
class UnixSocketEndpointTest {
  private static final Address TARGET = new Address(TypeName.parse("ns/fn"), "a");

  @TempDir Path folder;

  @Test
  void callsGoOverTheSocketFileToThePathAfterIt() throws Exception {
    try (UnixSocketEndpoint endpoint =
            UnixSocketEndpoint.start(
                folder.resolve("fn.sock"), CompletableFuture::completedFuture);
        HttpRequestReplyClient client = client()) {
      URI url = URI.create(endpoint.url("/statefun/echo"));
      byte[] first = client.call(url, bytes("one"), TARGET).get(10, TimeUnit.SECONDS);
      byte[] second = client.call(url, bytes("two"), TARGET).get(10, TimeUnit.SECONDS);

      assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("one");
      assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo("two");
      assertThat(endpoint.requestLines())
          .containsExactly("POST /statefun/echo HTTP/1.1", "POST /statefun/echo HTTP/1.1");
      assertThat(endpoint.hosts()).containsOnly("localhost");
      assertThat(endpoint.connections()).as("the kept-alive connection is reused").isEqualTo(1);
    }
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

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package io.statefun.runtime.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DestinationTest {

  @Test
  void httpAndHttpsUrlsNameHostPortAndPath() {
    Destination plain = Destination.of(URI.create("http://fn:8000/statefun?x=1"));
    assertThat(plain.origin()).isEqualTo(new Destination.Origin(false, "fn", 8000, null));
    assertThat(plain.requestPath()).isEqualTo("/statefun?x=1");
    assertThat(plain.origin().hostHeader()).isEqualTo("fn:8000");

    Destination tls = Destination.of(URI.create("https://fn.example.com"));
    assertThat(tls.origin()).isEqualTo(new Destination.Origin(true, "fn.example.com", 443, null));
    assertThat(tls.requestPath()).isEqualTo("/");
    assertThat(tls.origin().hostHeader()).isEqualTo("fn.example.com");
  }

  @Test
  void anHttpUnixUrlNamesTheSocketFileUpToTheFirstSegmentEndingInSock() {
    Destination withPath =
        Destination.of(URI.create("http+unix:///run/functions/fn.sock/statefun/greeter"));
    assertThat(withPath.origin().socket()).isEqualTo(Path.of("/run/functions/fn.sock"));
    assertThat(withPath.requestPath()).isEqualTo("/statefun/greeter");
    assertThat(withPath.origin().hostHeader()).isEqualTo("localhost");

    Destination bare = Destination.of(URI.create("http+unix:///run/fn.sock"));
    assertThat(bare.origin().socket()).isEqualTo(Path.of("/run/fn.sock"));
    assertThat(bare.requestPath()).isEqualTo("/");
  }

  @Test
  void urlsItCannotReachAreRefusedNamingTheUrl() {
    assertThatThrownBy(() -> Destination.of(URI.create("http+unix:///run/functions/statefun")))
        .hasMessageContaining("http+unix:///run/functions/statefun")
        .hasMessageContaining("names no socket file");
    assertThatThrownBy(() -> Destination.of(URI.create("http+unix://host/run/fn.sock/statefun")))
        .hasMessageContaining("names a host");
    assertThatThrownBy(() -> Destination.of(URI.create("ftp://fn/statefun")))
        .hasMessageContaining("is not an http://, https:// or http+unix:// URL");
    assertThatThrownBy(() -> Destination.of(URI.create("http:///statefun")))
        .hasMessageContaining("has no host");
  }
}

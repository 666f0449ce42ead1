package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the server decides before it binds: an ingress beyond loopback without an {@code authToken}
 * is warned about.
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
}

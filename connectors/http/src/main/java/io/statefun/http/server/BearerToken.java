package io.statefun.http.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The {@code Authorization: Bearer <token>} every request of a server must carry, compared in
 * constant time so the comparison's duration tells nothing about the token. Immutable.
 */
final class BearerToken {
  private final byte[] expectedAuthorization;

  BearerToken(String token) {
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  /** Refuses a request without the token with {@code 401}. */
  void check(HttpHeaders headers) throws Rejection {
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (authorization == null
        || !MessageDigest.isEqual(
            expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8))) {
      throw new Rejection(
          HttpResponseStatus.UNAUTHORIZED, "a valid Authorization: Bearer <token> is required");
    }
  }
}

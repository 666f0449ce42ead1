package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.http.playground.PlaygroundIngress;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Requests in the StateFun playground's form, read or refused without a server. */
class PlaygroundRequestsTest {
  private final RequestParser parser = new RequestParser(PlaygroundIngress.onPort(8090), null);

  private RequestParser.Parsed parse(
      HttpMethod method, String uri, HttpHeaders headers, String body) throws Rejection {
    return parser.parse(
        method,
        uri,
        headers,
        body.getBytes(StandardCharsets.UTF_8),
        type -> !type.name().equals("unbound"));
  }

  private Rejection refusal(HttpMethod method, String uri, HttpHeaders headers) {
    try {
      parse(method, uri, headers, "");
    } catch (Rejection rejection) {
      return rejection;
    }
    throw new AssertionError(uri + " was accepted");
  }

  @Test
  void putOrPostReachesAnyBoundFunctionWithTheBodyAsRawBytes() throws Exception {
    RequestParser.Parsed put =
        parse(
            HttpMethod.PUT,
            "/greeter.fns/user/1",
            new DefaultHttpHeaders().add("Content-Type", "application/vnd.greeter.types/UserLogin"),
            "{\"user_id\": \"1\"}");
    assertThat(put.target()).isEqualTo(new Address(TypeName.parse("greeter.fns/user"), "1"));
    assertThat(put.value().typeName()).isEqualTo(TypeName.parse("greeter.types/UserLogin"));
    assertThat(new String(put.value().value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"user_id\": \"1\"}");
    assertThat(put.waitsForReply()).as("answered 200 once accepted").isFalse();

    RequestParser.Parsed post =
        parse(HttpMethod.POST, "/any.where/f/x", new DefaultHttpHeaders(), "hello");
    assertThat(post.value())
        .as("no vendor type: a string, whose bytes are the body as it came")
        .isEqualTo(
            new TypedValue(Types.STRING.typeName(), "hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(
            parse(
                    HttpMethod.POST,
                    "/any.where/f/x",
                    new DefaultHttpHeaders().add("Statefun-Type", "io.statefun.types/int"),
                    "1")
                .value()
                .typeName())
        .as("the playground reads Content-Type only")
        .isEqualTo(Types.STRING.typeName());
  }

  @Test
  void badRequestsAreRefusedWithTheirStatus() {
    HttpHeaders none = new DefaultHttpHeaders();
    Rejection get = refusal(HttpMethod.GET, "/greeter.fns/user/1", none);
    assertThat(get.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
    assertThat(get.allow()).isEqualTo("PUT, POST");
    assertThat(refusal(HttpMethod.PUT, "/greeter.fns/unbound/1", none).status())
        .isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertThat(refusal(HttpMethod.PUT, "/io.statefun.http.reply/x/1", none).status())
        .isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertThat(refusal(HttpMethod.PUT, "/greeter.fns/user", none).status())
        .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal(HttpMethod.PUT, "/greeter.fns/user/1/send", none).status())
        .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal(HttpMethod.PUT, "/greeter.fns/user/%0d%0aSet-Cookie:x", none).status())
        .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(
            refusal(
                    HttpMethod.PUT,
                    "/greeter.fns/user/1",
                    new DefaultHttpHeaders().add("Content-Type", "application/vnd.no-slash"))
                .status())
        .isEqualTo(HttpResponseStatus.BAD_REQUEST);
  }
}

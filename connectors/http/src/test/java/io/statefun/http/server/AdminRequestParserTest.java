package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.runtime.admin.AdminProtocol;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a request to the live state endpoint asks for, or why it is refused, without a server. */
class AdminRequestParserTest {
  private static final HttpHeaders WITH_TOKEN =
      new DefaultHttpHeaders().add("Authorization", "Bearer s3cret");

  private final AdminRequestParser parser = new AdminRequestParser("s3cret");

  private RequestParser.Parsed get(String uri, HttpHeaders headers) throws Rejection {
    return parser.parse(
        HttpMethod.GET, uri, headers, new byte[0], type -> !type.name().equals("unbound"));
  }

  private Rejection refusal(HttpMethod method, String uri, HttpHeaders headers) {
    try {
      parser.parse(method, uri, headers, new byte[0], type -> !type.name().equals("unbound"));
    } catch (Rejection rejection) {
      return rejection;
    }
    throw new AssertionError(method + " " + uri + " was accepted");
  }

  @Test
  void thePathNamesTheAddressAndTheQuery() throws Exception {
    RequestParser.Parsed values = get("/state/shop/cart/user-17?ignored", WITH_TOKEN);
    assertThat(values.target()).isEqualTo(new Address(TypeName.parse("shop/cart"), "user-17"));
    assertThat(values.value().typeName()).isEqualTo(AdminProtocol.VALUES_QUERY);
    assertThat(values.waitsForReply()).isTrue();

    RequestParser.Parsed pending = get("/state/shop/cart/a%2Fb%20c/pending", WITH_TOKEN);
    assertThat(pending.target().id()).isEqualTo("a/b c");
    assertThat(pending.value().typeName()).isEqualTo(AdminProtocol.PENDING_QUERY);

    assertThat(get("/state/shop/cart/pending", WITH_TOKEN).target().id())
        .as("an id may be called pending")
        .isEqualTo("pending");
  }

  @Test
  void badRequestsAreRefusedWithTheirStatus() {
    for (String malformed :
        new String[] {
          "/state/shop/cart",
          "/state/shop/cart/a/values",
          "/state/shop/cart/a/pending/more",
          "/state/shop/cart/",
          "/shop/cart/a",
          "/state/shop/cart/%0d%0aSet-Cookie:x",
          "/state/sh%2Fop/cart/a",
          "/state/shop/cart/%zz"
        }) {
      assertThat(refusal(HttpMethod.GET, malformed, WITH_TOKEN).status())
          .as(malformed)
          .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    }
    Rejection unbound = refusal(HttpMethod.GET, "/state/shop/unbound/a", WITH_TOKEN);
    assertThat(unbound.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertThat(unbound.getMessage()).contains("shop/unbound");

    Rejection post = refusal(HttpMethod.POST, "/state/shop/cart/a", WITH_TOKEN);
    assertThat(post.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
    assertThat(post.allow()).isEqualTo("GET");
    FullHttpResponse response = Responses.rejected(post);
    assertThat(response.headers().get("Allow")).isEqualTo("GET");
    response.release();
  }

  @Test
  void withATokenEveryRequestMustCarryItAsBearer() throws Exception {
    for (HttpHeaders wrong :
        new HttpHeaders[] {
          new DefaultHttpHeaders(),
          new DefaultHttpHeaders().add("Authorization", "Bearer guess"),
          new DefaultHttpHeaders().add("Authorization", "s3cret")
        }) {
      assertThat(refusal(HttpMethod.GET, "/state/shop/cart/a", wrong).status())
          .isEqualTo(HttpResponseStatus.UNAUTHORIZED);
    }
    assertThat(get("/state/shop/cart/a", WITH_TOKEN).target().id()).isEqualTo("a");
  }

  @Test
  void answersAreJsonAndNotFoundIs404() {
    FullHttpResponse ok =
        parser.reply(new TypedValue(AdminProtocol.ANSWER, "{}".getBytes(StandardCharsets.UTF_8)));
    assertThat(ok.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(ok.headers().get("Content-Type")).isEqualTo("application/json");
    ok.release();
    FullHttpResponse missing =
        parser.reply(
            new TypedValue(AdminProtocol.NOT_FOUND, "{}".getBytes(StandardCharsets.UTF_8)));
    assertThat(missing.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    missing.release();
  }

  @Test
  void withoutATokenNoneIsRequired() throws Exception {
    RequestParser.Parsed parsed =
        new AdminRequestParser(null)
            .parse(
                HttpMethod.GET,
                "/state/shop/cart/a",
                new DefaultHttpHeaders(),
                new byte[0],
                t -> true);
    assertThat(parsed.target().id()).isEqualTo("a");
    assertThatThrownBy(
            () ->
                new AdminRequestParser(null)
                    .parse(
                        HttpMethod.DELETE,
                        "/state/shop/cart/a",
                        new DefaultHttpHeaders(),
                        new byte[0],
                        t -> true))
        .isInstanceOf(Rejection.class);
  }
}

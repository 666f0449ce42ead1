package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.http.HttpIngressBuilder;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a request asks for, or why it is refused, without a server. */
class RequestParserTest {
  private final RequestParser parser =
      new RequestParser(
          HttpIngressBuilder.forIdentifier(TypeName.parse("example/http"))
              .withPort(8090)
              .withTarget("example/*")
              .build(),
          null);

  private RequestParser.Parsed parse(String uri, HttpHeaders headers, String body)
      throws Rejection {
    return parser.parse(
        HttpMethod.POST,
        uri,
        headers,
        body.getBytes(StandardCharsets.UTF_8),
        type -> !type.name().equals("unbound"));
  }

  private HttpResponseStatus refusal(String uri, HttpHeaders headers) {
    try {
      parse(uri, headers, "");
    } catch (Rejection rejection) {
      return rejection.status();
    }
    throw new AssertionError(uri + " was accepted");
  }

  @Test
  void thePathNamesTheAddressAndWhetherTheCallerWaitsForAReply() throws Exception {
    RequestParser.Parsed call =
        parse("/example/greeter/alice?ignored=1", new DefaultHttpHeaders(), "hi");
    assertThat(call.target()).isEqualTo(new Address(TypeName.parse("example/greeter"), "alice"));
    assertThat(call.waitsForReply()).isTrue();
    assertThat(call.value()).isEqualTo(TypedValue.of(Types.STRING, "hi"));

    RequestParser.Parsed send =
        parse("/example/greeter/a%2Fb%20c+d/send", new DefaultHttpHeaders(), "");
    assertThat(send.target().id()).isEqualTo("a/b c+d");
    assertThat(send.waitsForReply()).isFalse();
  }

  @Test
  void theTypeComesFromStatefunTypeThenAVendorContentTypeThenTheDefault() throws Exception {
    assertThat(
            parse(
                    "/example/f/1",
                    new DefaultHttpHeaders().add("Statefun-Type", "io.statefun.types/long"),
                    "-7")
                .value())
        .isEqualTo(TypedValue.of(Types.LONG, -7L));
    assertThat(
            parse(
                    "/example/f/1",
                    new DefaultHttpHeaders()
                        .add("Content-Type", "application/vnd.com.example/Person; charset=utf-8"),
                    "{}")
                .value()
                .typeName())
        .isEqualTo(TypeName.parse("com.example/Person"));
    assertThat(
            parse("/example/f/1", new DefaultHttpHeaders().add("Content-Type", "text/plain"), "x")
                .value())
        .isEqualTo(TypedValue.of(Types.STRING, "x"));
  }

  @Test
  void anIdempotencyKeyIsOneToTwoHundredFiftySixPrintableAsciiCharacters() throws Exception {
    assertThat(parse("/example/f/1", new DefaultHttpHeaders(), "").idempotencyKey()).isNull();
    assertThat(
            parse("/example/f/1", new DefaultHttpHeaders().add("Idempotency-Key", "order #17"), "")
                .idempotencyKey())
        .isEqualTo("order #17");
    String longest = "k".repeat(RequestParser.MAX_IDEMPOTENCY_KEY_LENGTH);
    assertThat(
            parse("/example/f/1", new DefaultHttpHeaders().add("Idempotency-Key", longest), "")
                .idempotencyKey())
        .isEqualTo(longest);

    for (String bad : new String[] {"", "  ", longest + "k", "caf\u00e9", "a\u0001b", "a\tb"}) {
      // as a client could send it: unvalidated
      HttpHeaders raw =
          DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
      assertThat(refusal("/example/f/1", raw.add("Idempotency-Key", bad)))
          .as("key '%s'", bad)
          .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    }
    assertThat(
            refusal(
                "/example/f/1",
                new DefaultHttpHeaders().add("Idempotency-Key", "a").add("Idempotency-Key", "b")))
        .isEqualTo(HttpResponseStatus.BAD_REQUEST);
  }

  @Test
  void badRequestsAreRefusedWithTheirStatus() {
    HttpHeaders none = new DefaultHttpHeaders();
    assertThat(refusal("/example/greeter", none)).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal("/example/greeter/a/b", none)).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal("/example/greeter//send", none)).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal("/example/greeter/%0d%0aSet-Cookie:x", none))
        .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal("/example/greeter/%C3%28", none)).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal("/example/greeter/%4", none)).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal("/exa%2Fmple/greeter/a", none)).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal("/example/greeter/a", new DefaultHttpHeaders().add("Statefun-Type", "bad")))
        .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(refusal("/other/greeter/a", none)).isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertThat(refusal("/example/unbound/a", none)).isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertThatThrownBy(
            () ->
                parser.parse(
                    HttpMethod.PUT,
                    "/example/greeter/a",
                    new DefaultHttpHeaders(),
                    new byte[0],
                    t -> true))
        .isInstanceOf(Rejection.class)
        .extracting(e -> ((Rejection) e).status())
        .isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
  }

  @Test
  void withATokenEveryRequestMustCarryItAsBearer() throws Exception {
    RequestParser guarded =
        new RequestParser(
            HttpIngressBuilder.forIdentifier(TypeName.parse("example/http"))
                .withPort(8090)
                .withTarget("example/*")
                .withAuthToken("s3cret")
                .build(),
            "s3cret");
    for (HttpHeaders wrong :
        new HttpHeaders[] {
          new DefaultHttpHeaders(),
          new DefaultHttpHeaders().add("Authorization", "Bearer guess"),
          new DefaultHttpHeaders().add("Authorization", "s3cret")
        }) {
      assertThatThrownBy(
              () ->
                  guarded.parse(
                      HttpMethod.POST, "/example/greeter/a", wrong, new byte[0], t -> true))
          .isInstanceOf(Rejection.class)
          .extracting(e -> ((Rejection) e).status())
          .isEqualTo(HttpResponseStatus.UNAUTHORIZED);
    }
    assertThat(
            guarded
                .parse(
                    HttpMethod.POST,
                    "/example/greeter/a",
                    new DefaultHttpHeaders().add("Authorization", "Bearer s3cret"),
                    new byte[0],
                    t -> true)
                .target()
                .id())
        .isEqualTo("a");
  }

  @Test
  void builtInTypesAreTextBothWays() throws Exception {
    for (String[] typeAndText :
        new String[][] {
          {"io.statefun.types/int", "-42"},
          {"io.statefun.types/long", "9000000000"},
          {"io.statefun.types/double", "2.5"},
          {"io.statefun.types/float", "0.5"},
          {"io.statefun.types/bool", "true"},
          {"io.statefun.types/string", "héllo"}
        }) {
      TypedValue value =
          TextValues.fromBody(
              TypeName.parse(typeAndText[0]), typeAndText[1].getBytes(StandardCharsets.UTF_8));
      assertThat(TextValues.asText(value)).isEqualTo(typeAndText[1]);
    }
    assertThat(TextValues.asText(new TypedValue(TypeName.parse("com.example/X"), new byte[] {1})))
        .isNull();
    assertThatThrownBy(
            () ->
                TextValues.fromBody(Types.BOOL.typeName(), "yes".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Rejection.class);
  }
}

package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.http.HttpIngressBuilder;
import io.statefun.sdk.TypeName;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Our own kind also takes the playground's {@code Content-Type: application/vnd.<typename>} in
 * place of {@code Statefun-Type}; the header wins when both are there.
 */
class VendorContentTypeTest {
  private final RequestParser parser =
      new RequestParser(
          HttpIngressBuilder.forIdentifier(TypeName.parse("example/http"))
              .withPort(8090)
              .withTarget("example/*")
              .build(),
          null);

  private TypeName typeOf(HttpHeaders headers) throws Rejection {
    return parser
        .parse(
            HttpMethod.POST,
            "/example/f/1",
            headers,
            "{}".getBytes(StandardCharsets.UTF_8),
            type -> true)
        .value()
        .typeName();
  }

  @Test
  void aVendorContentTypeNamesTheType() throws Exception {
    assertThat(
            typeOf(
                new DefaultHttpHeaders().add("Content-Type", "Application/VND.com.example/Person")))
        .isEqualTo(TypeName.parse("com.example/Person"));
  }

  @Test
  void theStatefunTypeHeaderWinsOverTheContentType() throws Exception {
    assertThat(
            typeOf(
                new DefaultHttpHeaders()
                    .add("Content-Type", "application/vnd.com.example/Person")
                    .add("Statefun-Type", "com.example/Other")))
        .isEqualTo(TypeName.parse("com.example/Other"));
  }

  @Test
  void aMalformedVendorTypeIsRefusedWith400() {
    for (String contentType :
        new String[] {"application/vnd.", "application/vnd.no-slash", "application/vnd./name"}) {
      assertThatThrownBy(() -> typeOf(new DefaultHttpHeaders().add("Content-Type", contentType)))
          .as(contentType)
          .isInstanceOf(Rejection.class)
          .extracting(e -> ((Rejection) e).status())
          .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    }
  }
}

package io.statefun.http.server;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.http.HttpIngressSpec;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.util.function.Predicate;

/**
 * Reads a request in the StateFun playground's form: {@code PUT} or {@code POST
 * /{namespace}/{name}/{id}}, the body as the value's raw bytes, typed by {@code Content-Type:
 * application/vnd.<namespace>/<name>} or else {@code io.statefun.types/string}. It waits for no
 * reply. The playground answered anything malformed with {@code 500}; here it is {@code 400}, an
 * unbound function {@code 404} and another method {@code 405}, as for our own kind. Stateless.
 */
final class PlaygroundRequests {
  private static final String USAGE = "expected PUT or POST /{namespace}/{name}/{id}";
  private static final TypeName DEFAULT_TYPE = Types.STRING.typeName();

  private PlaygroundRequests() {}

  static RequestParser.Parsed parse(
      HttpIngressSpec spec,
      HttpMethod method,
      String uri,
      HttpHeaders headers,
      byte[] body,
      Predicate<TypeName> isBound)
      throws Rejection {
    if (!HttpMethod.PUT.equals(method) && !HttpMethod.POST.equals(method)) {
      throw new Rejection(
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          "method " + method + " not allowed; " + USAGE,
          "PUT, POST");
    }
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
    if (segments.length != 3) {
      throw RequestParser.badRequest("malformed path; " + USAGE);
    }
    TypeName type =
        TypeName.of(
            RequestParser.segment(segments[0], "namespace"),
            RequestParser.segment(segments[1], "name"));
    String id = RequestParser.segment(segments[2], "id");
    if (!spec.isTarget(type) || !isBound.test(type)) {
      throw new Rejection(
          HttpResponseStatus.NOT_FOUND,
          "no module binds function " + type + " (nor its namespace)");
    }
    // the playground's clients send no Idempotency-Key: no deduplication
    return new RequestParser.Parsed(
        new Address(type, id), new TypedValue(valueType(headers), body), false, null);
  }

  /** From {@code Content-Type: application/vnd.<namespace>/<name>}, else a string. */
  private static TypeName valueType(HttpHeaders headers) throws Rejection {
    TypeName vendorType = RequestParser.vendorType(headers);
    return vendorType != null ? vendorType : DEFAULT_TYPE;
  }
}

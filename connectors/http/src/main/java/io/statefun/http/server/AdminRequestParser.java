package io.statefun.http.server;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.runtime.admin.AdminProtocol;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The live state endpoint's requests: {@code GET /state/{namespace}/{name}/{id}} asks for an
 * address's values, {@code .../{id}/pending} for its pending delayed and queued messages; each
 * becomes a query ({@link AdminProtocol}) to that address. {@code 405} for a method other than GET;
 * {@code 401} without the bearer token, when there is one; {@code 400} for a malformed path
 * (control characters included); {@code 404} for a function type no module binds. Stateless; any
 * thread.
 */
final class AdminRequestParser implements ServerProtocol {
  private static final String USAGE =
      "expected GET /state/{namespace}/{name}/{id} or /state/{namespace}/{name}/{id}/pending";
  private static final byte[] NO_BODY = new byte[0];

  private final @Nullable BearerToken token;

  /** A parser; {@code token}, if not null, is the bearer token every request must carry. */
  AdminRequestParser(@Nullable String token) {
    this.token = token == null ? null : new BearerToken(token);
  }

  @Override
  public RequestParser.Parsed parse(
      HttpMethod method, String uri, HttpHeaders headers, byte[] body, Predicate<TypeName> isBound)
      throws Rejection {
    if (!HttpMethod.GET.equals(method)) {
      throw new Rejection(
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          "method " + method + " not allowed; " + USAGE,
          "GET");
    }
    if (token != null) {
      token.check(headers);
    }
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    if (!path.startsWith("/state/")) {
      throw RequestParser.badRequest("malformed path; " + USAGE);
    }
    String[] segments = path.substring("/state/".length()).split("/", -1);
    boolean pending = segments.length == 4 && segments[3].equals("pending");
    if (segments.length != 3 && !pending) {
      throw RequestParser.badRequest("malformed path; " + USAGE);
    }
    TypeName type =
        TypeName.of(
            RequestParser.segment(segments[0], "namespace", USAGE),
            RequestParser.segment(segments[1], "name", USAGE));
    String id = RequestParser.segment(segments[2], "id", USAGE);
    if (!isBound.test(type)) {
      throw new Rejection(
          HttpResponseStatus.NOT_FOUND,
          "no module binds function " + type + " (nor its namespace)");
    }
    TypeName kind = pending ? AdminProtocol.PENDING_QUERY : AdminProtocol.VALUES_QUERY;
    return new RequestParser.Parsed(
        new Address(type, id), new TypedValue(kind, NO_BODY), true, null);
  }

  /** The dispatcher's JSON answer: {@code 200}, or {@code 404} when there was nothing to read. */
  @Override
  public FullHttpResponse reply(TypedValue reply) {
    HttpResponseStatus status =
        reply.typeName().equals(AdminProtocol.NOT_FOUND)
            ? HttpResponseStatus.NOT_FOUND
            : HttpResponseStatus.OK;
    return Responses.json(status, reply.value());
  }

  /** Never asked for: every query waits for its answer. */
  @Override
  public FullHttpResponse accepted(String requestId) {
    return Responses.accepted(requestId);
  }

  @Override
  public String describe() {
    return "GET /state/{namespace}/{name}/{id}[/pending]"
        + (token != null ? " with a bearer token" : "");
  }
}

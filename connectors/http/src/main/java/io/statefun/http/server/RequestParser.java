package io.statefun.http.server;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.http.HttpIngressSpec;
import io.statefun.http.RequestDialect;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Checks a request and reads what it asks for, or rejects it with the status and a message that
 * says why: {@code 405} for a method other than POST; {@code 401} without the bearer token, when
 * the ingress has one (compared in constant time); {@code 400} for a malformed path, id or type
 * (control characters included, so nothing a client sends can end up in a response header); {@code
 * 404} for a function the ingress does not list or no module binds; {@code 400} for an {@code
 * Idempotency-Key} that is not 1 to 256 printable ASCII characters. Stateless; any thread.
 */
final class RequestParser implements ServerProtocol {
  static final String STATEFUN_TYPE = "Statefun-Type";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;
  private static final String VENDOR_MEDIA_TYPE = "application/vnd.";
  private static final String USAGE = "expected POST /{namespace}/{name}/{id} or .../{id}/send";

  /**
   * What a valid request asks for.
   *
   * @param idempotencyKey the {@code Idempotency-Key} header, or null
   */
  record Parsed(
      Address target, TypedValue value, boolean waitsForReply, @Nullable String idempotencyKey) {}

  private final HttpIngressSpec spec;
  private final @Nullable BearerToken token;

  /** A parser; {@code authToken}, if not null, is the bearer token every request must carry. */
  RequestParser(HttpIngressSpec spec, @Nullable String authToken) {
    this.spec = spec;
    this.token = authToken == null ? null : new BearerToken(authToken);
  }

  @Override
  public Parsed parse(
      HttpMethod method, String uri, HttpHeaders headers, byte[] body, Predicate<TypeName> isBound)
      throws Rejection {
    if (spec.dialect() == RequestDialect.PLAYGROUND) {
      return PlaygroundRequests.parse(spec, method, uri, headers, body, isBound);
    }
    if (!HttpMethod.POST.equals(method)) {
      throw new Rejection(
          HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + method + " not allowed; " + USAGE);
    }
    if (token != null) {
      token.check(headers);
    }
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    if (!path.startsWith("/")) {
      throw badRequest("malformed path; " + USAGE);
    }
    String[] segments = path.substring(1).split("/", -1);
    boolean send = segments.length == 4 && segments[3].equals("send");
    if (segments.length != 3 && !send) {
      throw badRequest("malformed path; " + USAGE);
    }
    String namespace = segment(segments[0], "namespace");
    String name = segment(segments[1], "name");
    String id = segment(segments[2], "id");
    TypeName type = TypeName.of(namespace, name);
    if (!spec.isTarget(type)) {
      throw new Rejection(
          HttpResponseStatus.NOT_FOUND,
          "function " + type + " is not a target of ingress " + spec.id());
    }
    if (!isBound.test(type)) {
      throw new Rejection(
          HttpResponseStatus.NOT_FOUND,
          "no module binds function " + type + " (nor its namespace)");
    }
    TypeName valueType = valueType(headers);
    return new Parsed(
        new Address(type, id),
        TextValues.fromBody(valueType, body),
        !send,
        idempotencyKey(headers));
  }

  /** {@code 200} with the function's reply: a built-in type as text, any other as its bytes. */
  @Override
  public FullHttpResponse reply(TypedValue reply) {
    return Responses.reply(reply);
  }

  /** {@code 202} for a {@code /send} ({@code 200} for a playground request). */
  @Override
  public FullHttpResponse accepted(String requestId) {
    return Responses.accepted(requestId, spec.dialect());
  }

  @Override
  public String describe() {
    return spec.toString();
  }

  /**
   * The {@code Idempotency-Key} header: at most once, 1 to {@value #MAX_IDEMPOTENCY_KEY_LENGTH}
   * printable ASCII characters (space to tilde), not blank; or null without one.
   */
  private static @Nullable String idempotencyKey(HttpHeaders headers) throws Rejection {
    List<String> keys = headers.getAll(IDEMPOTENCY_KEY);
    if (keys.isEmpty()) {
      return null;
    }
    if (keys.size() > 1) {
      throw badRequest("only one " + IDEMPOTENCY_KEY + " header is allowed");
    }
    String key = keys.get(0);
    if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw badRequest(
          "the "
              + IDEMPOTENCY_KEY
              + " must have 1 to "
              + MAX_IDEMPOTENCY_KEY_LENGTH
              + " characters and not be blank");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw badRequest("the " + IDEMPOTENCY_KEY + " must be printable ASCII");
      }
    }
    return key;
  }

  /** The {@code Statefun-Type} header, else a {@code Content-Type: application/vnd.ns/name}. */
  private TypeName valueType(HttpHeaders headers) throws Rejection {
    String header = headers.get(STATEFUN_TYPE);
    if (header != null) {
      return typeName(header.trim(), STATEFUN_TYPE);
    }
    TypeName vendorType = vendorType(headers);
    return vendorType != null ? vendorType : spec.valueType();
  }

  /**
   * The type named by {@code Content-Type: application/vnd.<namespace>/<name>} (parameters
   * ignored); null without one.
   */
  static @Nullable TypeName vendorType(HttpHeaders headers) throws Rejection {
    String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
    if (contentType == null) {
      return null;
    }
    int parameters = contentType.indexOf(';');
    String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    if (!mediaType.regionMatches(true, 0, VENDOR_MEDIA_TYPE, 0, VENDOR_MEDIA_TYPE.length())) {
      return null;
    }
    return typeName(mediaType.substring(VENDOR_MEDIA_TYPE.length()), "Content-Type");
  }

  private static TypeName typeName(String text, String header) throws Rejection {
    if (hasControlCharacter(text)) {
      throw badRequest("the " + header + " header has a control character");
    }
    try {
      return TypeName.parse(text);
    } catch (IllegalArgumentException e) {
      throw badRequest("the " + header + " header must name a type as namespace/name");
    }
  }

  /** Percent-decodes a path segment as UTF-8; '+' stays '+'. */
  static String segment(String raw, String what) throws Rejection {
    return segment(raw, what, USAGE);
  }

  /**
   * Percent-decodes a path segment as UTF-8; '+' stays '+'. Refuses an empty segment, control
   * characters, and a '/' anywhere but in the id, each with {@code 400} ending in {@code usage}.
   */
  static String segment(String raw, String what, String usage) throws Rejection {
    if (raw.isEmpty()) {
      throw badRequest("the " + what + " is empty; " + usage);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
        if (low < 0) {
          throw badRequest("the " + what + " has a malformed percent-escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c > 0x7F) {
        throw badRequest("the " + what + " has a character that is not percent-encoded");
      } else {
        bytes.write(c);
      }
    }
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw badRequest("the " + what + " is not UTF-8");
    }
    if (hasControlCharacter(decoded)) {
      throw badRequest("the " + what + " has a control character");
    }
    if (!what.equals("id") && decoded.indexOf('/') >= 0) {
      throw badRequest("the " + what + " must not contain '/'");
    }
    return decoded;
  }

  static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static Rejection badRequest(String message) {
    return new Rejection(HttpResponseStatus.BAD_REQUEST, message);
  }
}

package io.statefun.http.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.statefun.http.RequestDialect;
import io.statefun.sdk.TypedValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The answers the ingress gives. Every header value is built from a type name, a request id the
 * server made, or a constant, never from raw client input.
 */
final class Responses {
  static final String REQUEST_ID = "Statefun-Request-Id";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JSON = "application/json";
  private static final String BYTES = "application/octet-stream";

  private Responses() {}

  /** {@code 200} with a function's reply: a built-in type as text, any other as its bytes. */
  static FullHttpResponse reply(TypedValue value) {
    String text = TextValues.asText(value);
    FullHttpResponse response =
        text == null
            ? response(HttpResponseStatus.OK, value.value(), BYTES)
            : response(HttpResponseStatus.OK, text.getBytes(StandardCharsets.UTF_8), TEXT);
    response.headers().set(RequestParser.STATEFUN_TYPE, value.typeName().canonical());
    return response;
  }

  /** {@code 202}: a {@code /send} message is in the job. */
  static FullHttpResponse accepted(String requestId) {
    return json(HttpResponseStatus.ACCEPTED, "{\"requestId\": \"" + requestId + "\"}");
  }

  /** A {@code /send} message, or a playground message, is in the job. */
  static FullHttpResponse accepted(String requestId, RequestDialect dialect) {
    return dialect == RequestDialect.PLAYGROUND
        ? response(HttpResponseStatus.OK, new byte[0], TEXT)
        : accepted(requestId);
  }

  /** {@code 504}: no answer in time. */
  static FullHttpResponse timedOut(String requestId, Duration timeout) {
    return json(
        HttpResponseStatus.GATEWAY_TIMEOUT,
        "{\"requestId\": \""
            + requestId
            + "\", \"error\": \"no reply within "
            + timeout.toMillis()
            + " ms\"}");
  }

  /** An error status with a line of text that says why. */
  static FullHttpResponse error(HttpResponseStatus status, String message) {
    FullHttpResponse response =
        response(status, (message + "\n").getBytes(StandardCharsets.UTF_8), TEXT);
    if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
      response.headers().set(HttpHeaderNames.ALLOW, "POST");
    }
    if (status.equals(HttpResponseStatus.UNAUTHORIZED)) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
    }
    if (status.equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
      response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
    }
    return response;
  }

  /** The answer to a request refused before it reached any function. */
  static FullHttpResponse rejected(Rejection rejection) {
    FullHttpResponse response = error(rejection.status(), rejection.getMessage());
    if (rejection.allow() != null) {
      response.headers().set(HttpHeaderNames.ALLOW, rejection.allow());
    }
    return response;
  }

  private static FullHttpResponse json(HttpResponseStatus status, String json) {
    return json(status, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON body (UTF-8 bytes) with {@code status}. */
  static FullHttpResponse json(HttpResponseStatus status, byte[] json) {
    return response(status, json, JSON);
  }

  private static FullHttpResponse response(
      HttpResponseStatus status, byte[] body, String contentType) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }
}

package io.statefun.http.server;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.function.Predicate;

/**
 * What one kind of server takes and how it answers: the HTTP ingress's calls to functions ({@link
 * RequestParser}) or the live state endpoint's queries ({@link AdminRequestParser}). Stateless; any
 * thread.
 */
interface ServerProtocol {

  /**
   * Checks a request and reads what it asks for.
   *
   * @param isBound whether a module binds a function type
   * @throws Rejection with the status and a message that says why
   */
  RequestParser.Parsed parse(
      HttpMethod method, String uri, HttpHeaders headers, byte[] body, Predicate<TypeName> isBound)
      throws Rejection;

  /** The response that carries a reply from the job to its caller. */
  FullHttpResponse reply(TypedValue reply);

  /** The response to a request that waits for its message to enter the job only. */
  FullHttpResponse accepted(String requestId);

  /** A one-line description of what the server takes, for its log line. */
  String describe();
}

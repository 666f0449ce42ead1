package io.statefun.http;

/** What requests to an HTTP ingress look like and how they are answered. */
public enum RequestDialect {
  /**
   * {@code io.statefun.http.v1/ingress}: {@code POST /{namespace}/{name}/{id}} waits for the
   * function's reply, {@code .../send} answers {@code 202}; built-in types travel as text; only the
   * listed targets are reachable.
   */
  STATEFUN,
  /**
   * The StateFun playground's {@code io.statefun.playground.v1/ingress}: {@code PUT} or {@code POST
   * /{namespace}/{name}/{id}} answers {@code 200} with no body once the message is accepted; the
   * body is the value's raw bytes, typed by {@code Content-Type:
   * application/vnd.<namespace>/<name>} or else {@code io.statefun.types/string}; every bound
   * function is reachable.
   */
  PLAYGROUND
}

package io.statefun.savepoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.statefun.sdk.java.StatefulFunctionSpec;
import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.TypeName;
import org.apache.flink.statefun.sdk.java.ValueSpec;
import org.apache.flink.statefun.sdk.java.handler.RequestReplyHandler;
import org.apache.flink.statefun.sdk.java.message.EgressMessageBuilder;
import org.apache.flink.statefun.sdk.java.slice.Slices;

/**
 * The greeter as a remote function on the official StateFun 3.3.0 Java SDK, served on 127.0.0.1:
 * {@code remote/greeter} counts visits in {@code seen} (declared to the runtime lazily, as remote
 * values are) and greets {@code Hello alice, you are visitor #3}.
 */
final class RemoteGreeter implements AutoCloseable {
  static final io.statefun.sdk.TypeName TYPE = io.statefun.sdk.TypeName.parse("remote/greeter");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final RequestReplyHandler handler;

  RemoteGreeter() throws IOException {
    ValueSpec<Integer> seen = ValueSpec.named("seen").withIntType();
    TypeName egress = TypeName.typeNameFromString(GreeterModule.EGRESS.canonical());
    handler =
        new StatefulFunctions()
            .withStatefulFunction(
                StatefulFunctionSpec.builder(TypeName.typeNameFromString(TYPE.canonical()))
                    .withValueSpecs(seen)
                    .withSupplier(
                        () ->
                            (context, message) -> {
                              int count = context.storage().get(seen).orElse(0) + 1;
                              context.storage().set(seen, count);
                              context.send(
                                  EgressMessageBuilder.forEgress(egress)
                                      .withValue(
                                          "Hello "
                                              + context.self().id()
                                              + ", you are visitor #"
                                              + count)
                                      .build());
                              return context.done();
                            })
                    .build())
            .requestReplyHandler();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
    server.start();
  }

  /** A module.yaml binding the greeter's namespace to this endpoint. */
  String moduleYaml() {
    return """
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: remote/*
          urlPathTemplate: http://127.0.0.1:%d/statefun
        """
        .formatted(server.getAddress().getPort());
  }

  private void exchange(HttpExchange exchange) throws IOException {
    byte[] request = exchange.getRequestBody().readAllBytes();
    byte[] reply;
    try {
      reply = handler.handle(Slices.wrap(request)).get().toByteArray();
    } catch (Exception e) {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package io.statefun.http.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
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
import org.apache.flink.statefun.sdk.java.message.MessageBuilder;
import org.apache.flink.statefun.sdk.java.slice.Slices;

/**
 * {@code sdk/greeter}, written with the official StateFun 3.3.0 Java SDK and served on 127.0.0.1:
 * it counts its visitors and replies to its caller, unchanged code as any StateFun user writes it.
 */
final class OfficialSdkGreeter implements AutoCloseable {
  private static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final RequestReplyHandler handler;

  OfficialSdkGreeter() throws IOException {
    StatefulFunctions functions = new StatefulFunctions();
    functions.withStatefulFunction(
        StatefulFunctionSpec.builder(TypeName.typeNameOf("sdk", "greeter"))
            .withValueSpec(SEEN)
            .withSupplier(
                () ->
                    (context, message) -> {
                      int seen = context.storage().get(SEEN).orElse(0) + 1;
                      context.storage().set(SEEN, seen);
                      context.send(
                          MessageBuilder.forAddress(context.caller().orElseThrow())
                              .withValue(
                                  "Hello "
                                      + message.asUtf8String()
                                      + " #"
                                      + seen
                                      + " from the official SDK")
                              .build());
                      return context.done();
                    })
            .build());
    handler = functions.requestReplyHandler();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::exchange);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/statefun";
  }

  private void exchange(HttpExchange exchange) throws IOException {
    byte[] request;
    try (InputStream in = exchange.getRequestBody()) {
      request = in.readAllBytes();
    }
    byte[] reply = handler.handle(Slices.wrap(request)).join().toByteArray();
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
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

package io.statefun.bench;

import com.sun.net.httpserver.HttpServer;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.remote.FunctionServer;
import io.statefun.sdk.remote.RequestReplyHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.slice.Slice;
import org.apache.flink.statefun.sdk.java.slice.Slices;

/**
 * W3's remote function in its own JVM: {@code bench/remote-counter} keeps a per-id count and sends
 * {@code "<count> <sent nanos>"} to {@code bench/out} for each message (a long: the time it was
 * generated). W5's {@code bench/remote-http-counter} (official SDK only) keeps a per-id count and
 * replies with it to its caller. {@code ours}: written with this project's SDK, served by its
 * {@link FunctionServer}; {@code official}: written with {@code
 * org.apache.flink:statefun-sdk-java:3.3.0}, served on the JDK's HTTP server. Prints {@code READY
 * <port>} when it listens on 127.0.0.1.
 */
public final class RemoteCounterService {
  static final TypeName TYPE = TypeName.parse("bench/remote-counter");
  static final TypeName REPLYING_TYPE = TypeName.parse("bench/remote-http-counter");

  private RemoteCounterService() {}

  public static void main(String[] args) throws Exception {
    String sdk = args[0];
    int port;
    if (sdk.equals("ours")) {
      port =
          FunctionServer.builder(RequestReplyHandler.of(ours())).port(0).threads(4).start().port();
    } else if (sdk.equals("official")) {
      port = serveOfficial();
    } else {
      throw new IllegalArgumentException("sdk must be ours or official, got " + sdk);
    }
    System.out.println("READY " + port);
    System.out.flush();
    // runs until the benchmark destroys the process (or its stdin closes)
    while (System.in.read() >= 0) {
      // nothing to read; the benchmark never writes
    }
    System.exit(0);
  }

  private static StatefulFunctionSpec ours() {
    ValueSpec<Long> count = ValueSpec.named("count").withLongType();
    return StatefulFunctionSpec.builder(TYPE)
        .withValueSpec(count)
        .withSupplier(
            () ->
                (context, message) -> {
                  long next = context.storage().get(count).orElse(0L) + 1;
                  context.storage().set(count, next);
                  context.send(
                      EgressMessageBuilder.forEgress(BenchModule.EGRESS)
                          .withValue(next + " " + message.asLong())
                          .build());
                  return context.done();
                })
        .build();
  }

  private static int serveOfficial() throws Exception {
    var count = org.apache.flink.statefun.sdk.java.ValueSpec.named("count").withLongType();
    var out =
        org.apache.flink.statefun.sdk.java.TypeName.typeNameFromString(
            BenchModule.EGRESS.canonical());
    var spec =
        org.apache.flink.statefun.sdk.java.StatefulFunctionSpec.builder(
                org.apache.flink.statefun.sdk.java.TypeName.typeNameFromString(TYPE.canonical()))
            .withValueSpec(count)
            .withSupplier(
                () ->
                    (context, message) -> {
                      long next = context.storage().get(count).orElse(0L) + 1;
                      context.storage().set(count, next);
                      context.send(
                          org.apache.flink.statefun.sdk.java.message.EgressMessageBuilder.forEgress(
                                  out)
                              .withValue(next + " " + message.asLong())
                              .build());
                      return CompletableFuture.completedFuture(null);
                    })
            .build();
    var replying =
        org.apache.flink.statefun.sdk.java.StatefulFunctionSpec.builder(
                org.apache.flink.statefun.sdk.java.TypeName.typeNameFromString(
                    REPLYING_TYPE.canonical()))
            .withValueSpec(count)
            .withSupplier(
                () ->
                    (context, message) -> {
                      long next = context.storage().get(count).orElse(0L) + 1;
                      context.storage().set(count, next);
                      context
                          .caller()
                          .ifPresent(
                              caller ->
                                  context.send(
                                      org.apache.flink.statefun.sdk.java.message.MessageBuilder
                                          .forAddress(caller)
                                          .withValue(next)
                                          .build()));
                      return CompletableFuture.completedFuture(null);
                    })
            .build();
    var handler =
        new StatefulFunctions()
            .withStatefulFunction(spec)
            .withStatefulFunction(replying)
            .requestReplyHandler();
    // a backlog for the bursts of new connections at the start of a job (the default, 50, drops
    // SYNs that the client then sends again only after a second)
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          byte[] request;
          try (InputStream body = exchange.getRequestBody()) {
            request = body.readAllBytes();
          }
          Slice reply = handler.handle(Slices.wrap(request)).join();
          byte[] bytes = reply.toByteArray();
          exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
          }
        });
    server.start();
    return server.getAddress().getPort();
  }
}

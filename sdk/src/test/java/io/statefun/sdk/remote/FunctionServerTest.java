package io.statefun.sdk.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.reqreply.generated.Address;
import io.statefun.sdk.reqreply.generated.FromFunction;
import io.statefun.sdk.reqreply.generated.ToFunction;
import io.statefun.sdk.reqreply.generated.TypedValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionServerTest {
  private static final TypeName FN = TypeName.parse("test/fn");

  private final HttpClient http = HttpClient.newHttpClient();
  private FunctionServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        FunctionServer.builder(
                RequestReplyHandler.of(
                    StatefulFunctionSpec.builder(FN)
                        .withSupplier(
                            () ->
                                (context, message) -> {
                                  if (message.asString().equals("boom")) {
                                    return CompletableFuture.failedFuture(
                                        new IllegalStateException("boom from " + context.self()));
                                  }
                                  return context.done();
                                })
                        .build()))
            .port(0)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersAPostWithTheReplyAsOctetStream() throws Exception {
    HttpResponse<byte[]> response = post("/statefun", "application/octet-stream", request("hi"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(FromFunction.parseFrom(response.body()).hasInvocationResult()).isTrue();
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void refusesOtherMethodsAndContentTypes() throws Exception {
    HttpResponse<byte[]> get =
        http.send(
            HttpRequest.newBuilder(url("/")).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(post("/", "application/json", request("hi")).statusCode()).isEqualTo(415);
  }

  @Test
  void aFailedInvocationIsA500NamingTheError() throws Exception {
    HttpResponse<byte[]> response = post("/fn", "application/octet-stream", request("boom"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(new String(response.body())).contains("boom from test/fn/1");
  }

  private HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static byte[] request(String value) {
    return ToFunction.newBuilder()
        .setInvocation(
            ToFunction.InvocationBatchRequest.newBuilder()
                .setTarget(Address.newBuilder().setNamespace("test").setType("fn").setId("1"))
                .addInvocations(
                    ToFunction.Invocation.newBuilder()
                        .setArgument(
                            TypedValue.newBuilder()
                                .setTypename("io.statefun.types/string")
                                .setHasValue(true)
                                .setValue(
                                    com.google.protobuf.ByteString.copyFrom(
                                        io.statefun.sdk.Types.STRING.serialize(value))))))
        .build()
        .toByteArray();
  }
}

package io.statefun.examples.greeter.remote;

import io.statefun.sdk.remote.FunctionServer;
import io.statefun.sdk.remote.RequestReplyHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The greeter's HTTP service. Run it with {@code java -cp ... GreeterService [port] [bind
 * address]}; defaults: port 8000, 127.0.0.1 (give {@code 0.0.0.0} in a container so the runtime can
 * reach it). The runtime's {@code module.yaml} endpoint points at {@code
 * http://<host>:<port>/statefun}; any path is served.
 */
public final class GreeterService {
  private static final Logger LOG = LoggerFactory.getLogger(GreeterService.class);

  private GreeterService() {}

  /** Starts serving the greeter; close the server to stop. Port 0 picks a free one. */
  public static FunctionServer start(String bindAddress, int port) throws IOException {
    return FunctionServer.builder(RequestReplyHandler.of(RemoteGreeter.SPEC))
        .bindAddress(bindAddress)
        .port(port)
        .start();
  }

  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
    String bindAddress = args.length > 1 ? args[1] : "127.0.0.1";
    FunctionServer server = start(bindAddress, port);
    LOG.info(
        "Greeter functions ({}) served at http://{}/statefun",
        RemoteGreeter.TYPE,
        server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "greeter-service-shutdown"));
  }
}

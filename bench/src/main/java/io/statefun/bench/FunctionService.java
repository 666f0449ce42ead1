package io.statefun.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * W3's remote counter ({@link RemoteCounterService}) running in its own JVM, written with {@code
 * sdk} ({@code ours} or {@code official}). One service serves a cell's warm-up and measured runs,
 * as a long-running function service would.
 */
final class FunctionService implements AutoCloseable {
  private final Process process;
  private final String url;

  private FunctionService(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static FunctionService start(String sdk) throws IOException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m",
                "-Xmx1g",
                "-XX:+UseG1GC",
                // as the anchor's function server: keep every connection the runtime opens alive
                "-Dsun.net.httpserver.maxIdleConnections=4096",
                // both SDKs' servers send responses without waiting for delayed ACKs (ours sets
                // this itself; the anchor's server did not set it)
                "-Dsun.net.httpserver.nodelay=true",
                "-cp",
                System.getProperty("java.class.path"),
                RemoteCounterService.class.getName(),
                sdk)
            .redirectErrorStream(true)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("READY ")) {
        int port = Integer.parseInt(line.substring(6).trim());
        drain(out);
        return new FunctionService(process, "http://127.0.0.1:" + port);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the " + sdk + " function service did not start");
  }

  /** Keeps reading the service's output so that it never blocks on a full pipe. */
  private static void drain(BufferedReader out) {
    Thread drainer =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // discarded: the service logs only start-up and failures
                }
              } catch (IOException ended) {
                // the service is gone
              }
            },
            "function-service-output");
    drainer.setDaemon(true);
    drainer.start();
  }

  String url() {
    return url;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

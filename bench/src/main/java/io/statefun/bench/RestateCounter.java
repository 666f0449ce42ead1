package io.statefun.bench;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * W5's peer: a Restate server (npm {@code @restatedev/restate-server}) with the virtual-object
 * counter of {@code bench/restate/counter.cjs} (TypeScript SDK {@code @restatedev/restate-sdk}),
 * installed with npm into {@code bench/target/restate} and started as two processes on 127.0.0.1:
 * the service on port 9080, the server on its default ports (ingress 8080, admin 9070, fabric
 * 5122), with a fresh data folder.
 */
final class RestateCounter implements AutoCloseable {
  private static final Path SOURCES = Path.of("bench/restate");
  private static final Path HOME = Path.of("bench/target/restate");
  private static final int SERVICE_PORT = 9080;
  private static final int INGRESS_PORT = 8080;
  private static final int ADMIN_PORT = 9070;

  private final Process service;
  private final Process server;

  private RestateCounter(Process service, Process server) {
    this.service = service;
    this.server = server;
  }

  /** Installs (once), starts both processes and registers the service; throws if it can't. */
  static RestateCounter start() throws Exception {
    install();
    for (int port : List.of(SERVICE_PORT, INGRESS_PORT, ADMIN_PORT, 5122)) {
      if (listening(port)) {
        throw new IllegalStateException("port " + port + " is taken; Restate needs it");
      }
    }
    Path data = HOME.resolve("data");
    deleteRecursively(data);
    ProcessBuilder serviceBuilder =
        new ProcessBuilder("node", "counter.cjs")
            .directory(HOME.toFile())
            .redirectErrorStream(true)
            .redirectOutput(HOME.resolve("service.log").toFile());
    serviceBuilder.environment().put("PORT", Integer.toString(SERVICE_PORT));
    Process service = serviceBuilder.start();
    ProcessBuilder serverBuilder =
        new ProcessBuilder(
                serverBinary().toString(),
                "--no-logo",
                "--node-name",
                "bench",
                "--base-dir",
                data.toAbsolutePath().toString())
            .directory(HOME.toFile())
            .redirectErrorStream(true)
            .redirectOutput(HOME.resolve("server.log").toFile());
    serverBuilder.environment().put("RESTATE_BIND_IP", "127.0.0.1");
    Process server = serverBuilder.start();
    RestateCounter restate = new RestateCounter(service, server);
    try {
      awaitListening(SERVICE_PORT);
      awaitListening(ADMIN_PORT);
      awaitListening(INGRESS_PORT);
      restate.register();
      return restate;
    } catch (Exception e) {
      restate.close();
      throw e;
    }
  }

  URI url(int key) {
    return URI.create("http://127.0.0.1:" + INGRESS_PORT + "/Counter/k" + key + "/add");
  }

  private void register() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ADMIN_PORT + "/deployments"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"uri\": \"http://127.0.0.1:" + SERVICE_PORT + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Restate refused the deployment: " + response.statusCode() + " " + response.body());
      }
      Thread.sleep(200); // the admin API answers before the cluster is provisioned
    }
    // the first call waits for the partition leaders; make it before anything is measured
    while (true) {
      HttpResponse<String> first =
          client.send(
              HttpRequest.newBuilder(url(0)).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
      if (first.statusCode() == 200) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Restate's counter did not answer: " + first.statusCode() + " " + first.body());
      }
      Thread.sleep(200);
    }
  }

  private static void install() throws IOException, InterruptedException {
    Files.createDirectories(HOME);
    for (String file : List.of("package.json", "counter.cjs")) {
      Files.copy(SOURCES.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.exists(serverBinary())) {
      return;
    }
    Process npm =
        new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
            .directory(HOME.toFile())
            .inheritIO()
            .start();
    if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      throw new IllegalStateException("npm install of Restate failed in " + HOME);
    }
  }

  /** The server's native binary (npm's launcher script would not pass a SIGTERM on). */
  private static Path serverBinary() {
    String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x64";
    return HOME.resolve(
            "node_modules/@restatedev/restate-server-linux-" + arch + "/bin/restate-server")
        .toAbsolutePath();
  }

  private static boolean listening(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!listening(port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("nothing listens on port " + port + " after 60 s");
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : List.of(server, service)) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}

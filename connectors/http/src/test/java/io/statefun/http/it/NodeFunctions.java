package io.statefun.http.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Functions written with the official JS SDK (npm {@code apache-flink-statefun}), run by Node on
 * 127.0.0.1: the SDK is installed with npm under {@code target/} once, the script comes from the
 * test resources. Without {@code node} or {@code npm} on the PATH the test is skipped, not failed.
 */
final class NodeFunctions implements AutoCloseable {
  static final String SDK = "apache-flink-statefun@3.3.0";
  private static final Path WORK = Path.of("target", "playground-js");

  private final Process node;
  private final int port;

  private NodeFunctions(Process node, int port) {
    this.node = node;
    this.port = port;
  }

  /** Installs the SDK if needed and starts {@code script} (a test resource) on a free port. */
  static NodeFunctions start(String script) throws Exception {
    assumeTrue(
        runs("node", "--version") && runs("npm", "--version"),
        "node and npm are not on the PATH: the official JS SDK cannot run here, test skipped");
    Files.createDirectories(WORK);
    if (!Files.isDirectory(WORK.resolve("node_modules/apache-flink-statefun"))) {
      Process npm =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock", SDK)
              .directory(WORK.toFile())
              .redirectErrorStream(true)
              .redirectOutput(WORK.resolve("npm-install.log").toFile())
              .start();
      if (!npm.waitFor(2, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException(
            "npm install " + SDK + " failed; see " + WORK.resolve("npm-install.log"));
      }
    }
    Path target = WORK.resolve(Path.of(script).getFileName().toString());
    try (InputStream in = NodeFunctions.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IOException("no test resource " + script);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    int port = PlaygroundCurl.freePort();
    ProcessBuilder builder =
        new ProcessBuilder("node", target.getFileName().toString())
            .directory(WORK.toFile())
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve("node.log").toFile());
    builder.environment().put("PORT", String.valueOf(port));
    NodeFunctions functions = new NodeFunctions(builder.start(), port);
    PlaygroundCurl.awaitListening(port);
    return functions;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/statefun";
  }

  private static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    node.destroy();
    if (!node.waitFor(10, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
  }
}

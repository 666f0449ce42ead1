package io.statefun.launcher.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the built distribution laid out as the image has it under {@code /opt/statefun}: its
 * {@code bin/} and {@code conf/}, {@code lib/} linked (it is large and read-only), and the greeter
 * module JAR in {@code modules/greeter/}. Processes run its {@code bin/statefun}, which finds the
 * folder by itself.
 */
final class Distribution {
  final Path home;

  private Distribution(Path home) {
    this.home = home;
  }

  static Distribution layOut(Path target) throws IOException {
    Path built = Path.of(System.getProperty("statefun.distribution", "target/flink-statefun"));
    Path greeter =
        Path.of(System.getProperty("statefun.e2e.modules", "target/e2e-modules"))
            .resolve("greeter/greeter.jar");
    if (!Files.isExecutable(built.resolve("bin/statefun")) || !Files.isRegularFile(greeter)) {
      throw new IllegalStateException(
          "Run through Maven (./mvnw verify): the distribution "
              + built
              + " and "
              + greeter
              + " are built in the package and pre-integration-test phases");
    }
    Path home = target.resolve("statefun");
    copyTree(built.resolve("bin"), home.resolve("bin"));
    copyTree(built.resolve("conf"), home.resolve("conf"));
    Files.createSymbolicLink(home.resolve("lib"), built.resolve("lib").toAbsolutePath());
    Files.createDirectories(home.resolve("modules/greeter"));
    Files.copy(greeter, home.resolve("modules/greeter/greeter.jar"));
    return new Distribution(home);
  }

  /** Starts {@code bin/statefun ARGS}, its output into {@code log}. */
  StatefunProcess start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/statefun").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("STATEFUN_HOME");
    builder.environment().remove("ROLE");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder
        .environment()
        .put("STATEFUN_JAVA_OPTS", "-Xmx512m -Djava.io.tmpdir=" + home.getParent().resolve("tmp"));
    Files.createDirectories(home.getParent().resolve("tmp"));
    return new StatefunProcess(builder.start(), log);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path copy = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** A running {@code statefun} process and its log. */
  record StatefunProcess(Process process, Path log) implements AutoCloseable {
    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }

    /** SIGKILL, as a crashed machine. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    /**
     * SIGTERM, as {@code docker stop} sends, and waits for the process to exit; fails if it is
     * still alive after {@code limit}. Returns the exit code (143 after a JVM's shutdown hooks
     * ran).
     */
    int terminate(java.time.Duration limit) throws InterruptedException {
      process.destroy();
      if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "still running " + limit + " after SIGTERM; its log:\n" + output());
      }
      return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy(); // SIGTERM: the clean shutdown path
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    }
  }
}

package io.statefun.e2e.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The launcher's distribution ({@code launcher/target/flink-statefun}) laid out as the image has
 * it: {@code bin/} and {@code conf/} copied, {@code lib/} linked, the greeter's module JAR in
 * {@code modules/greeter/}; processes run its {@code bin/statefun}.
 */
final class StatefunDistribution {
  private final Path home;

  private StatefunDistribution(Path home) {
    this.home = home;
  }

  static StatefunDistribution layOut(Path target, Path greeterModuleJar) throws IOException {
    Path built =
        Path.of(System.getProperty("statefun.distribution", "../launcher/target/flink-statefun"));
    if (!Files.isExecutable(built.resolve("bin/statefun"))) {
      throw new IllegalStateException(
          "Run through Maven (./mvnw verify): the launcher builds " + built + " in package");
    }
    Path home = target.resolve("statefun");
    copyTree(built.resolve("bin"), home.resolve("bin"));
    copyTree(built.resolve("conf"), home.resolve("conf"));
    Files.createSymbolicLink(home.resolve("lib"), built.resolve("lib").toAbsolutePath());
    Files.createDirectories(home.resolve("modules/greeter"));
    Files.copy(greeterModuleJar, home.resolve("modules/greeter/greeter.jar"));
    Files.createDirectories(target.resolve("tmp"));
    return new StatefunDistribution(home);
  }

  /** Starts {@code bin/statefun ARGS}, its output into {@code log}. */
  Process start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/statefun").toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("STATEFUN_HOME");
    builder.environment().remove("ROLE");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder
        .environment()
        .put("STATEFUN_JAVA_OPTS", "-Xmx512m -Djava.io.tmpdir=" + home.getParent().resolve("tmp"));
    return builder.start();
  }

  static void stop(Process process) throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
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
}

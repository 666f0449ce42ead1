package io.statefun.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archive that the build writes into the distribution ({@code statefun
 * class-archive}): {@code bin/statefun} maps it, also from a copy of the distribution laid out as
 * in the image, and {@code STATEFUN_CLASS_ARCHIVE=off} turns it off.
 */
class ClassArchiveE2E {
  private static final String MAIN = "io.statefun.launcher.Main source: ";

  @Test
  void theDistributionsJvmLoadsItsClassesFromTheArchive(@TempDir Path dir) throws Exception {
    Distribution distribution = Distribution.layOut(dir);
    assertThat(distribution.home.resolve("lib/statefun.jsa")).isRegularFile();

    assertThat(classSourceOfMain(distribution, Map.of())).startsWith("shared objects file");
  }

  @Test
  void theArchiveCanBeTurnedOff(@TempDir Path dir) throws Exception {
    Distribution distribution = Distribution.layOut(dir);

    assertThat(classSourceOfMain(distribution, Map.of("STATEFUN_CLASS_ARCHIVE", "off")))
        .startsWith("file:")
        .endsWith(".jar");
  }

  /** Where the launcher's main class came from, as the JVM's class loading log says. */
  private static String classSourceOfMain(Distribution distribution, Map<String, String> env)
      throws Exception {
    Path log = distribution.home.getParent().resolve("version.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(distribution.home.resolve("bin/statefun").toString(), "--version"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("STATEFUN_HOME");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("STATEFUN_JAVA_OPTS", "-Xlog:class+load=info");
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> output = Files.readAllLines(log);
    assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
    return output.stream()
        .filter(line -> line.contains(MAIN))
        .map(line -> line.substring(line.indexOf(MAIN) + MAIN.length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no class loading line for the launcher"));
  }
}

package io.statefun.e2e.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.statefun.distribution.StatefulFunctionsJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;

/**
 * No Kubernetes runs here, so the example {@code FlinkDeployment} and its Dockerfile are checked
 * against what they must agree with: the JAR the greeter builds, the main class, the Flink version
 * of the build, and the settings a savepoint-upgraded StateFun job needs.
 */
class FlinkDeploymentManifestTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern COPY = Pattern.compile("COPY (\\S+) (\\S+)");

  private final JsonNode deployment =
      read(ROOT.resolve("kubernetes/greeter/flink-deployment.yaml"));
  private final List<String> dockerfile = lines(ROOT.resolve("kubernetes/greeter/Dockerfile"));
  private final JsonNode job = deployment.path("spec").path("job");
  private final JsonNode config = deployment.path("spec").path("flinkConfiguration");

  @Test
  void theDockerfileIsFlinksImageOfTheBuildsVersionPlusTheGreetersJobJar() {
    assertThat(dockerfile).hasSize(2);
    assertThat(dockerfile.get(0)).isEqualTo("FROM flink:" + flinkMinorVersion());
    Matcher copy = COPY.matcher(dockerfile.get(1));
    assertThat(copy.matches()).as(dockerfile.get(1)).isTrue();
    // the shade execution flink-job of examples/greeter names its JAR so
    assertThat(copy.group(1))
        .isEqualTo("examples/greeter/target/statefun-example-greeter-*-flink-job.jar");
    assertThat(copy.group(2)).startsWith("/opt/flink/usrlib/");
    assertThat(job.path("jarURI").asText()).isEqualTo("local://" + copy.group(2));
  }

  @Test
  void theJobRunsStatefulFunctionsJobOnTheBuildsFlinkVersion() {
    assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
    assertThat(job.path("entryClass").asText()).isEqualTo(StatefulFunctionsJob.class.getName());
    assertThat(deployment.path("spec").path("flinkVersion").asText())
        .isEqualTo("v" + flinkMinorVersion().replace('.', '_'));
  }

  @Test
  void upgradesGoThroughSavepointsWithCheckpointsOnASharedVolume() {
    assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
    assertThat(job.path("state").asText()).isEqualTo("running");
    assertThat(config.path("state.backend.type").asText()).isEqualTo("rocksdb");
    assertThat(config.path("execution.checkpointing.interval").asText()).isNotEmpty();
    String mount =
        deployment
            .path("spec")
            .path("podTemplate")
            .path("spec")
            .path("containers")
            .path(0)
            .path("volumeMounts")
            .path(0)
            .path("mountPath")
            .asText();
    assertThat(mount).isNotEmpty();
    assertThat(config.path("execution.checkpointing.dir").asText())
        .startsWith("file://" + mount + "/");
    assertThat(config.path("execution.checkpointing.savepoint-dir").asText())
        .startsWith("file://" + mount + "/");
  }

  @Test
  void theParallelismFitsTheTaskManagersSlotsAndTheGreeterGetsItsKafkaAddress() {
    int parallelism = job.path("parallelism").asInt();
    assertThat(parallelism).isPositive();
    assertThat(Integer.parseInt(config.path("taskmanager.numberOfTaskSlots").asText()))
        .isPositive();
    assertThat(config.path("statefun.module.global-config.kafka-address").asText())
        .isEqualTo("kafka:9092");
  }

  private static String flinkMinorVersion() {
    String version = EnvironmentInformation.getVersion(); // e.g. 2.2.0, from the Flink on the path
    return version.substring(0, version.lastIndexOf('.'));
  }

  private static JsonNode read(Path file) {
    try {
      return new YAMLMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

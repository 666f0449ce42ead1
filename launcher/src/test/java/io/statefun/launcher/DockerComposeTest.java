package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.statefun.examples.greeter.GreeterModule;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * No Docker engine runs here, so the compose file is checked against what it must agree with: the
 * Dockerfiles, the distribution's config.yaml, the launcher's environment conventions and the
 * greeter's topics.
 */
class DockerComposeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private final JsonNode compose = read(ROOT.resolve("docker-compose/greeter/docker-compose.yml"));
  private final List<String> baseImage = lines(ROOT.resolve("dockerfiles/Dockerfile"));
  private final List<String> greeterImage = lines(ROOT.resolve("examples/greeter/Dockerfile"));
  private final Configuration config =
      GlobalConfiguration.loadConfiguration(ROOT.resolve("launcher/src/dist/conf").toString());

  @Test
  void servicesAreKafkaTopicsMasterAndWorker() {
    assertThat(names(compose.path("services")))
        .containsExactly("kafka", "create-topics", "master", "worker");
  }

  @Test
  void kafkaIsTheOfficialImageOfTheClientsVersionInKRaftMode() {
    JsonNode kafka = compose.path("services").path("kafka");
    assertThat(kafka.path("image").asText())
        .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
    assertThat(kafka.path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
        .isEqualTo("PLAINTEXT://kafka:9092");
  }

  @Test
  void topicCreationCreatesTheGreetersTopics() {
    String command = compose.path("services").path("create-topics").path("command").toString();
    assertThat(command)
        .contains("--topic " + GreeterModule.NAMES_TOPIC + " ")
        .contains("--topic " + GreeterModule.GREETINGS_TOPIC + " ")
        .contains("kafka:9092");
  }

  @Test
  void masterAndWorkerRunTheGreeterImageBuiltFromTheBaseImage() {
    JsonNode master = compose.path("services").path("master");
    JsonNode worker = compose.path("services").path("worker");
    assertThat(master.path("image").asText()).isEqualTo("statefun-greeter");
    assertThat(worker.path("image").asText()).isEqualTo("statefun-greeter");
    Path context =
        ROOT.resolve("docker-compose/greeter")
            .resolve(master.path("build").path("context").asText())
            .normalize();
    assertThat(context).isEqualTo(ROOT.resolve("examples/greeter"));
    assertThat(greeterImage).contains("FROM flink-statefun");
    assertThat(baseImage).contains("ENTRYPOINT [\"/opt/statefun/bin/statefun\"]");
    assertThat(baseImage)
        .anyMatch(
            l -> l.startsWith("COPY --from=build") && l.endsWith("/flink-statefun /opt/statefun"));
    assertThat(baseImage).anyMatch(l -> l.startsWith("RUN ./mvnw") && l.contains("-pl launcher"));
    assertThat(baseImage).anyMatch(l -> l.startsWith("USER statefun"));
    assertThat(baseImage)
        .as("the image's own JVM makes the class-data-sharing archive")
        .anyMatch(l -> l.contains("/opt/statefun/bin/statefun class-archive"));
  }

  @Test
  void theGreeterImageCopiesItsModuleJarAndNotItsFlinkJobJar() {
    List<String> copies = greeterImage.stream().filter(l -> l.startsWith("COPY ")).toList();
    assertThat(copies).hasSize(1);
    String[] copy = copies.get(0).split(" ");
    assertThat(copy).hasSize(3);
    assertThat(copy[2]).isEqualTo("/opt/statefun/modules/greeter/");
    // what the greeter's package makes: its module JAR and the parent POM's flink-job JAR, which
    // bundles the runtime the base image already has
    String jar = "target/statefun-example-greeter-" + greeterVersion();
    String moduleJar = jar + ".jar";
    List<String> built = List.of(moduleJar, jar + "-flink-job.jar");
    PathMatcher source =
        FileSystems.getDefault().getPathMatcher("glob:" + withArgDefaults(copy[1], greeterImage));
    assertThat(built.stream().filter(file -> source.matches(Path.of(file))))
        .as("the JARs that %s copies", copies.get(0))
        .containsExactly(moduleJar);
  }

  @Test
  void rolesAndMasterHostFollowTheImageConvention() {
    JsonNode master = compose.path("services").path("master").path("environment");
    JsonNode worker = compose.path("services").path("worker").path("environment");
    assertThat(master.path("ROLE").asText()).isEqualTo("master");
    assertThat(worker.path("ROLE").asText()).isEqualTo("worker");
    assertThat(master.path("MASTER_HOST").asText()).isEqualTo("master");
    assertThat(worker.path("MASTER_HOST").asText()).isEqualTo("master");
    assertThat(Main.withRoleFromEnvironment(new String[0], Map.of("ROLE", "master")))
        .containsExactly("master");
    assertThat(Main.withRoleFromEnvironment(new String[0], Map.of("ROLE", "worker")))
        .containsExactly("worker");
    assertThat(LauncherConfiguration.fromEnvironment(Map.of("MASTER_HOST", "master")))
        .containsEntry("jobmanager.rpc.address", "master");
  }

  @Test
  void flinkPropertiesParseAndPointTheGreeterAtTheBroker() {
    Map<String, String> master =
        LauncherConfiguration.fromEnvironment(
            Map.of(
                "FLINK_PROPERTIES",
                compose
                    .path("services")
                    .path("master")
                    .path("environment")
                    .path("FLINK_PROPERTIES")
                    .asText()));
    assertThat(master)
        .containsEntry(
            "statefun.module.global-config." + GreeterModule.KAFKA_ADDRESS, "kafka:9092");
    Map<String, String> worker =
        LauncherConfiguration.fromEnvironment(
            Map.of(
                "FLINK_PROPERTIES",
                compose
                    .path("services")
                    .path("worker")
                    .path("environment")
                    .path("FLINK_PROPERTIES")
                    .asText()));
    assertThat(worker).containsKey("taskmanager.numberOfTaskSlots");
  }

  @Test
  void masterPublishesTheRestPortTheImageExposesAndTheConfigUses() {
    String restPort = config.getString("rest.port", null);
    assertThat(compose.path("services").path("master").path("ports").get(0).asText())
        .isEqualTo(restPort + ":" + restPort);
    String expose =
        baseImage.stream().filter(l -> l.startsWith("EXPOSE ")).findFirst().orElseThrow();
    assertThat(expose.substring("EXPOSE ".length()).split(" "))
        .contains(
            restPort,
            config.getString("jobmanager.rpc.port", null),
            config.getString("blob.server.port", null));
  }

  @Test
  void workersPublishTheGreetersHttpPortOnAHostRangeSoThatTheyScale() {
    Map<String, String> master =
        LauncherConfiguration.fromEnvironment(
            Map.of(
                "FLINK_PROPERTIES",
                compose
                    .path("services")
                    .path("master")
                    .path("environment")
                    .path("FLINK_PROPERTIES")
                    .asText()));
    String httpPort = master.get("statefun.module.global-config." + GreeterModule.HTTP_PORT);
    assertThat(httpPort).isEqualTo("8090");
    List<String> published = new ArrayList<>();
    compose
        .path("services")
        .path("worker")
        .path("ports")
        .forEach(port -> published.add(port.asText()));
    assertThat(published).containsExactly("8090-8093:" + httpPort);
    assertThat(env(baseImage, "STATEFUN_BIND_HOST"))
        .as("the ingress binds the launcher's bind host, reachable from outside the container")
        .isEqualTo("0.0.0.0");
    assertThat(compose.path("services").path("master").path("ports").toString())
        .as("the master runs no ingress subtask")
        .doesNotContain(httpPort);
  }

  @Test
  void masterAndWorkersShareTheCheckpointVolumeAtTheDefaultCheckpointFolder() {
    String statefunHome = env(baseImage, "STATEFUN_HOME");
    assertThat(statefunHome).isEqualTo("/opt/statefun");
    Configuration defaults = new Configuration();
    ClusterDefaults.common(defaults, Path.of(statefunHome));
    String checkpoints =
        Path.of(java.net.URI.create(defaults.getString("execution.checkpointing.dir", null)))
            .toString();
    for (String service : List.of("master", "worker")) {
      assertThat(compose.path("services").path(service).path("volumes").get(0).asText())
          .isEqualTo("checkpoints:" + checkpoints);
    }
    assertThat(names(compose.path("volumes"))).containsExactly("checkpoints");
    assertThat(baseImage).contains("VOLUME [\"" + checkpoints + "\"]");
    assertThat(env(baseImage, "STATEFUN_MODULES"))
        .isEqualTo(LaunchOptions.IMAGE_MODULES.toString());
  }

  private static String env(List<String> dockerfile, String name) {
    for (String line : dockerfile) {
      Matcher m = Pattern.compile("\\b" + name + "=(\\S+)").matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no ENV " + name + " in the Dockerfile");
  }

  /** {@code text} with each {@code ${NAME}} replaced by the default of {@code ARG NAME=...}. */
  private static String withArgDefaults(String text, List<String> dockerfile) {
    Matcher reference = Pattern.compile("\\$\\{(\\w+)}").matcher(text);
    StringBuilder result = new StringBuilder();
    while (reference.find()) {
      String name = reference.group(1);
      String value =
          dockerfile.stream()
              .filter(l -> l.startsWith("ARG " + name + "="))
              .map(l -> l.substring(("ARG " + name + "=").length()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ARG " + name + "=... in the Dockerfile"));
      reference.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    return reference.appendTail(result).toString();
  }

  /** The greeter POM's version: its own, else its parent's. */
  private static String greeterVersion() {
    Element project;
    try {
      project =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(ROOT.resolve("examples/greeter/pom.xml").toFile())
              .getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError("cannot read examples/greeter/pom.xml", e);
    }
    Element version = child(project, "version");
    if (version == null) {
      version = child(child(project, "parent"), "version");
    }
    return version.getTextContent().strip();
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode read(Path file) {
    try {
      return new YAMLMapper().readTree(file.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::strip).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

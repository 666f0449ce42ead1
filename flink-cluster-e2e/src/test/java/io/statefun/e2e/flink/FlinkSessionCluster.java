package io.statefun.e2e.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Flink 2.2 standalone session cluster as Flink's scripts start one, but from the Maven artifacts
 * of {@code flink-dist}'s parts: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and a
 * TaskManager ({@code TaskManagerRunner}, with the resource settings {@code taskmanager.sh} gets
 * from {@code BashJavaUtils}) as OS processes, and Flink's CLI ({@code CliFrontend}) with {@code
 * FLINK_CONF_DIR}. Their class path is {@code target/flink-cluster.classpath}: Flink and a logging
 * binding, nothing of this project.
 */
final class FlinkSessionCluster implements AutoCloseable {
  static final Duration LIMIT = Duration.ofMinutes(3);

  /** Flink's own {@code env.java.opts.all} default: Flink reflects into these JDK packages. */
  static final List<String> JDK_OPENS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private static final String BASH_JAVA_UTILS_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
  private static final Pattern SUBMITTED = Pattern.compile("JobID ([0-9a-f]{32})");
  private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

  private final Path work;
  private final Path conf;
  private final String classPath;
  private final int restPort;
  private final List<Process> processes = new ArrayList<>();
  private int cliRuns;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private FlinkSessionCluster(Path work, Path conf, String classPath, int restPort) {
    this.work = work;
    this.conf = conf;
    this.classPath = classPath;
    this.restPort = restPort;
  }

  /** Flink's class path, as the build wrote it; fails if any of this project's JARs is on it. */
  static String classPath() throws IOException {
    Path file =
        Path.of(System.getProperty("flink.cluster.classpath", "target/flink-cluster.classpath"));
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "Run through Maven (./mvnw verify): " + file + " is written in pre-integration-test");
    }
    String classPath = Files.readString(file).strip();
    assertThat(Arrays.asList(classPath.split(java.io.File.pathSeparator)))
        .as("the Flink cluster's class path")
        .noneMatch(jar -> Path.of(jar).getFileName().toString().startsWith("statefun"))
        .anyMatch(jar -> Path.of(jar).getFileName().toString().startsWith("flink-runtime-2"));
    return classPath;
  }

  /**
   * Starts a JobManager and one TaskManager with {@code slots} slots, checkpoints into {@code
   * checkpoints}, and waits until the TaskManager has registered.
   */
  static FlinkSessionCluster start(Path work, int slots, Map<String, String> extraConfiguration)
      throws Exception {
    Path conf = Files.createDirectories(work.resolve("conf"));
    int restPort = freePort();
    Map<String, String> config = new java.util.LinkedHashMap<>();
    config.put("jobmanager.rpc.address", "127.0.0.1");
    config.put("jobmanager.rpc.port", String.valueOf(freePort()));
    config.put("jobmanager.bind-host", "127.0.0.1");
    config.put("jobmanager.memory.process.size", "1g");
    config.put("rest.address", "127.0.0.1");
    config.put("rest.bind-address", "127.0.0.1");
    config.put("rest.port", String.valueOf(restPort));
    config.put("blob.server.port", String.valueOf(freePort()));
    config.put("taskmanager.host", "127.0.0.1");
    config.put("taskmanager.bind-host", "127.0.0.1");
    config.put("taskmanager.numberOfTaskSlots", String.valueOf(slots));
    config.put("taskmanager.memory.process.size", "1600m");
    config.put("io.tmp.dirs", Files.createDirectories(work.resolve("tmp")).toString());
    config.putAll(extraConfiguration);
    Files.writeString(
        conf.resolve("config.yaml"),
        config.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")));
    Files.writeString(conf.resolve("logback.xml"), LOGBACK);

    FlinkSessionCluster cluster = new FlinkSessionCluster(work, conf, classPath(), restPort);
    try {
      cluster.startJobManager();
      cluster.startTaskManager();
      cluster.await(
          "a registered TaskManager at " + cluster.restBase(),
          () -> {
            JsonNode taskManagers = cluster.getJson("/taskmanagers");
            return taskManagers != null && taskManagers.path("taskmanagers").size() == 1;
          });
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private void startJobManager() throws IOException {
    List<String> command = java("jobmanager");
    command.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
    command.addAll(List.of("--configDir", conf.toString()));
    start(command, "jobmanager.log");
  }

  private void startTaskManager() throws Exception {
    // what taskmanager.sh does: BashJavaUtils computes the memory settings, JVM and Flink options
    List<String> utils = java("bash-java-utils");
    utils.add("org.apache.flink.runtime.util.bash.BashJavaUtils");
    utils.addAll(List.of("GET_TM_RESOURCE_PARAMS", "--configDir", conf.toString()));
    CliResult resources = runToEnd(utils, "bash-java-utils.log", conf);
    List<String> results =
        resources
            .output()
            .lines()
            .filter(line -> line.startsWith(BASH_JAVA_UTILS_RESULT))
            .map(line -> line.substring(BASH_JAVA_UTILS_RESULT.length()).strip())
            .toList();
    assertThat(results).as("BashJavaUtils' output:\n" + resources.output()).hasSize(2);
    List<String> command = java("taskmanager");
    command.addAll(1, Arrays.asList(results.get(0).split(" +")));
    command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
    command.addAll(List.of("--configDir", conf.toString()));
    command.addAll(Arrays.asList(results.get(1).split(" +")));
    start(command, "taskmanager.log");
  }

  /** {@code flink ARGS}: Flink's CLI against this cluster, to its end. */
  CliResult flink(String... args) throws Exception {
    return flink(conf, args);
  }

  private CliResult flink(Path confDir, String... args) throws Exception {
    List<String> command = java("cli");
    command.add("org.apache.flink.client.cli.CliFrontend");
    command.addAll(List.of(args));
    return runToEnd(command, "cli-" + (++cliRuns) + "-" + args[0] + ".log", confDir);
  }

  /** {@code flink run -d ARGS}; returns the id of the submitted job. */
  String submit(String... args) throws Exception {
    List<String> run = new ArrayList<>(List.of("run", "-d"));
    run.addAll(List.of(args));
    CliResult result = flink(run.toArray(String[]::new));
    Matcher id = SUBMITTED.matcher(result.output());
    assertThat(result.exitCode() == 0 && id.find())
        .as("flink " + String.join(" ", run) + " submits a job; its output:\n" + result.output())
        .isTrue();
    String jobId = id.group(1);
    await("job " + jobId + " RUNNING", () -> "RUNNING".equals(jobState(jobId)));
    return jobId;
  }

  /** {@code flink stop --savepointPath DIR JOB}: the savepoint; the job ends FINISHED. */
  Path stopWithSavepoint(String jobId, Path savepoints) throws Exception {
    Path savepoint = stop(conf, jobId, savepoints);
    await("job " + jobId + " FINISHED", () -> "FINISHED".equals(jobState(jobId)));
    return savepoint;
  }

  /**
   * {@code flink stop --savepointPath DIR} of the one running job of another Flink cluster, the one
   * whose REST API is on {@code restPort} (a {@code statefun master}); the savepoint.
   */
  Path stopWithSavepointAt(int otherRestPort, Path savepoints) throws Exception {
    String[] running = new String[1];
    await(
        "a running job at REST port " + otherRestPort,
        () -> {
          JsonNode overview = getJson(otherRestPort, "/jobs/overview");
          for (JsonNode job : overview == null ? List.<JsonNode>of() : overview.path("jobs")) {
            if (job.path("state").asText().equals("RUNNING")) {
              running[0] = job.path("jid").asText();
              return true;
            }
          }
          return false;
        });
    Path otherConf = Files.createDirectories(work.resolve("conf-rest-" + otherRestPort));
    Files.writeString(
        otherConf.resolve("config.yaml"),
        "rest.address: 127.0.0.1\nrest.port: " + otherRestPort + "\n");
    Files.copy(conf.resolve("logback.xml"), otherConf.resolve("logback.xml"));
    return stop(otherConf, running[0], savepoints);
  }

  private Path stop(Path confDir, String jobId, Path savepoints) throws Exception {
    CliResult result =
        flink(confDir, "stop", "--savepointPath", savepoints.toUri().toString(), jobId);
    Matcher path = SAVEPOINT.matcher(result.output());
    assertThat(result.exitCode() == 0 && path.find())
        .as("flink stop takes a savepoint; its output:\n" + result.output())
        .isTrue();
    Path savepoint = Path.of(URI.create(path.group(1)));
    assertThat(savepoint.resolve("_metadata")).exists();
    return savepoint;
  }

  /** {@code flink cancel JOB}, then waits until the job is CANCELED. */
  void cancel(String jobId) throws Exception {
    CliResult result = flink("cancel", jobId);
    assertThat(result.exitCode()).as("flink cancel; its output:\n" + result.output()).isZero();
    await("job " + jobId + " CANCELED", () -> "CANCELED".equals(jobState(jobId)));
  }

  String jobState(String jobId) {
    JsonNode job = getJson("/jobs/" + jobId);
    return job == null ? null : job.path("state").asText();
  }

  /** The log of the TaskManager, for failure messages. */
  String taskManagerLog() {
    return log("taskmanager.log");
  }

  String log(String name) {
    try {
      return Files.readString(work.resolve(name));
    } catch (IOException e) {
      return "(no " + name + ": " + e + ")";
    }
  }

  private String restBase() {
    return "http://127.0.0.1:" + restPort;
  }

  private JsonNode getJson(String path) {
    return getJson(restPort, path);
  }

  private JsonNode getJson(int port, String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    } catch (IOException e) {
      return null; // not up yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private List<String> java(String role) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JDK_OPENS);
    command.add("-Dlogback.configurationFile=" + conf.resolve("logback.xml"));
    command.add("-Dlog.file=" + work.resolve(role + ".log"));
    command.add("-Djava.io.tmpdir=" + work.resolve("tmp"));
    if (!role.equals("taskmanager")) {
      command.add("-Xmx512m");
    }
    command.addAll(List.of("-cp", classPath));
    return command;
  }

  private ProcessBuilder processBuilder(List<String> command, String log, Path confDir) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(log).toFile());
    builder.environment().put("FLINK_CONF_DIR", confDir.toString());
    return builder;
  }

  private void start(List<String> command, String log) throws IOException {
    processes.add(processBuilder(command, log, conf).start());
  }

  private CliResult runToEnd(List<String> command, String log, Path confDir) throws Exception {
    Process process = processBuilder(command, log, confDir).start();
    if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after " + LIMIT + ": " + command);
    }
    return new CliResult(process.exitValue(), this.log(log));
  }

  void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Timed out waiting for " + what + "; the TaskManager's log:\n" + taskManagerLog());
      }
      Thread.sleep(100); // polling interval, not a wait for an outcome
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    processes.clear();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a CLI run printed, and how it exited. */
  record CliResult(int exitCode, String output) {}

  private static final String LOGBACK =
      """
      <configuration>
        <appender name="console" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="io.statefun" level="INFO"/>
        <logger name="org.apache.flink.client.cli" level="INFO"/>
        <root level="WARN"><appender-ref ref="console"/></root>
      </configuration>
      """;
}

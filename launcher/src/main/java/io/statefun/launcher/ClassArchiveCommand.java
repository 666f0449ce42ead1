package io.statefun.launcher;

import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.module.ModuleDirectory;
import io.statefun.runtime.module.ModuleDirectoryScanner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code statefun class-archive}: the work that makes the class-data-sharing archive {@code
 * lib/statefun.jsa}. {@code bin/statefun} runs this command in a JVM that writes the classes it
 * loaded into the archive when it exits; later JVMs map them instead of loading them. The work: a
 * built-in job (Kafka ingress and exactly-once egress, an HTTP ingress, a remote function; nothing
 * needs to be reachable) on a local cluster, one HTTP request, a few seconds of running, a cancel.
 */
@Command(
    name = "class-archive",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes the class-data-sharing archive lib/statefun.jsa, which makes every later start",
      "of this distribution faster (the build and the image run it; run it again after",
      "changing lib/ or the JVM). It runs a built-in job on a local cluster for a few",
      "seconds; nothing it talks to needs to exist."
    })
final class ClassArchiveCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ClassArchiveCommand.class);
  private static final Duration RUNNING_FOR = Duration.ofSeconds(4);
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);

  @Override
  public Integer call() throws Exception {
    boolean archiving =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="));
    if (!archiving) {
      throw new LauncherException(
          "class-archive only works through bin/statefun, which gives the JVM the archive's"
              + " options");
    }
    Path work = Files.createTempDirectory("statefun-class-archive-");
    try {
      run(work);
    } finally {
      deleteRecursively(work);
    }
    return 0;
  }

  private static void run(Path work) throws Exception {
    int httpPort = freePort();
    Path module = Files.createDirectories(work.resolve("modules/warm-up"));
    Files.writeString(module.resolve("module.yaml"), moduleYaml(httpPort, freePort()));
    List<ModuleDirectory> modules = ModuleDirectoryScanner.scan(work.resolve("modules"));

    Configuration configuration = new Configuration();
    configuration.setString("rest.port", "0");
    configuration.setString(
        "execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
    configuration.setString(StatefunOptions.JOB_NAME.key(), "statefun-class-archive");
    ClusterDefaults.local(configuration);
    ClusterDefaults.common(configuration, work);

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(configuration);
    StatefunJob.assemble(env, modules, configuration);
    JobClient job = env.executeAsync(configuration.get(StatefunOptions.JOB_NAME));
    try {
      awaitRunning(job);
      sendOneRequest(httpPort);
      Thread.sleep(RUNNING_FOR.toMillis()); // the work whose classes are recorded: let it run
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    LOG.info("Recorded the classes of a job's start; the JVM writes the archive as it exits");
  }

  private static String moduleYaml(int httpPort, int closedPort) {
    String nowhere = "127.0.0.1:" + closedPort;
    return """
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: warm-up/*
          urlPathTemplate: http://%s/{function.name}
        ---
        kind: io.statefun.kafka.v1/ingress
        spec:
          id: warm-up/in
          address: %s
          consumerGroupId: warm-up
          topics:
            - topic: in
              valueType: io.statefun.types/string
              targets: [warm-up/function]
        ---
        kind: io.statefun.kafka.v1/egress
        spec:
          id: warm-up/out
          address: %s
          deliverySemantic:
            type: exactly-once
            transactionTimeout: 15min
        ---
        kind: io.statefun.http.v1/ingress
        spec:
          id: warm-up/http
          port: %d
          targets: [warm-up/*]
          replyAfter: invoke
        """
        .formatted(nowhere, nowhere, nowhere, httpPort);
  }

  private static void awaitRunning(JobClient job) throws Exception {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (job.getJobStatus().get() != JobStatus.RUNNING) {
      if (System.nanoTime() > deadline || job.getJobStatus().get().isTerminalState()) {
        throw new LauncherException(
            "The class-archive job did not start: " + job.getJobStatus().get());
      }
      Thread.sleep(50);
    }
  }

  /** Through the HTTP ingress to the (absent) remote function: the request path's classes. */
  private static void sendOneRequest(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/warm-up/function/a/send"))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString("hello"))
            .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notServingYet) {
        sleepQuietly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}

package io.statefun.kafka.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka node in KRaft mode (broker and controller) running in this JVM, listening on 127.0.0.1
 * only, on two free ports, with its logs in a fresh temporary directory that {@link #close()}
 * deletes. Replication factors are 1 and transactions work (the transaction timeout limit is
 * Kafka's default, 15 minutes).
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *   kafka.createTopic("names", 2);
 *   String bootstrapServers = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final int START_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final Path directory;
  private final String bootstrapServers;

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path directory, String bootstrapServers) {
    this.server = server;
    this.directory = directory;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts a broker on free ports and returns once it answers metadata requests. */
  public static EmbeddedKafkaBroker start() throws Exception {
    return start(0);
  }

  /**
   * Starts a broker whose client listener is on {@code port} (0: a free port) and returns once it
   * answers metadata requests.
   */
  public static EmbeddedKafkaBroker start(int port) throws Exception {
    Exception last = null;
    // a free port found by the OS may be taken by someone else before the broker binds it
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path directory = Files.createTempDirectory("kafka-");
      try {
        return startIn(directory, port == 0 ? freePort() : port, freePort());
      } catch (Exception e) {
        last = e;
        deleteRecursively(directory);
        LOG.warn(
            "Starting the embedded Kafka broker failed (attempt {}): {}", attempt, e.toString());
        if (port != 0) {
          break;
        }
      }
    }
    throw last;
  }

  private static EmbeddedKafkaBroker startIn(Path directory, int clientPort, int controllerPort)
      throws Exception {
    String logDir = directory.resolve("log").toString();
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setClusterId(Uuid.randomUuid().toString())
        .setNodeId(NODE_ID)
        .setDirectories(List.of(logDir))
        .setMetadataLogDirectory(logDir)
        .setControllerListenerName("CONTROLLER")
        .setReleaseVersion(MetadataVersion.latestProduction())
        .run();

    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir);
    props.put("metadata.log.dir", logDir);
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "4");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.partitions", "1");
    props.put("auto.create.topics.enable", "true");

    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    String bootstrapServers = HOST + ":" + clientPort;
    try {
      server.startup();
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, directory, bootstrapServers);
      broker.awaitReady(Duration.ofSeconds(60));
      LOG.info("Embedded Kafka broker ready at {} (logs in {})", bootstrapServers, directory);
      return broker;
    } catch (Exception e) {
      shutdownQuietly(server);
      throw e;
    }
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates a topic (if it does not exist yet) and waits until its partitions have leaders. */
  public void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = admin()) {
      try {
        admin
            .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        try {
          var description =
              admin
                  .describeTopics(List.of(topic))
                  .allTopicNames()
                  .get(10, TimeUnit.SECONDS)
                  .get(topic);
          if (description.partitions().stream()
              .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
            return;
          }
        } catch (ExecutionException notYetKnown) {
          // metadata not propagated yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Topic " + topic + " has no leader after 30 s");
        }
        TimeUnit.MILLISECONDS.sleep(20); // polling interval of the leader check
      }
    }
  }

  /** An admin client for this broker; close it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  private void awaitReady(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    try (Admin admin = admin()) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException notReady) {
          // the broker is still joining its own controller quorum
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "The Kafka broker at " + bootstrapServers + " is not ready after " + limit);
        }
        TimeUnit.MILLISECONDS.sleep(20); // polling interval of the readiness check
      }
    }
  }

  @Override
  public void close() {
    shutdownQuietly(server);
    deleteRecursively(directory);
    LOG.info("Embedded Kafka broker at {} stopped", bootstrapServers);
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Stopping the embedded Kafka broker failed: {}", e.toString());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", directory, e.toString());
    }
  }
}

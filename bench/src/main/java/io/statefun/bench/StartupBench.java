package io.statefun.bench;

import io.statefun.kafka.testing.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * W7 (start) and W8 (restore), each on a fresh KRaft broker: the greeter ({@code examples/greeter}
 * in the distribution, {@code bin/statefun local}) next to the same job as plain Flink ({@link
 * PlainFlinkGreeter}), each a process of its own with RocksDB and exactly-once checkpoints every
 * second. W7: one name waits in Kafka; the time from process start to its greeting committed
 * ({@code read_committed}). W8: names stream in (2,000 a second) until 6,000 greetings are
 * committed, the process is SIGKILLed, a marker name is sent, and the process starts again from its
 * newest checkpoint ({@code statefun local --state-dir} finds it itself; plain Flink is given it):
 * the time from that start to the marker's greeting committed.
 */
final class StartupBench {
  private static final Path DISTRIBUTION = Path.of("launcher/target/flink-statefun");
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final String MARKER = "restore-marker";

  private final int runs;
  private final List<String> rows;

  StartupBench(int runs, List<String> rows) {
    this.runs = runs;
    this.rows = rows;
  }

  void run() throws Exception {
    if (!Files.isExecutable(DISTRIBUTION.resolve("bin/statefun"))) {
      throw new IllegalStateException(
          DISTRIBUTION + " is missing: bench/run.sh packages it (-pl launcher)");
    }
    System.out.printf("%-8s %-9s %14s %13s%n", "workload", "system", "median s", "(min-max)");
    for (String workload : List.of("W7", "W8")) {
      Spread flink = measure(workload, false);
      Spread statefun = measure(workload, true);
      print(workload, "flink", flink, Double.NaN);
      print(workload, "statefun", statefun, statefun.median() / flink.median());
    }
  }

  private Spread measure(String workload, boolean statefun) throws Exception {
    double[] seconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      seconds[i] = workload.equals("W7") ? start(statefun) : restore(statefun);
      System.err.printf(
          Locale.ROOT,
          "run %s %s: %.2f s%n",
          workload,
          statefun ? "statefun" : "flink",
          seconds[i]);
    }
    return Spread.of(seconds);
  }

  /** W7: seconds from process start to the one waiting name's greeting committed. */
  private double start(boolean statefun) throws Exception {
    Path dir = Files.createTempDirectory("statefun-bench-start");
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
        Greetings greetings = new Greetings(createTopics(kafka))) {
      try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
        producer.send(new ProducerRecord<>("names", "alice", "alice")).get();
      }
      long started = System.nanoTime();
      Process process = launch(statefun, kafka.bootstrapServers(), dir, null, "start.log");
      try {
        return (greetings.awaitKey("alice", LIMIT, process) - started) / 1e9;
      } finally {
        stop(process);
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  /** W8: seconds from the restart after a SIGKILL to the greeting of a name sent after it. */
  private double restore(boolean statefun) throws Exception {
    Path dir = Files.createTempDirectory("statefun-bench-restore");
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
        Greetings greetings = new Greetings(createTopics(kafka));
        KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
      Process first = launch(statefun, kafka.bootstrapServers(), dir, null, "first.log");
      AtomicBoolean feeding = new AtomicBoolean(true);
      Thread feeder = feed(producer, feeding);
      try {
        greetings.awaitCount(6_000, LIMIT, first);
      } finally {
        first.destroyForcibly().waitFor(); // SIGKILL, mid-stream
        feeding.set(false);
        feeder.join();
      }
      producer.send(new ProducerRecord<>("names", MARKER, MARKER)).get();
      String checkpoint = statefun ? null : newestCheckpoint(dir.resolve("checkpoints"));
      long started = System.nanoTime();
      Process second = launch(statefun, kafka.bootstrapServers(), dir, checkpoint, "second.log");
      try {
        return (greetings.awaitKey(MARKER, LIMIT, second) - started) / 1e9;
      } finally {
        stop(second);
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private static String createTopics(EmbeddedKafkaBroker kafka) throws Exception {
    kafka.createTopic("names", 1);
    kafka.createTopic("greetings", 1);
    return kafka.bootstrapServers();
  }

  /** Names round robin over 10,000 ids, 100 every 50 ms, until told to stop. */
  private static Thread feed(KafkaProducer<String, String> producer, AtomicBoolean feeding) {
    Thread feeder =
        new Thread(
            () -> {
              long sent = 0;
              while (feeding.get()) {
                for (int i = 0; i < 100; i++, sent++) {
                  String name = "name-" + (sent % 10_000);
                  producer.send(new ProducerRecord<>("names", name, name));
                }
                try {
                  Thread.sleep(50); // the pace of the input, not a wait for a condition
                } catch (InterruptedException e) {
                  return;
                }
              }
              producer.flush();
            },
            "names-feeder");
    feeder.start();
    return feeder;
  }

  private static Process launch(
      boolean statefun, String bootstrap, Path dir, String checkpoint, String log)
      throws IOException {
    List<String> command = new ArrayList<>();
    if (statefun) {
      Path module = Files.createDirectories(dir.resolve("modules/greeter"));
      Files.copy(greeterJar(), module.resolve("greeter.jar"), StandardCopyOption.REPLACE_EXISTING);
      command.addAll(
          List.of(
              DISTRIBUTION.resolve("bin/statefun").toString(),
              "local",
              "--modules",
              dir.resolve("modules").toString(),
              "--state-dir",
              dir.toString(),
              "-D",
              "rest.port=" + freePort(),
              "-D",
              "statefun.module.global-config.kafka-address=" + bootstrap));
    } else {
      command.addAll(
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              PlainFlinkGreeter.class.getName(),
              bootstrap,
              dir.resolve("checkpoints").toUri().toString()));
      if (checkpoint != null) {
        command.add(checkpoint);
      }
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("STATEFUN_HOME");
    return builder.start();
  }

  /** The greeter module's JAR as the build made it (not its Flink-job variant). */
  private static Path greeterJar() throws IOException {
    try (Stream<Path> jars = Files.list(Path.of("examples/greeter/target"))) {
      return jars.filter(
              jar -> {
                String name = jar.getFileName().toString();
                return name.startsWith("statefun-example-greeter-")
                    && name.endsWith(".jar")
                    && !name.contains("flink-job")
                    && !name.contains("tests");
              })
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("examples/greeter is not packaged"));
    }
  }

  /** The newest retained checkpoint (one with {@code _metadata}) under {@code checkpoints}. */
  private static String newestCheckpoint(Path checkpoints) throws IOException {
    try (Stream<Path> files = Files.walk(checkpoints)) {
      return files
          .filter(file -> file.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .max(Comparator.comparingLong(StartupBench::checkpointNumber))
          .map(path -> path.toUri().toString())
          .orElseThrow(() -> new IllegalStateException("no complete checkpoint in " + checkpoints));
    }
  }

  private static long checkpointNumber(Path chk) {
    String name = chk.getFileName().toString();
    return name.startsWith("chk-") ? Long.parseLong(name.substring(4)) : -1;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private void print(String workload, String system, Spread seconds, double ratio) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %-9s %14.2f %13s%n",
        workload,
        system,
        seconds.median(),
        String.format(Locale.ROOT, "(%.2f-%.2f)", seconds.min(), seconds.max()));
    rows.add(
        String.format(
            Locale.ROOT,
            "%s,rocksdb,%s,,,%s,,,true,,,,,%.3f",
            workload,
            system,
            Double.isNaN(ratio) ? "1.000" : String.format(Locale.ROOT, "%.3f", ratio),
            seconds.median()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** The committed greetings, read as they come: how many, and when each name first arrived. */
  private static final class Greetings implements AutoCloseable {
    private final AtomicLong count = new AtomicLong();
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final Thread reader;

    Greetings(String bootstrap) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      reader =
          new Thread(
              () -> {
                try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                  List<TopicPartition> partition = List.of(new TopicPartition("greetings", 0));
                  consumer.assign(partition);
                  consumer.seekToBeginning(partition);
                  while (reading.get()) {
                    for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(20))) {
                      long now = System.nanoTime();
                      firstArrival.putIfAbsent(
                          new String(record.key(), StandardCharsets.UTF_8), now);
                      count.incrementAndGet();
                    }
                  }
                }
              },
              "greetings-reader");
      reader.setDaemon(true);
      reader.start();
    }

    long awaitKey(String key, Duration limit, Process process) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (!firstArrival.containsKey(key)) {
        check(deadline, process, "the greeting of " + key);
        Thread.sleep(5);
      }
      return firstArrival.get(key);
    }

    void awaitCount(long atLeast, Duration limit, Process process) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (count.get() < atLeast) {
        check(deadline, process, atLeast + " greetings (have " + count.get() + ")");
        Thread.sleep(20);
      }
    }

    private static void check(long deadline, Process process, String what) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no " + what + (process.isAlive() ? " in time" : ": the process exited"));
      }
    }

    @Override
    public void close() throws InterruptedException {
      reading.set(false);
      reader.join(5_000);
    }
  }
}

package io.statefun.http.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.RecordingMetricReporter;
import io.statefun.runtime.testing.TestClusters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once for HTTP callers: concurrent clients send entries to {@link LedgerModule}'s ledgers
 * at parallelism 2 (so replies cross subtasks), each entry with its own {@code Idempotency-Key},
 * and retry on every error and on their own random timeouts (abandoning the connection) until they
 * get an answer; some send an answered entry once more. Meanwhile functions throw at random points,
 * so Flink restarts from the last checkpoint again and again, and the HTTP servers go down and come
 * back with the tasks. At the end every entry must appear exactly once in the ledgers' committed
 * state and in the Kafka egress read {@code read_committed}, every answer must be the one the
 * committed state and Kafka show, and all the answers to one key must be the same.
 */
class IdempotentRequestsUnderFailuresIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final Logger LOG =
      LoggerFactory.getLogger(IdempotentRequestsUnderFailuresIT.class);
  private static final String JOB = "ledger-http";
  private static final String TOPIC = "ledger-entries";
  private static final int LEDGERS = 12;
  private static final int ENTRIES = 300;
  private static final int CLIENTS = 16;
  private static final int FAILURES = 4;
  private static final Duration LIMIT = Duration.ofMinutes(2);

  /** One entry: its ledger and its idempotency key, which is also its text. */
  private record Entry(String ledger, String key) {}

  /** What the clients saw. */
  private static final class Outcomes {
    final Map<String, List<String>> answersByKey = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> attemptsByOutcome = new ConcurrentHashMap<>();
    final List<Long> answeredAttemptMillis = Collections.synchronizedList(new ArrayList<>());
    final List<Long> untilAnsweredMillis = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger repeats = new AtomicInteger();

    void count(String outcome) {
      attemptsByOutcome.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
    }

    int attempts() {
      return attemptsByOutcome.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  @Test
  void everyEntryTakesEffectOnceInStateAndKafkaAndEveryAnswerIsTheCommittedOne() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    KAFKA.broker().createTopic(TOPIC, 2);
    LedgerModule.INVOCATIONS.set(0);
    LedgerModule.FAILURES.set(0);
    LedgerModule.FAIL_AT.clear();
    while (LedgerModule.FAIL_AT.size() < FAILURES) {
      LedgerModule.FAIL_AT.add(ENTRIES / 10 + random.nextInt(ENTRIES - ENTRIES / 10));
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      entries.add(new Entry("ledger-" + random.nextInt(LEDGERS), "entry-" + i));
    }
    int port = freePort();
    Outcomes outcomes = new Outcomes();
    Map<String, List<String>> ledgers = new TreeMap<>();
    List<ConsumerRecord<byte[], byte[]>> records;
    long started = System.nanoTime();
    try (RunningApplication app =
        new Harness()
            .withoutModuleDiscovery()
            .withModule(LedgerModule.class)
            .withModuleYaml(
                "module.yaml",
                """
                kind: io.statefun.http.v1/ingress
                spec:
                  id: test/ledger-http
                  port: %d
                  targets: [test/ledger]
                  replyTimeout: 5s
                """
                    .formatted(port))
            .withParallelism(2)
            .withStateBackend("rocksdb")
            .withCheckpointInterval(Duration.ofMillis(200))
            .withConfiguration("statefun.job-name", JOB)
            .withConfiguration("restart-strategy.type", "fixed-delay")
            .withConfiguration("restart-strategy.fixed-delay.attempts", "100")
            .withConfiguration("restart-strategy.fixed-delay.delay", "100 ms")
            .withGlobalConfiguration("ledger.topic", TOPIC)
            .withGlobalConfiguration("ledger.kafka", KAFKA.bootstrapServers())
            .start()) {
      ConcurrentLinkedQueue<Entry> work = new ConcurrentLinkedQueue<>(entries);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          long clientSeed = random.nextLong();
          running.add(
              clients.submit(() -> runClient(port, work, new Random(clientSeed), outcomes)));
        }
        for (Future<?> client : running) {
          client.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        // answered after the checkpoint that holds them: the committed ledgers
        HttpClient reader = client();
        for (int i = 0; i < LEDGERS; i++) {
          String ledger = "ledger-" + i;
          String applied =
              answer(reader, port, ledger, LedgerModule.READ, null, new Random(i), null);
          ledgers.put(ledger, applied.isEmpty() ? List.of() : Arrays.asList(applied.split("\n")));
        }
      } finally {
        clients.shutdownNow();
      }
      records = KafkaTestClients.readCommitted(KAFKA.bootstrapServers(), TOPIC, ENTRIES, LIMIT);
      assertThat(app.status()).isEqualTo(JobStatus.RUNNING);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    report(seed, seconds, outcomes);

    assertThat(LedgerModule.FAILURES.get())
        .as("injected failures (seed %d)", seed)
        .isEqualTo(FAILURES);
    // in state: every entry once, in the ledger it was sent to
    Map<String, List<String>> expected = new TreeMap<>();
    for (int i = 0; i < LEDGERS; i++) {
      expected.put("ledger-" + i, new ArrayList<>());
    }
    entries.forEach(entry -> expected.get(entry.ledger()).add(entry.key()));
    ledgers.forEach(
        (ledger, applied) ->
            assertThat(applied)
                .as("%s (seed %d)", ledger, seed)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.get(ledger)));
    // every answer to a key is the same, and says where the committed state has the entry
    Set<String> answers = new HashSet<>();
    for (Entry entry : entries) {
      List<String> answered = outcomes.answersByKey.get(entry.key());
      assertThat(answered).as("answers to %s", entry.key()).isNotEmpty();
      assertThat(new HashSet<>(answered)).as("answers to %s", entry.key()).hasSize(1);
      int position = ledgers.get(entry.ledger()).indexOf(entry.key()) + 1;
      assertThat(answered.get(0)).isEqualTo(entry.ledger() + ":" + entry.key() + ":" + position);
      answers.add(answered.get(0));
    }
    // in Kafka, committed: every entry once, as answered
    List<String> written = records.stream().map(KafkaTestClients::value).toList();
    assertThat(written).as("Kafka (seed %d)", seed).hasSize(ENTRIES).doesNotHaveDuplicates();
    assertThat(new HashSet<>(written)).isEqualTo(answers);
    assertThat(RecordingMetricReporter.sum(JOB, "idempotentRepeats"))
        .as("requests answered from the dedup record")
        .isPositive();
  }

  /** Takes entries until none is left; each is sent until answered, some once more after. */
  private static void runClient(
      int port, ConcurrentLinkedQueue<Entry> work, Random random, Outcomes outcomes) {
    HttpClient http = client();
    Entry entry;
    while ((entry = work.poll()) != null) {
      long start = System.nanoTime();
      String first = answer(http, port, entry.ledger(), entry.key(), entry.key(), random, outcomes);
      outcomes.untilAnsweredMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      List<String> answered = new ArrayList<>(List.of(first));
      if (random.nextInt(4) == 0) {
        outcomes.repeats.incrementAndGet();
        answered.add(
            answer(http, port, entry.ledger(), entry.key(), entry.key(), random, outcomes));
      }
      outcomes.answersByKey.put(entry.key(), answered);
    }
  }

  /**
   * Posts until the answer is {@code 200}: after an error status, a refused connection or its own
   * timeout (250 ms to 3 s, so some requests are abandoned while in progress), the client tries
   * again with the same key.
   */
  private static String answer(
      HttpClient http,
      int port,
      String ledger,
      String body,
      String key,
      Random random,
      Outcomes outcomes) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/ledger/" + ledger))
              .timeout(Duration.ofMillis(250 + random.nextInt(2750)))
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (key != null) {
        request.header("Idempotency-Key", key);
      }
      long start = System.nanoTime();
      String outcome;
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          if (outcomes != null) {
            outcomes.count("200");
            outcomes.answeredAttemptMillis.add(
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
          }
          return response.body();
        }
        outcome = String.valueOf(response.statusCode());
      } catch (HttpTimeoutException e) {
        outcome = "client timeout";
      } catch (IOException e) {
        outcome = "connection error";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      if (outcomes != null) {
        outcomes.count(outcome);
      }
      // the server may be down for a restart: retry once it accepts connections again
      Await.until("the ingress accepting connections", LIMIT, () -> accepting(port));
    }
    throw new AssertionError("no answer to " + body + " at " + ledger + " within " + LIMIT);
  }

  private static boolean accepting(int port) {
    try (java.net.Socket probe = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1))
        .build();
  }

  private static void report(long seed, long seconds, Outcomes outcomes) {
    LOG.info(
        "seed {}: {} entries by {} clients in {} s, {} injected failures; {} attempts {}, of them"
            + " {} deliberate repeats; latency of answered attempts p50 {} ms p99 {} ms max {} ms;"
            + " until an entry was answered p50 {} ms p99 {} ms max {} ms",
        seed,
        ENTRIES,
        CLIENTS,
        seconds,
        LedgerModule.FAILURES.get(),
        outcomes.attempts(),
        new TreeMap<>(outcomes.attemptsByOutcome),
        outcomes.repeats.get(),
        percentile(outcomes.answeredAttemptMillis, 50),
        percentile(outcomes.answeredAttemptMillis, 99),
        percentile(outcomes.answeredAttemptMillis, 100),
        percentile(outcomes.untilAnsweredMillis, 50),
        percentile(outcomes.untilAnsweredMillis, 99),
        percentile(outcomes.untilAnsweredMillis, 100));
  }

  private static long percentile(List<Long> values, int percent) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

package io.statefun.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Message;
import io.statefun.sdk.Types;
import io.statefun.sdk.remote.FunctionServer;
import io.statefun.sdk.remote.RequestReplyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ExactlyOnceUnderFailuresIT}'s random program with the counting functions remote (served
 * over HTTP on 127.0.0.1 by the SDK's function server) while an embedded entry function fails the
 * task at random points: state kept by the runtime for remote functions, batches in flight, and
 * their messages, delayed messages and cancellations must all come out exactly once.
 *
 * <p>Long pauses: some commands schedule a message due in 200 to 500 ms, send their cancel to
 * themselves, and take the endpoint down (500 to every call) for 1 to 2 s, so the cancel's batch
 * retries past the due time; each restart waits 1 s, so delayed messages pending at a failure are
 * overdue at the restore. Every cancel is sent before its due time, so no cancelled message may
 * arrive.
 */
class RemoteExactlyOnceUnderFailuresIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final int ADDRESSES = 16;
  private static final int COMMANDS = 1500;
  private static final int FAILURES = 3;
  private static final int OUTAGES = 3;

  @Test
  void remoteStateAndMessagesSurviveRestartsExactlyOnce() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Map<String, Integer> expected = new TreeMap<>();
    List<Message> program =
        FuzzProgram.generate(random, RemoteFuzzModule.ENTRY, ADDRESSES, COMMANDS, false, expected);
    FuzzProgram.scatterLongPauses(
        random, program, RemoteFuzzModule.ENTRY, ADDRESSES, "OUTAGECANCEL", OUTAGES);
    int expectedTotal = expected.values().stream().mapToInt(Integer::intValue).sum();
    long cancels = FuzzProgram.cancels(program);

    FuzzModule.reset();
    while (FuzzModule.FAIL_AT.size() < FAILURES) {
      FuzzModule.FAIL_AT.add(COMMANDS / 10 + random.nextInt(COMMANDS * 8 / 10));
    }

    ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
    try (FunctionServer server =
            FunctionServer.builder(RequestReplyHandler.of(RemoteFuzzModule.REMOTE_SPEC))
                .bindAddress("127.0.0.1")
                .port(0)
                .start();
        RunningApplication app =
            new Harness()
                .withoutModuleDiscovery()
                .withModule(RemoteFuzzModule.class)
                .withModuleYaml("module.yaml", endpoint(server.port()))
                .withParallelism(2)
                .withCheckpointInterval(Duration.ofMillis(200))
                .withConfiguration("restart-strategy.type", "fixed-delay")
                .withConfiguration("restart-strategy.fixed-delay.attempts", "100")
                // longer than every short delay: pending at a failure means overdue at restore
                .withConfiguration("restart-strategy.fixed-delay.delay", "1 s")
                .withIngress(FuzzModule.INGRESS, program, 1000)
                .withEgress(FuzzModule.EGRESS, value -> reports.add(value.as(Types.STRING)))
                .start()) {
      Await.until(
          "every address to reach its expected count and every cancel to run (seed " + seed + ")",
          Duration.ofMinutes(2),
          () ->
              highest(reports).equals(expected)
                  && ExactlyOnceUnderFailuresIT.cancelsRun(reports) == cancels,
          () ->
              "expected "
                  + expected
                  + " but saw "
                  + highest(reports)
                  + "; cancels run "
                  + ExactlyOnceUnderFailuresIT.cancelsRun(reports)
                  + " of "
                  + cancels
                  + "; injected failures "
                  + FuzzModule.FAILURES.get());
    }

    System.out.printf(
        "remote exactly-once fuzz (seed %d): %d cancels, %d endpoint outages of 1-2 s,"
            + " %d restarts after 1 s%n",
        seed, cancels, FuzzModule.OUTAGES.size(), FuzzModule.FAILURES.get());
    assertThat(ExactlyOnceUnderFailuresIT.cancelledButDelivered(reports))
        .as("cancelled messages delivered (seed %d)", seed)
        .isEmpty();
    assertThat(FuzzModule.FAILURES.get()).as("injected failures").isEqualTo(FAILURES);
    assertThat(FuzzModule.OUTAGES).as("endpoint outages").hasSize(OUTAGES);
    assertThat(reports).as("reports (seed %d)", seed).doesNotHaveDuplicates();
    assertThat(reports.stream().filter(r -> r.contains("="))).hasSize(expectedTotal);
    // every failed or cancelled task closed its HTTP client: no event-loop thread is left behind
    Await.until(
        "the HTTP clients' threads to end with their tasks",
        Duration.ofSeconds(30),
        () -> httpClientThreads().isEmpty(),
        () -> "still running: " + httpClientThreads());
  }

  private static List<String> httpClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("statefun-http"))
        .toList();
  }

  private static Map<String, Integer> highest(Iterable<String> reports) {
    Map<String, Integer> highest = new TreeMap<>();
    for (int i = 0; i < ADDRESSES; i++) {
      highest.put(FuzzProgram.id(i), 0);
    }
    for (String report : reports) {
      int eq = report.indexOf('=');
      if (eq < 0) {
        continue; // a cancel's report
      }
      highest.merge(report.substring(0, eq), Integer.parseInt(report.substring(eq + 1)), Math::max);
    }
    return highest;
  }

  private static String endpoint(int port) {
    return """
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: fuzzremote/*
          urlPathTemplate: http://127.0.0.1:%d/{function.name}
          transport:
            type: io.statefun.transports.v1/async
            call: 30s
        """
        .formatted(port);
  }
}

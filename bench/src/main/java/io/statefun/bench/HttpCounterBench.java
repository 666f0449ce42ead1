package io.statefun.bench;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * W5: HTTP request/reply to a counter at a fixed concurrency (closed loop, {@link HttpLoad}), over
 * 1,000 ids. This runtime: an embedded counter ({@code bench/http-counter}) and a remote one
 * written with the official SDK ({@code bench/remote-http-counter}), each behind an HTTP ingress
 * answering after the checkpoint (the default) and one answering at once ({@code replyAfter:
 * invoke}); the default mode once per checkpoint interval asked for. Restate: its virtual-object
 * counter ({@link RestateCounter}), in the same run on the same machine, unless {@code --restate
 * false} or it cannot start (said in the output).
 */
final class HttpCounterBench {
  static final int KEYS = 1_000;

  private final List<Integer> concurrencies;
  private final List<Duration> checkpointIntervals;
  private final Duration warmup;
  private final Duration measured;
  private final List<String> rows;

  HttpCounterBench(
      List<Integer> concurrencies,
      List<Duration> checkpointIntervals,
      Duration warmup,
      Duration measured,
      List<String> rows) {
    this.concurrencies = concurrencies;
    this.checkpointIntervals = checkpointIntervals;
    this.warmup = warmup;
    this.measured = measured;
    this.rows = rows;
  }

  void run(boolean withRestate) throws Exception {
    System.out.printf(
        "%-34s %-8s %11s %12s %10s %10s %7s%n",
        "W5 cell", "system", "concurrency", "req/s", "p50 ms", "p99 ms", "errors");
    try (FunctionService remote = FunctionService.start("official")) {
      boolean first = true;
      for (Duration interval : checkpointIntervals) {
        runStatefun(remote, interval, first);
        first = false;
      }
    }
    if (withRestate) {
      RestateCounter restate;
      try {
        restate = RestateCounter.start();
      } catch (Exception e) {
        System.out.println("W5 Restate: could not run it here: " + e.getMessage());
        return;
      }
      try (restate) {
        for (int concurrency : concurrencies) {
          measure("restate", "restate", concurrency, restate::url);
        }
      }
    }
  }

  /** One job with both ingresses; the {@code invoke} cells only with the first interval. */
  private void runStatefun(FunctionService remote, Duration interval, boolean withInvoke)
      throws Exception {
    int afterCheckpoint = freePort();
    int atOnce = freePort();
    String yaml =
        """
        kind: io.statefun.http.v1/ingress
        spec:
          id: bench/http
          port: %d
          targets: [bench/*]
        ---
        kind: io.statefun.http.v1/ingress
        spec:
          id: bench/http-invoke
          port: %d
          targets: [bench/*]
          replyAfter: invoke
        ---
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: %s
          urlPathTemplate: %s/{function.name}
          transport:
            type: io.statefun.transports.v1/async
            call: 2m
        """
            .formatted(
                afterCheckpoint,
                atOnce,
                RemoteCounterService.REPLYING_TYPE.canonical(),
                remote.url());
    RunningApplication app =
        new Harness()
            .withoutModuleDiscovery()
            .withModule(BenchModule.class)
            .withModuleYaml("bench-http.yaml", yaml)
            .withParallelism(1)
            .withStateBackend("hashmap")
            .withCheckpointInterval(interval)
            .start();
    try (app) {
      awaitListening(afterCheckpoint);
      awaitListening(atOnce);
      String every = interval.toMillis() + "ms";
      for (int concurrency : concurrencies) {
        measure(
            "embedded checkpoint " + every,
            "statefun",
            concurrency,
            key -> url(afterCheckpoint, BenchModule.HTTP_COUNTER.canonical(), key));
        measure(
            "remote checkpoint " + every,
            "statefun",
            concurrency,
            key -> url(afterCheckpoint, RemoteCounterService.REPLYING_TYPE.canonical(), key));
        if (withInvoke) {
          measure(
              "embedded invoke",
              "statefun",
              concurrency,
              key -> url(atOnce, BenchModule.HTTP_COUNTER.canonical(), key));
          measure(
              "remote invoke",
              "statefun",
              concurrency,
              key -> url(atOnce, RemoteCounterService.REPLYING_TYPE.canonical(), key));
        }
      }
    }
  }

  private void measure(
      String cell, String system, int concurrency, java.util.function.IntFunction<URI> urls)
      throws InterruptedException {
    HttpLoad.Result result = HttpLoad.run(urls, KEYS, concurrency, warmup, measured);
    System.out.printf(
        Locale.ROOT,
        "%-34s %-8s %11d %,12.0f %10.1f %10.1f %7d%n",
        "W5 " + cell,
        system,
        concurrency,
        result.perSecond(),
        result.p50Millis(),
        result.p99Millis(),
        result.errors());
    rows.add(
        String.format(
            Locale.ROOT,
            "W5 %s c%d,hashmap,%s,%.0f,,,%.1f,%.1f,%s,,,,",
            cell,
            concurrency,
            system,
            result.perSecond(),
            result.p50Millis(),
            result.p99Millis(),
            result.errors() == 0));
  }

  private static URI url(int port, String function, int key) {
    return URI.create("http://127.0.0.1:" + port + "/" + function + "/k" + key);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the HTTP ingress on port " + port + " never opened");
        }
        Thread.sleep(100);
      }
    }
  }
}

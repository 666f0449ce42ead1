package io.statefun.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs the matrix workload × state backend × system, each cell as warm-up runs then measured runs,
 * plain Flink and this runtime alternating (medians reported; the ratio is the median of the runs'
 * ratios), prints a table and writes a CSV. W6 runs on RocksDB only, over its own 1,000,000 ids.
 *
 * <p>Options: {@code --workloads W1,W2,W4,W6 --backends hashmap,rocksdb --messages auto
 * --min-window 3 --keys 10000 --warmups 2 --runs 3 --csv bench/target/results.csv --flink true
 * --remote true} ({@code --flink false} skips the plain Flink runs, e.g. while profiling; {@code
 * --remote false} skips W3, the remote function workload; {@code --sdks ours,official}, {@code
 * --unpaced false} and {@code --pace 0} pick W3's runs; {@code --fresh-service true} starts a new
 * function service JVM for every run, as the StateFun 3.3.0 anchor did, instead of one per cell);
 * {@code --http true --http-concurrency 1,32,128 --http-intervals 1000,20 --http-warmup 5
 * --http-seconds 15 --restate true} pick W5, HTTP request/reply ({@link HttpCounterBench}). {@code
 * --messages auto} sizes each embedded cell by calibration runs of plain Flink so that its steady
 * window lasts at least {@code --min-window} seconds; a number forces that size on every cell. The
 * ratio column is the median of the pairs' ratios, with their smallest and largest next to it.
 */
public final class BenchmarkMain {

  public static void main(String[] args) throws Exception {
    List<Workload> workloads = List.of(Workload.values());
    List<String> backends = List.of("hashmap", "rocksdb");
    long messages = 0; // 0: sized per cell by a calibration of plain Flink
    double minWindowSeconds = 3;
    long keys = 10_000;
    int warmups = 2;
    int runs = 3;
    Path csv = Path.of("bench/target/results.csv");
    boolean withFlink = true;
    boolean withRemote = true;
    int pace = 5_000;
    int pacedMessages = 50_000;
    List<String> sdks = List.of("ours", "official");
    boolean unpacedRemote = true;
    boolean freshService = false;
    boolean withHttp = true;
    List<Integer> httpConcurrencies = List.of(1, 32, 128);
    List<Duration> httpIntervals = List.of(Duration.ofMillis(1000), Duration.ofMillis(20));
    Duration httpWarmup = Duration.ofSeconds(5);
    Duration httpMeasured = Duration.ofSeconds(15);
    boolean withRestate = true;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--workloads" ->
            workloads =
                value.equals("none")
                    ? List.of()
                    : Arrays.stream(value.split(","))
                        .map(w -> Workload.valueOf(w.trim().toUpperCase(Locale.ROOT)))
                        .toList();
        case "--backends" -> backends = List.of(value.split(","));
        case "--messages" -> messages = value.equals("auto") ? 0 : Long.parseLong(value);
        case "--min-window" -> minWindowSeconds = Double.parseDouble(value);
        case "--keys" -> keys = Long.parseLong(value);
        case "--warmups" -> warmups = Integer.parseInt(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--csv" -> csv = Path.of(value);
        case "--flink" -> withFlink = Boolean.parseBoolean(value);
        case "--remote" -> withRemote = Boolean.parseBoolean(value);
        case "--pace" -> pace = Integer.parseInt(value);
        case "--paced-messages" -> pacedMessages = Integer.parseInt(value);
        case "--sdks" -> sdks = List.of(value.split(","));
        case "--unpaced" -> unpacedRemote = Boolean.parseBoolean(value);
        case "--fresh-service" -> freshService = Boolean.parseBoolean(value);
        case "--http" -> withHttp = Boolean.parseBoolean(value);
        case "--http-concurrency" ->
            httpConcurrencies = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
        case "--http-intervals" ->
            httpIntervals =
                Arrays.stream(value.split(","))
                    .map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                    .toList();
        case "--http-warmup" -> httpWarmup = Duration.ofSeconds(Long.parseLong(value));
        case "--http-seconds" -> httpMeasured = Duration.ofSeconds(Long.parseLong(value));
        case "--restate" -> withRestate = Boolean.parseBoolean(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<String> rows = new ArrayList<>();
    rows.add(
        "workload,backend,system,steady_msgs_per_sec,from_start_msgs_per_sec,ratio_to_flink,p50_ms,p99_ms,verified"
            + ",messages,ratio_min,ratio_max,alloc_bytes_per_msg");
    System.out.printf(
        "%-8s %-8s %-9s %12s %14s %14s %6s %13s %8s %10s %9s%n",
        "workload",
        "backend",
        "system",
        "messages",
        "steady msg/s",
        "from-start",
        "ratio",
        "(min-max)",
        "B/msg",
        "peak heap",
        "verified");
    for (Workload workload : workloads) {
      for (String backend : backends) {
        if (!workload.runsOn(backend)) {
          continue;
        }
        long cellKeys = workload.keys(keys);
        long cellMessages =
            messages > 0 ? messages : calibrate(workload, backend, cellKeys, minWindowSeconds);
        JobRunner runner = new JobRunner(cellMessages, cellKeys, Duration.ofMinutes(5));
        // warm-ups of both, then measured runs in pairs (plain Flink, this runtime): a machine
        // whose speed drifts over minutes then changes both sides of a ratio alike
        List<RunResult> flinkRuns = new ArrayList<>();
        List<RunResult> statefunRuns = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < warmups; i++) {
          if (withFlink) {
            runner.run(workload, backend, false);
          }
          runner.run(workload, backend, true);
        }
        for (int i = 0; i < runs; i++) {
          RunResult plain = withFlink ? runner.run(workload, backend, false) : null;
          RunResult ours = runner.run(workload, backend, true);
          statefunRuns.add(ours);
          if (plain != null) {
            flinkRuns.add(plain);
            ratios.add(ours.steady() / plain.steady());
          }
        }
        Median flink = withFlink ? Median.of(flinkRuns) : Median.NONE;
        Median statefun = Median.of(statefunRuns);
        Spread ratio = Spread.of(ratios.stream().mapToDouble(Double::doubleValue).toArray());
        Spread one = new Spread(1, 1, 1);
        print(workload, backend, "flink", cellMessages, flink, one);
        print(workload, backend, "statefun", cellMessages, statefun, ratio);
        rows.add(row(workload, backend, "flink", cellMessages, flink, one));
        rows.add(row(workload, backend, "statefun", cellMessages, statefun, ratio));
      }
    }
    if (withRemote) {
      remote(sdks, backends, unpacedRemote, freshService, warmups, runs, pace, pacedMessages, rows);
    }
    if (withHttp) {
      new HttpCounterBench(httpConcurrencies, httpIntervals, httpWarmup, httpMeasured, rows)
          .run(withRestate);
    }
    write(csv, rows);
    System.out.println("wrote " + csv);
    System.exit(0);
  }

  /**
   * The messages a cell needs for plain Flink's steady window to last {@code minSeconds}: plain
   * Flink runs on a first guess, then on the size its measured rate asks for, until a run is long
   * enough (these runs also warm the JVM up).
   */
  private static long calibrate(Workload workload, String backend, long keys, double minSeconds)
      throws Exception {
    long size = InputSize.messagesFor(backend.equals("rocksdb") ? 300_000 : 3_000_000, 0.2, keys);
    for (int attempt = 1; ; attempt++) {
      RunResult probe =
          new JobRunner(size, keys, Duration.ofMinutes(5)).run(workload, backend, false);
      if (!probe.verified()) {
        throw new IllegalStateException(
            "calibration run of plain Flink " + workload + " " + backend + " failed its check");
      }
      boolean enough = InputSize.longEnough(size, probe.steady(), minSeconds);
      System.err.printf(
          Locale.ROOT,
          "calibration %s %s: %,d messages, steady window %.2f s%s%n",
          workload,
          backend,
          size,
          size / probe.steady(),
          enough ? "" : " (short)");
      if (enough || attempt == 4) {
        return size;
      }
      size = Math.max(size, InputSize.messagesFor(probe.steady(), minSeconds, keys));
    }
  }

  /**
   * W3: 200,000 messages over 1,000 ids to a remote counter in its own JVM, unpaced (throughput)
   * and paced at 5,000 a second (50,000 messages; latency), once per SDK.
   */
  private static void remote(
      List<String> sdks,
      List<String> backends,
      boolean unpacedRuns,
      boolean freshService,
      int warmups,
      int runs,
      int pace,
      int pacedMessages,
      List<String> rows)
      throws Exception {
    JobRunner unpaced = new JobRunner(200_000, 1_000, Duration.ofMinutes(5));
    JobRunner paced = new JobRunner(pacedMessages, 1_000, Duration.ofMinutes(5));
    for (String sdk : sdks) {
      for (String backend : unpacedRuns ? backends : List.<String>of()) {
        Median m = measureRemote(unpaced, sdk, backend, 0, freshService, warmups, runs);
        printRemote("W3-" + sdk, backend, m);
        rows.add(remoteRow("W3-" + sdk, backend, m));
      }
      if (pace <= 0) {
        continue;
      }
      Median m = measureRemote(paced, sdk, "hashmap", pace, freshService, warmups, runs);
      printRemote("W3-" + sdk + "-paced", "hashmap", m);
      rows.add(remoteRow("W3-" + sdk + "-paced", "hashmap", m));
    }
  }

  /**
   * A cell of W3: warm-up and measured runs, each a fresh job, against one function service (a
   * long-running service), or with {@code fresh} a new service JVM per run (as the anchor did).
   */
  private static Median measureRemote(
      JobRunner runner,
      String sdk,
      String backend,
      int perSecond,
      boolean fresh,
      int warmups,
      int runs)
      throws Exception {
    FunctionService shared = fresh ? null : FunctionService.start(sdk);
    try {
      List<RunResult> results = new ArrayList<>();
      for (int i = 0; i < warmups + runs; i++) {
        FunctionService service = fresh ? FunctionService.start(sdk) : shared;
        try {
          RunResult result = runner.runRemote(service, backend, perSecond);
          if (i >= warmups) {
            results.add(result);
          }
        } finally {
          if (fresh) {
            service.close();
          }
        }
      }
      return Median.of(results);
    } finally {
      if (shared != null) {
        shared.close();
      }
    }
  }

  private static void printRemote(String workload, String backend, Median m) {
    System.out.printf(
        Locale.ROOT,
        "%-17s %-8s %,14.0f %,14.0f  p50 %,9.1f ms  p99 %,9.1f ms %8d MB %6s%n",
        workload,
        backend,
        m.steady,
        m.fromStart,
        m.p50,
        m.p99,
        m.peakHeapMb,
        m.verified);
  }

  private static String remoteRow(String workload, String backend, Median m) {
    return String.format(
        Locale.ROOT,
        "%s,%s,statefun,%.0f,%.0f,,%.1f,%.1f,%s,,,,%.0f",
        workload,
        backend,
        m.steady,
        m.fromStart,
        m.p50,
        m.p99,
        m.verified,
        m.allocatedBytesPerMessage);
  }

  private static void print(
      Workload workload, String backend, String system, long messages, Median m, Spread ratio) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %-8s %-9s %,12d %,14.0f %,14.0f %6.2f %13s %8.0f %7d MB %9s%n",
        workload,
        backend,
        system,
        messages,
        m.steady,
        m.fromStart,
        ratio.median(),
        String.format(Locale.ROOT, "(%.2f-%.2f)", ratio.min(), ratio.max()),
        m.allocatedBytesPerMessage,
        m.peakHeapMb,
        m.verified);
  }

  private static String row(
      Workload workload, String backend, String system, long messages, Median m, Spread ratio) {
    return String.format(
        Locale.ROOT,
        "%s,%s,%s,%.0f,%.0f,%.3f,,,%s,%d,%.3f,%.3f,%.0f",
        workload,
        backend,
        system,
        m.steady,
        m.fromStart,
        ratio.median(),
        m.verified,
        messages,
        ratio.min(),
        ratio.max(),
        m.allocatedBytesPerMessage);
  }

  private static void write(Path csv, List<String> rows) throws IOException {
    Files.createDirectories(csv.toAbsolutePath().getParent());
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
      rows.forEach(out::println);
    }
  }

  /** The medians of a cell's measured runs; verified only if every run was. */
  private record Median(
      double steady,
      double fromStart,
      long peakHeapMb,
      boolean verified,
      double p50,
      double p99,
      double allocatedBytesPerMessage) {
    static final Median NONE =
        new Median(Double.NaN, Double.NaN, 0, false, Double.NaN, Double.NaN, Double.NaN);

    static Median of(List<RunResult> results) {
      return new Median(
          median(results.stream().mapToDouble(RunResult::steady).toArray()),
          median(results.stream().mapToDouble(RunResult::fromStart).toArray()),
          results.stream().map(RunResult::peakHeapMb).max(Comparator.naturalOrder()).orElse(0L),
          results.stream().allMatch(RunResult::verified),
          median(results.stream().mapToDouble(RunResult::p50Millis).toArray()),
          median(results.stream().mapToDouble(RunResult::p99Millis).toArray()),
          median(results.stream().mapToDouble(RunResult::allocatedBytesPerMessage).toArray()));
    }

    private static double median(double[] values) {
      return Spread.of(values).median();
    }
  }
}

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
 * ratios), prints a table and writes a CSV.
 *
 * <p>Options: {@code --workloads W1,W2,W4 --backends hashmap,rocksdb --messages 1000000 --keys
 * 10000 --warmups 2 --runs 3 --csv bench/target/results.csv --flink true --remote true} ({@code
 * --flink false} skips the plain Flink runs, e.g. while profiling; {@code --remote false} skips W3,
 * the remote function workload; {@code --sdks ours,official}, {@code --unpaced false} and {@code
 * --pace 0} pick W3's runs; {@code --fresh-service true} starts a new function service JVM for
 * every run, as the StateFun 3.3.0 anchor did, instead of one per cell).
 */
public final class BenchmarkMain {

  public static void main(String[] args) throws Exception {
    List<Workload> workloads = List.of(Workload.values());
    List<String> backends = List.of("hashmap", "rocksdb");
    long messages = 1_000_000;
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
        case "--messages" -> messages = Long.parseLong(value);
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
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    JobRunner runner = new JobRunner(messages, keys, Duration.ofMinutes(5));
    List<String> rows = new ArrayList<>();
    rows.add(
        "workload,backend,system,steady_msgs_per_sec,from_start_msgs_per_sec,ratio_to_flink,p50_ms,p99_ms,verified");
    System.out.printf(
        "%-8s %-8s %-9s %14s %14s %8s %10s %9s%n",
        "workload",
        "backend",
        "system",
        "steady msg/s",
        "from-start",
        "ratio",
        "peak heap",
        "verified");
    for (Workload workload : workloads) {
      for (String backend : backends) {
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
        Median flink =
            withFlink
                ? Median.of(flinkRuns)
                : new Median(Double.NaN, Double.NaN, 0, false, Double.NaN, Double.NaN);
        Median statefun = Median.of(statefunRuns);
        double ratio =
            withFlink
                ? Median.median(ratios.stream().mapToDouble(Double::doubleValue).toArray())
                : Double.NaN;
        print(workload, backend, "flink", flink, 1.0);
        print(workload, backend, "statefun", statefun, ratio);
        rows.add(row(workload, backend, "flink", flink, 1.0));
        rows.add(row(workload, backend, "statefun", statefun, ratio));
      }
    }
    if (withRemote) {
      remote(sdks, backends, unpacedRemote, freshService, warmups, runs, pace, pacedMessages, rows);
    }
    write(csv, rows);
    System.out.println("wrote " + csv);
    System.exit(0);
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
        "%s,%s,statefun,%.0f,%.0f,,%.1f,%.1f,%s",
        workload,
        backend,
        m.steady,
        m.fromStart,
        m.p50,
        m.p99,
        m.verified);
  }

  private static void print(
      Workload workload, String backend, String system, Median m, double ratio) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %-8s %-9s %,14.0f %,14.0f %8.2f %8d MB %9s%n",
        workload,
        backend,
        system,
        m.steady,
        m.fromStart,
        ratio,
        m.peakHeapMb,
        m.verified);
  }

  private static String row(
      Workload workload, String backend, String system, Median m, double ratio) {
    return String.format(
        Locale.ROOT,
        "%s,%s,%s,%.0f,%.0f,%.3f,,,%s",
        workload,
        backend,
        system,
        m.steady,
        m.fromStart,
        ratio,
        m.verified);
  }

  private static void write(Path csv, List<String> rows) throws IOException {
    Files.createDirectories(csv.toAbsolutePath().getParent());
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
      rows.forEach(out::println);
    }
  }

  /** The medians of a cell's measured runs; verified only if every run was. */
  private record Median(
      double steady, double fromStart, long peakHeapMb, boolean verified, double p50, double p99) {
    static Median of(List<RunResult> results) {
      return new Median(
          median(results.stream().mapToDouble(RunResult::steady).toArray()),
          median(results.stream().mapToDouble(RunResult::fromStart).toArray()),
          results.stream().map(RunResult::peakHeapMb).max(Comparator.naturalOrder()).orElse(0L),
          results.stream().allMatch(RunResult::verified),
          median(results.stream().mapToDouble(RunResult::p50Millis).toArray()),
          median(results.stream().mapToDouble(RunResult::p99Millis).toArray()));
    }

    static double median(double[] values) {
      Arrays.sort(values);
      return values[values.length / 2];
    }
  }
}

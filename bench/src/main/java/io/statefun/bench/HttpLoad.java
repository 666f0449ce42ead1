package io.statefun.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load (W5): {@code concurrency} clients, each sending its next {@code POST}
 * when the previous one is answered, to a random one of {@code keys} ids; a warm-up, then a
 * measured window whose answers count. HTTP/1.1 with keep-alive (the JDK client's connection pool),
 * the same client for every system.
 */
final class HttpLoad {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** Answers per second in the measured window, latency percentiles, and non-200 answers. */
  record Result(double perSecond, double p50Millis, double p99Millis, long errors) {}

  private HttpLoad() {}

  static Result run(
      IntFunction<URI> urlOfKey, int keys, int concurrency, Duration warmup, Duration measured)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Client client = new Client(urlOfKey, keys, measureFrom, measureUntil);
      client.start();
      clients.add(client);
    }
    long answers = 0;
    long errors = 0;
    long[] latencies = new long[0];
    for (Client client : clients) {
      client.join();
      answers += client.answers;
      errors += client.errors;
      long[] mine = Arrays.copyOf(client.latencies, client.answers);
      long[] merged = Arrays.copyOf(latencies, latencies.length + mine.length);
      System.arraycopy(mine, 0, merged, latencies.length, mine.length);
      latencies = merged;
    }
    Arrays.sort(latencies);
    return new Result(
        answers / (measured.toNanos() / 1e9),
        percentileMillis(latencies, 0.5),
        percentileMillis(latencies, 0.99),
        errors);
  }

  private static double percentileMillis(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
  }

  /** One client: request, wait for the answer, repeat until the window closes. */
  private static final class Client extends Thread {
    private final IntFunction<URI> urlOfKey;
    private final int keys;
    private final long measureFrom;
    private final long measureUntil;
    long[] latencies = new long[1024];
    int answers;
    long errors;

    Client(IntFunction<URI> urlOfKey, int keys, long measureFrom, long measureUntil) {
      super("http-load");
      this.urlOfKey = urlOfKey;
      this.keys = keys;
      this.measureFrom = measureFrom;
      this.measureUntil = measureUntil;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (System.nanoTime() < measureUntil) {
        HttpRequest request =
            HttpRequest.newBuilder(urlOfKey.apply(ThreadLocalRandom.current().nextInt(keys)))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        long sent = System.nanoTime();
        int status;
        try {
          status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
          status = -1;
        }
        long answered = System.nanoTime();
        if (sent < measureFrom || answered > measureUntil) {
          continue;
        }
        if (status != 200) {
          errors++;
          continue;
        }
        if (answers == latencies.length) {
          latencies = Arrays.copyOf(latencies, answers * 2);
        }
        latencies[answers++] = answered - sent;
      }
    }
  }
}

package io.statefun.kafka.testing;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafkaBroker} as its own process, for local examples:
 *
 * <pre>
 * java -cp ... io.statefun.kafka.testing.EmbeddedKafkaBrokerMain [port] [topic:partitions ...]
 * </pre>
 *
 * Once the broker is ready it prints one line {@code BOOTSTRAP_SERVERS=127.0.0.1:<port>} to
 * standard output. It stops when its standard input ends (so it dies with a parent that started it
 * through a pipe) or when it is terminated.
 */
public final class EmbeddedKafkaBrokerMain {
  public static final String READY_PREFIX = "BOOTSTRAP_SERVERS=";

  private EmbeddedKafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    int port = 0;
    int firstTopic = 0;
    if (args.length > 0 && args[0].matches("\\d+")) {
      port = Integer.parseInt(args[0]);
      firstTopic = 1;
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "kafka-shutdown"));
    for (int i = firstTopic; i < args.length; i++) {
      String[] topic = args[i].split(":");
      broker.createTopic(topic[0], topic.length > 1 ? Integer.parseInt(topic[1]) : 1);
    }
    System.out.println(READY_PREFIX + broker.bootstrapServers());
    System.out.flush();

    InputStream in = System.in;
    while (in.read() != -1) {
      // anything written to us is ignored; the end of the stream means stop
    }
    System.exit(0); // runs the shutdown hook, which stops the broker
    stopped.await();
  }
}

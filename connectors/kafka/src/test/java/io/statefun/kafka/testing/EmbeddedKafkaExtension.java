package io.statefun.kafka.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedKafkaBroker} for a whole test class: started before the first test, stopped
 * after the last. Tests keep apart by using their own topics and consumer groups.
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 * ...
 * KAFKA.broker().createTopic("names", 2);
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedKafkaBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    broker = EmbeddedKafkaBroker.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  public EmbeddedKafkaBroker broker() {
    if (broker == null) {
      throw new IllegalStateException(
          "The embedded Kafka broker runs only while the test class runs");
    }
    return broker;
  }

  public String bootstrapServers() {
    return broker().bootstrapServers();
  }
}

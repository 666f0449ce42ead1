package io.statefun.kafka.yaml;

import io.statefun.kafka.KafkaEgressBuilder;
import io.statefun.kafka.KafkaEgressDeliverySemantic;
import io.statefun.runtime.module.ComponentBinder;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.util.TimeUtils;

/**
 * Binds {@code io.statefun.kafka.v1/egress}; functions send it {@code KafkaProducerRecord} values:
 *
 * <pre>{@code
 * kind: io.statefun.kafka.v1/egress
 * spec:
 *   id: example/greetings
 *   address: kafka:9092
 *   deliverySemantic:
 *     type: exactly-once
 *     transactionTimeout: 15min
 * }</pre>
 */
public final class KafkaEgressComponentBinder implements ComponentBinder<KafkaEgressYamlSpec> {
  public static final TypeName KIND = TypeName.parse("io.statefun.kafka.v1/egress");

  @Override
  public TypeName kind() {
    return KIND;
  }

  @Override
  public Class<KafkaEgressYamlSpec> specClass() {
    return KafkaEgressYamlSpec.class;
  }

  @Override
  public void bind(KafkaEgressYamlSpec spec, String where, Binder binder) {
    TypeName id;
    try {
      id = TypeName.parse(YamlProperties.require(spec.id(), "id"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'id': " + e.getMessage(), e);
    }
    KafkaEgressBuilder egress = KafkaEgressBuilder.forIdentifier(id);
    YamlProperties.read(spec.properties()).forEach(egress::withProperty);
    if (spec.address() != null) {
      egress.withKafkaAddress(spec.address());
    }
    if (spec.deliverySemantic() != null) {
      egress.withDeliverySemantic(deliverySemantic(spec.deliverySemantic()));
    }
    try {
      binder.bindEgress(egress.build());
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static KafkaEgressDeliverySemantic deliverySemantic(
      KafkaEgressYamlSpec.DeliverySemantic semantic) {
    String type =
        YamlProperties.require(semantic.type(), "deliverySemantic.type")
            .trim()
            .toLowerCase(Locale.ROOT);
    boolean timeoutGiven =
        semantic.transactionTimeout() != null || semantic.transactionTimeoutMillis() != null;
    if (!type.equals("exactly-once") && timeoutGiven) {
      throw new IllegalArgumentException(
          "'deliverySemantic.transactionTimeout' only goes with type exactly-once, not " + type);
    }
    return switch (type) {
      case "exactly-once" ->
          timeoutGiven
              ? KafkaEgressDeliverySemantic.exactlyOnce(transactionTimeout(semantic))
              : KafkaEgressDeliverySemantic.exactlyOnce();
      case "at-least-once" -> KafkaEgressDeliverySemantic.atLeastOnce();
      case "none" -> KafkaEgressDeliverySemantic.none();
      default ->
          throw new IllegalArgumentException(
              "'deliverySemantic.type' must be one of exactly-once, at-least-once, none; got '"
                  + semantic.type()
                  + "'");
    };
  }

  private static Duration transactionTimeout(KafkaEgressYamlSpec.DeliverySemantic semantic) {
    if (semantic.transactionTimeoutMillis() != null) {
      return positive(
          Duration.ofMillis(semantic.transactionTimeoutMillis()), "transactionTimeoutMillis");
    }
    try {
      return positive(TimeUtils.parseDuration(semantic.transactionTimeout()), "transactionTimeout");
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "'deliverySemantic.transactionTimeout' must be a duration like 15min or 60s, got '"
              + semantic.transactionTimeout()
              + "'");
    }
  }

  private static Duration positive(Duration duration, String field) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          "'deliverySemantic." + field + "' must be positive, got " + duration);
    }
    return duration;
  }
}

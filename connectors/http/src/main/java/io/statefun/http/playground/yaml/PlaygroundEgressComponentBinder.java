package io.statefun.http.playground.yaml;

import io.statefun.http.playground.PlaygroundEgressSpec;
import io.statefun.runtime.module.ComponentBinder;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Binds {@code io.statefun.playground.v1/egress}, as the StateFun playground examples write it:
 *
 * <pre>{@code
 * kind: io.statefun.playground.v1/egress
 * spec:
 *   port: 8091
 *   topics: [greetings]
 *   # unless set: bindHost $STATEFUN_BIND_HOST, else 127.0.0.1; maxRecordsPerTopic 100000
 * }</pre>
 */
public final class PlaygroundEgressComponentBinder
    implements ComponentBinder<PlaygroundEgressYamlSpec> {
  public static final TypeName KIND = TypeName.parse("io.statefun.playground.v1/egress");

  @Override
  public TypeName kind() {
    return KIND;
  }

  @Override
  public Class<PlaygroundEgressYamlSpec> specClass() {
    return PlaygroundEgressYamlSpec.class;
  }

  @Override
  public void bind(PlaygroundEgressYamlSpec spec, String where, Binder binder) {
    if (spec.port() == null) {
      throw new IllegalArgumentException("'port' is required");
    }
    if (spec.topics() == null || spec.topics().isEmpty()) {
      throw new IllegalArgumentException("'topics' must list at least one topic");
    }
    Set<String> topics = new LinkedHashSet<>();
    for (String topic : spec.topics()) {
      if (!topics.add(topic)) {
        throw new IllegalArgumentException("'topics' lists '" + topic + "' twice");
      }
    }
    PlaygroundEgressSpec egress = PlaygroundEgressSpec.of(spec.port(), topics);
    if (spec.bindHost() != null) {
      egress = egress.withBindHost(spec.bindHost());
    }
    if (spec.maxRecordsPerTopic() != null) {
      egress = egress.withMaxRecordsPerTopic(spec.maxRecordsPerTopic());
    }
    binder.bindEgress(egress);
  }
}

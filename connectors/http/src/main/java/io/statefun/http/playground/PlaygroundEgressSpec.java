package io.statefun.http.playground;

import io.statefun.http.BindHost;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The StateFun playground's egress ({@code io.statefun.playground.v1/egress}). Functions send it
 * values of type {@link #RECORD_TYPE}, the JSON {@code {"topic": "...", "payload": "..."}}; {@code
 * GET /{topic}} on its port takes the oldest payload of a topic, once the checkpoint that made the
 * record durable has completed. Each topic holds at most {@link #maxRecordsPerTopic()} records.
 * Immutable.
 *
 * <pre>{@code
 * binder.bindEgress(PlaygroundEgressSpec.of(8091, Set.of("greetings")));
 * }</pre>
 */
public final class PlaygroundEgressSpec implements EgressSpec, Serializable {
  private static final long serialVersionUID = 1L;

  /** The egress type that this connector implements. */
  public static final TypeName TYPE = TypeName.of("io.statefun.playground", "egress");

  /** The id functions send to. */
  public static final TypeName ID = TypeName.of("io.statefun.playground", "egress");

  /** The type of the values functions send. */
  public static final TypeName RECORD_TYPE = TypeName.of("io.statefun.playground", "EgressRecord");

  public static final String DEFAULT_BIND_HOST = BindHost.LOOPBACK;
  public static final int DEFAULT_MAX_RECORDS_PER_TOPIC = 100_000;

  private final int port;
  private final BindHost bindHost;
  private final SortedSet<String> topics;
  private final int maxRecordsPerTopic;

  private PlaygroundEgressSpec(
      int port, BindHost bindHost, SortedSet<String> topics, int maxRecordsPerTopic) {
    this.port = port;
    this.bindHost = bindHost;
    this.topics = topics;
    this.maxRecordsPerTopic = maxRecordsPerTopic;
  }

  /**
   * The egress on {@code $STATEFUN_BIND_HOST:port} (where the launcher's servers bind), else {@code
   * 127.0.0.1:port}, with these topics.
   *
   * @throws IllegalArgumentException for a port out of range, no topics, or a topic that is empty
   *     or has '/', '?' or a control character
   */
  public static PlaygroundEgressSpec of(int port, Set<String> topics) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
    Objects.requireNonNull(topics, "topics");
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("the playground egress needs at least one topic");
    }
    for (String topic : topics) {
      checkTopic(topic);
    }
    return new PlaygroundEgressSpec(
        port,
        BindHost.launchers(),
        java.util.Collections.unmodifiableSortedSet(new TreeSet<>(topics)),
        DEFAULT_MAX_RECORDS_PER_TOPIC);
  }

  /** This egress on another address. */
  public PlaygroundEgressSpec withBindHost(String bindHost) {
    return new PlaygroundEgressSpec(port, BindHost.fixed(bindHost), topics, maxRecordsPerTopic);
  }

  /** This egress with another bound on each topic. */
  public PlaygroundEgressSpec withMaxRecordsPerTopic(int maxRecordsPerTopic) {
    if (maxRecordsPerTopic < 1) {
      throw new IllegalArgumentException(
          "maxRecordsPerTopic must be at least 1, got " + maxRecordsPerTopic);
    }
    return new PlaygroundEgressSpec(port, bindHost, topics, maxRecordsPerTopic);
  }

  private static void checkTopic(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("a topic must not be empty");
    }
    if (topic.indexOf('/') >= 0
        || topic.indexOf('?') >= 0
        || topic.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "topic '" + topic + "' must not contain '/', '?' or control characters");
    }
  }

  @Override
  public TypeName id() {
    return ID;
  }

  @Override
  public TypeName type() {
    return TYPE;
  }

  public int port() {
    return port;
  }

  /** The address to bind, unless {@link #resolveBindHost()} finds another. */
  public String bindHost() {
    return bindHost.address();
  }

  /**
   * The address to bind, read where the server starts: the one set with {@link #withBindHost}, else
   * {@code $STATEFUN_BIND_HOST} when set there, else {@code 127.0.0.1}.
   */
  public String resolveBindHost() {
    return bindHost.resolve();
  }

  /** The topics, sorted. */
  public SortedSet<String> topics() {
    return topics;
  }

  /** The most records a topic holds; more are dropped, logged and counted. */
  public int maxRecordsPerTopic() {
    return maxRecordsPerTopic;
  }

  @Override
  public String toString() {
    return "PlaygroundEgressSpec{"
        + ID
        + " on "
        + bindHost
        + ":"
        + port
        + ", topics "
        + topics
        + ", at most "
        + maxRecordsPerTopic
        + " records each}";
  }
}

package io.statefun.http.playground.topics;

import java.util.Objects;

/**
 * A record for a topic of the playground egress: its payload as UTF-8 text.
 *
 * @param topic one of the egress's topics
 * @param payload what {@code GET /{topic}} answers
 */
public record TopicRecord(String topic, String payload) {
  public TopicRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
  }
}

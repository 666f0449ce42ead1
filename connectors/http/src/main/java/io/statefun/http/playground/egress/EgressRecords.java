package io.statefun.http.playground.egress;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefun.http.playground.PlaygroundEgressSpec;
import io.statefun.http.playground.topics.TopicRecord;
import io.statefun.sdk.TypedValue;
import java.io.IOException;
import java.util.Set;

/**
 * Reads the values functions send to the playground egress: {@code
 * io.statefun.playground/EgressRecord}, the JSON {@code {"topic": "...", "payload": "..."}} for one
 * of the egress's topics (a number or boolean payload is taken as its text). Stateless.
 */
final class EgressRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A value that is no record for this egress; the message says why. */
  static final class InvalidRecord extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidRecord(String message) {
      super(message, null, false, false);
    }
  }

  private EgressRecords() {}

  static TopicRecord read(TypedValue value, Set<String> topics) throws InvalidRecord {
    if (!value.typeName().equals(PlaygroundEgressSpec.RECORD_TYPE)) {
      throw new InvalidRecord(
          "a value of type "
              + value.typeName()
              + ", where "
              + PlaygroundEgressSpec.RECORD_TYPE
              + " is expected");
    }
    JsonNode json;
    try {
      json = JSON.readTree(value.value());
    } catch (JacksonException e) {
      throw new InvalidRecord("a record that is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidRecord("a record that cannot be read: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw new InvalidRecord("a record that is not a JSON object");
    }
    String topic = text(json, "topic");
    String payload = text(json, "payload");
    if (!topics.contains(topic)) {
      throw new InvalidRecord("a record for topic '" + topic + "', which is not one of " + topics);
    }
    return new TopicRecord(topic, payload);
  }

  private static String text(JsonNode record, String field) throws InvalidRecord {
    JsonNode node = record.get(field);
    if (node == null || !node.isValueNode() || node.isNull()) {
      throw new InvalidRecord("a record without a text '" + field + "'");
    }
    return node.asText();
  }
}

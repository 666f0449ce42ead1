package io.statefun.runtime.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.TypedValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * The fields of an address's JSON object: {@code "values"} ({@code {name: {"type": ..,
 * "value"|"base64": ..}}}), {@code "delayed"} (pending messages the address sent: due time, token,
 * target, message) and message lists ({@code [{"from": .., "message": ..}]}).
 */
@Internal
public final class AddressJson {
  private AddressJson() {}

  /** Puts {@code "values"}, in the map's order. */
  public static void putValues(ObjectNode node, Map<String, TypedValue> values) {
    ObjectNode object = node.putObject("values");
    values.forEach((name, value) -> object.set(name, TypedValueJson.toJson(value)));
  }

  /** Puts {@code "delayed"}: the messages by fire time (epoch milliseconds), in the map's order. */
  public static void putDelayed(ObjectNode node, Map<Long, List<DelayedMessage>> delayed) {
    ArrayNode array = node.putArray("delayed");
    delayed.forEach(
        (due, messages) -> {
          for (DelayedMessage message : messages) {
            ObjectNode entry = array.addObject();
            entry.put("due", Instant.ofEpochMilli(due).toString());
            entry.put("dueMillis", due);
            if (message.cancellationToken() == null) {
              entry.putNull("token");
            } else {
              entry.put("token", message.cancellationToken());
            }
            entry.put("target", message.envelope().target().toString());
            entry.set("message", TypedValueJson.toJson(message.envelope().payload()));
          }
        });
  }

  /** Puts a list of messages as {@code field}: each one's sender (null: an ingress) and value. */
  public static void putMessages(ObjectNode node, String field, List<Envelope> envelopes) {
    ArrayNode array = node.putArray(field);
    for (Envelope envelope : envelopes) {
      ObjectNode entry = array.addObject();
      entry.put("from", envelope.caller() == null ? null : envelope.caller().toString());
      entry.set("message", TypedValueJson.toJson(envelope.payload()));
    }
  }
}

package io.statefun.savepoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefun.runtime.delay.DelayedMessage;
import io.statefun.runtime.dispatch.IdempotencyRecord;
import io.statefun.runtime.inspect.AddressJson;
import io.statefun.runtime.inspect.TypedValueJson;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.TypeName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints address states: as JSON lines (one object per address, for {@code jq}), or as a table. A
 * JSON line of an address that holds only values is valid bootstrap input.
 */
public final class StateOutput {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StateOutput() {}

  /**
   * {@code {"function": .., "id": .., "values": {name: {"type": .., "value"|"base64": ..}}}}, plus,
   * when there are any, {@code "delayed"} (pending messages this address sent: due time, token,
   * target, value), {@code "inFlight"}, {@code "queued"} and {@code "inTransit"} (messages to it),
   * and {@code "idempotency"} (per reply type, each idempotency key's {@code "reply"} or the
   * request ids {@code "waiting"} for it).
   */
  public static String jsonLine(AddressState state) {
    ObjectNode node = NODES.objectNode();
    node.put("function", state.address().type().canonical());
    node.put("id", state.address().id());
    AddressJson.putValues(node, state.values());
    if (!state.delayed().isEmpty()) {
      AddressJson.putDelayed(node, state.delayed());
    }
    messages(node, "inFlight", state.inFlight());
    messages(node, "queued", state.backlog());
    messages(node, "inTransit", state.inTransit());
    if (!state.idempotency().isEmpty()) {
      ObjectNode byReplyType = node.putObject("idempotency");
      state
          .idempotency()
          .forEach(
              (replyType, records) -> {
                ObjectNode byKey = byReplyType.putObject(replyType.canonical());
                records.forEach(
                    (key, record) -> {
                      ObjectNode entry = byKey.putObject(key);
                      if (record instanceof IdempotencyRecord.Replied replied) {
                        entry.set("reply", TypedValueJson.toJson(replied.reply()));
                      } else {
                        waiters(record).forEach(entry.putArray("waiting")::add);
                      }
                    });
              });
    }
    return node.toString();
  }

  private static void messages(ObjectNode node, String field, List<Envelope> envelopes) {
    if (!envelopes.isEmpty()) {
      AddressJson.putMessages(node, field, envelopes);
    }
  }

  /** A table: one row per value, pending delayed message, queued message and idempotency key. */
  public static List<String> table(List<AddressState> states) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"FUNCTION", "ID", "VALUE", "TYPE", "CONTENT"});
    for (AddressState state : states) {
      String function = state.address().type().canonical();
      String id = state.address().id();
      state
          .values()
          .forEach(
              (name, value) ->
                  rows.add(
                      new String[] {
                        function,
                        id,
                        name,
                        value.typeName().canonical(),
                        TypedValueJson.display(value)
                      }));
      for (Map.Entry<Long, List<DelayedMessage>> due : state.delayed().entrySet()) {
        for (DelayedMessage message : due.getValue()) {
          rows.add(
              new String[] {
                function,
                id,
                "(delayed)",
                message.envelope().payload().typeName().canonical(),
                "due "
                    + Instant.ofEpochMilli(due.getKey())
                    + (message.cancellationToken() == null
                        ? ""
                        : " token " + message.cancellationToken())
                    + " to "
                    + message.envelope().target()
                    + ": "
                    + TypedValueJson.display(message.envelope().payload())
              });
        }
      }
      addMessages(rows, function, id, "(in flight)", state.inFlight());
      addMessages(rows, function, id, "(queued)", state.backlog());
      addMessages(rows, function, id, "(in transit)", state.inTransit());
      for (Map.Entry<TypeName, Map<String, IdempotencyRecord>> records :
          state.idempotency().entrySet()) {
        records
            .getValue()
            .forEach(
                (key, record) ->
                    rows.add(
                        new String[] {
                          function,
                          id,
                          "(idempotency key)",
                          records.getKey().canonical(),
                          key + ": " + describe(record)
                        }));
      }
    }
    int[] widths = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static void addMessages(
      List<String[]> rows, String function, String id, String kind, List<Envelope> envelopes) {
    for (Envelope envelope : envelopes) {
      rows.add(
          new String[] {
            function,
            id,
            kind,
            envelope.payload().typeName().canonical(),
            (envelope.caller() == null ? "from an ingress" : "from " + envelope.caller())
                + ": "
                + TypedValueJson.display(envelope.payload())
          });
    }
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String describe(IdempotencyRecord record) {
    return record instanceof IdempotencyRecord.Replied replied
        ? "replied " + TypedValueJson.display(replied.reply())
        : "in progress, " + waiters(record).size() + " waiting";
  }

  /** The requests waiting for the reply of a record that has none yet. */
  private static List<String> waiters(IdempotencyRecord record) {
    return ((IdempotencyRecord.InProgress) record).waiters();
  }
}

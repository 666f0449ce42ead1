package io.statefun.runtime.dispatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefun.runtime.admin.AdminProtocol;
import io.statefun.runtime.delay.DelayedMessages;
import io.statefun.runtime.dispatch.FunctionRegistry.LoadedFunction;
import io.statefun.runtime.inspect.AddressJson;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.state.FunctionState;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * Answers the live state endpoint's queries ({@link AdminProtocol}) at once, whether or not the
 * address has unfinished work: it reads what Flink state holds for the address and sends the JSON
 * answer to the query's caller. It never invokes a function, never writes state and never touches
 * the busy set or a backlog, so a query waits for nothing and changes nothing.
 *
 * <p>The values are those the last completed invocation wrote: an invocation in flight keeps its
 * changes to itself until it completes (the answer says whether one is in flight). A remote
 * function's values are the ones it has declared on this subtask since the task started.
 *
 * <p>Task thread only.
 */
final class AddressQueries {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String VALUES_AS_OF = "last completed invocation";

  private final KeyContext keys;
  private final FunctionRegistry functions;
  private final BusyAddresses busy;
  private final DelayedMessages delayed;
  private final MessageRouter router;
  private final int subtaskIndex;

  AddressQueries(
      KeyContext keys,
      FunctionRegistry functions,
      BusyAddresses busy,
      DelayedMessages delayed,
      MessageRouter router,
      int subtaskIndex) {
    this.keys = keys;
    this.functions = functions;
    this.busy = busy;
    this.delayed = delayed;
    this.router = router;
    this.subtaskIndex = subtaskIndex;
  }

  /** Answers {@code query} (one for which {@link AdminProtocol#isQuery} holds). */
  void answer(Envelope query) throws Exception {
    Address target = query.target();
    keys.setCurrentKey(target);
    ObjectNode answer = NODES.objectNode();
    answer.put("function", target.type().canonical());
    answer.put("id", target.id());
    LoadedFunction function = functions.get(target.type());
    TypeName kind = query.payload().typeName();
    TypeName answerType = AdminProtocol.ANSWER;
    if (function == null) {
      answer.put("error", "no module binds function " + target.type() + " (nor its namespace)");
      answerType = AdminProtocol.NOT_FOUND;
    } else if (kind.equals(AdminProtocol.VALUES_QUERY)) {
      AddressJson.putValues(answer, values(function.state()));
      answer.put("valuesAsOf", VALUES_AS_OF);
      answer.put("invocationInFlight", busy.isBusy(target));
      answer.put("subtask", subtaskIndex);
    } else if (kind.equals(AdminProtocol.PENDING_QUERY)) {
      AddressJson.putDelayed(answer, delayed.pending());
      AddressJson.putMessages(
          answer, "inFlight", busy.isBusy(target) ? busy.inFlightBatch() : List.of());
      AddressJson.putMessages(answer, "queued", queuedMessages());
      answer.put("invocationInFlight", busy.isBusy(target));
      answer.put("subtask", subtaskIndex);
    } else {
      answer.put("error", "unknown query " + kind);
      answerType = AdminProtocol.NOT_FOUND;
    }
    byte[] json = answer.toString().getBytes(StandardCharsets.UTF_8);
    router.send(new Envelope(query.caller(), target, new TypedValue(answerType, json)));
  }

  private static SortedMap<String, TypedValue> values(FunctionState state) {
    SortedMap<String, TypedValue> values = new TreeMap<>();
    for (int i = 0; i < state.size(); i++) {
      TypedValue value = state.readEncoded(i);
      if (value != null) {
        values.put(state.spec(i).name(), value);
      }
    }
    return values;
  }

  /** The backlog without the markers of delayed messages that came due (those show as delayed). */
  private List<Envelope> queuedMessages() throws Exception {
    List<Envelope> queued = new ArrayList<>();
    for (Envelope envelope : busy.queued()) {
      if (!DelayedMessages.isDueMarker(envelope)) {
        queued.add(envelope);
      }
    }
    return queued;
  }
}

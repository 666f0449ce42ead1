package io.statefun.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefun.runtime.admin.AdminProtocol;
import io.statefun.runtime.config.StatefunOptions.UndeliverablePolicy;
import io.statefun.runtime.feedback.FeedbackChannel;
import io.statefun.runtime.feedback.FeedbackChannels;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live state endpoint's queries on the dispatcher operator (Flink's operator test harness,
 * parallelism 1, {@link OperatorTestModule}): answered at once with the last completed values and
 * the pending messages, while the address has async work in flight, and without changing anything.
 */
class AddressQueriesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OutputTag<TypedValue> EGRESS =
      new OutputTag<>("egress-op/out", RuntimeTypes.TYPED_VALUE);
  private static final OutputTag<Envelope> ANSWERS =
      new OutputTag<>("replies-admin", RuntimeTypes.ENVELOPE);

  private KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> harness;
  private int queries;

  @BeforeEach
  void reset() {
    OperatorTestModule.reset();
  }

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aQueryIsAnsweredAtOnceWithTheLastCompletedValuesWhileAnInvocationIsInFlight()
      throws Exception {
    open();
    harness.setProcessingTime(0);
    send("a", "COUNT"); // completes: count = 1
    send("a", "AFTER 60000 remind a later");
    send("a", "ASYNC hold"); // in flight until the test completes it
    send("a", "COUNT"); // queued behind it

    JsonNode values = ask("a", AdminProtocol.VALUES_QUERY);
    assertThat(values.get("function").asText()).isEqualTo("op/fn");
    assertThat(values.get("id").asText()).isEqualTo("a");
    assertThat(values.get("values").get("count").toString())
        .isEqualTo("{\"type\":\"io.statefun.types/int\",\"value\":1}");
    assertThat(values.get("valuesAsOf").asText()).isEqualTo("last completed invocation");
    assertThat(values.get("invocationInFlight").asBoolean()).isTrue();

    JsonNode pending = ask("a", AdminProtocol.PENDING_QUERY);
    assertThat(pending.get("delayed")).hasSize(1);
    JsonNode delayed = pending.get("delayed").get(0);
    assertThat(delayed.get("dueMillis").asLong()).isEqualTo(60_000);
    assertThat(delayed.get("token").asText()).isEqualTo("remind");
    assertThat(delayed.get("target").asText()).isEqualTo("op/fn/a");
    assertThat(pending.get("inFlight")).hasSize(1);
    assertThat(pending.get("inFlight").get(0).get("message").get("value").asText())
        .isEqualTo("ASYNC hold");
    assertThat(pending.get("queued")).hasSize(1);
    assertThat(pending.get("queued").get(0).get("message").get("value").asText())
        .isEqualTo("COUNT");

    OperatorTestModule.complete("hold");
    runMails();
    assertThat(reports()).containsExactly("a:count=1", "a:async=2", "a:count=3");
    JsonNode after = ask("a", AdminProtocol.VALUES_QUERY);
    assertThat(after.get("values").get("count").get("value").asInt()).isEqualTo(3);
    assertThat(after.get("invocationInFlight").asBoolean()).isFalse();
    assertThat(ask("a", AdminProtocol.PENDING_QUERY).get("queued")).isEmpty();
  }

  @Test
  void aQueryChangesNothingAndInvokesNothing() throws Exception {
    open();
    send("a", "COUNT");
    JsonNode first = ask("a", AdminProtocol.VALUES_QUERY);

    ask("a", AdminProtocol.PENDING_QUERY);
    ask("never-seen", AdminProtocol.VALUES_QUERY);
    ask("never-seen", AdminProtocol.PENDING_QUERY);

    assertThat(ask("a", AdminProtocol.VALUES_QUERY)).isEqualTo(first);
    assertThat(reports()).as("no invocation").containsExactly("a:count=1");
    // the state after the queries holds no work: restored, the next message counts on from 1
    harness.prepareSnapshotPreBarrier(1); // as the task does before the snapshot
    OperatorSubtaskState after = harness.snapshot(1, 1);
    harness.close();
    OperatorTestModule.reset();
    harness = newHarness();
    harness.initializeState(after);
    harness.open();
    FeedbackChannels.Key loop =
        new FeedbackChannels.Key(harness.getEnvironment().getJobID().toString(), 0, 0);
    FeedbackChannel channel = FeedbackChannels.acquire(loop);
    FeedbackChannels.release(loop);
    channel.markRestoreHandedOver(); // the feedback sink's part: nothing was in the loop
    runMails();
    assertThat(reports()).as("nothing was left to invoke again after the restore").isEmpty();
    send("a", "COUNT");
    assertThat(reports()).containsExactly("a:count=2");
  }

  @Test
  void anAddressWithNothingStoredAnswersEmptyValues() throws Exception {
    open();
    JsonNode values = ask("nobody-yet", AdminProtocol.VALUES_QUERY);

    assertThat(values.get("values")).isEmpty();
    assertThat(values.get("invocationInFlight").asBoolean()).isFalse();
    JsonNode pending = ask("nobody-yet", AdminProtocol.PENDING_QUERY);
    assertThat(pending.get("delayed")).isEmpty();
    assertThat(pending.get("inFlight")).isEmpty();
    assertThat(pending.get("queued")).isEmpty();
  }

  @Test
  void aQueryForAnUnboundFunctionIsAnsweredNotFound() throws Exception {
    open();
    Address nobody = new Address(TypeName.parse("nobody/here"), "x");
    harness.processElement(new StreamRecord<>(query(nobody, AdminProtocol.VALUES_QUERY)));

    Envelope answer = answers().get(0);
    assertThat(answer.payload().typeName()).isEqualTo(AdminProtocol.NOT_FOUND);
    assertThat(new String(answer.payload().value(), StandardCharsets.UTF_8))
        .contains("no module binds function nobody/here");
  }

  @Test
  void aQueryIsAnsweredEvenWhenTheTaskHasNoRoomForMoreAsyncWork() throws Exception {
    open(1); // one address with unfinished work fills the task
    send("a", "ASYNC hold");

    JsonNode values = ask("a", AdminProtocol.VALUES_QUERY);

    assertThat(values.get("invocationInFlight").asBoolean()).isTrue();
    OperatorTestModule.complete("hold");
    runMails();
  }

  // --- the harness ---------------------------------------------------------------------------

  private void open() throws Exception {
    open(16);
  }

  private void open(int maxAsyncPerTask) throws Exception {
    harness = newHarness(maxAsyncPerTask);
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> newHarness()
      throws Exception {
    return newHarness(16);
  }

  private static KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> newHarness(
      int maxAsyncPerTask) throws Exception {
    DispatcherSettings settings =
        new DispatcherSettings(
            ApplicationLoader.builder()
                .discoverModules(false)
                .withModule(OperatorTestModule.class)
                .build(),
            Map.of(OperatorTestModule.EGRESS, EGRESS),
            Map.of(AdminProtocol.CALLER_TYPE, ANSWERS),
            maxAsyncPerTask,
            UndeliverablePolicy.LOG);
    return DispatcherHarness.of(settings);
  }

  private void send(String id, String command) throws Exception {
    harness.processElement(
        new StreamRecord<>(Envelope.fromIngress(OperatorTestModule.to(id, command))));
  }

  private Envelope query(Address target, TypeName kind) {
    return new Envelope(
        target,
        new Address(AdminProtocol.CALLER_TYPE, "request-" + ++queries),
        new TypedValue(kind, new byte[0]));
  }

  /** Sends a query and returns its answer, which must have come before processElement returned. */
  private JsonNode ask(String id, TypeName kind) throws Exception {
    Envelope query = query(new Address(OperatorTestModule.FN, id), kind);
    int answered = answers().size();
    harness.processElement(new StreamRecord<>(query));
    List<Envelope> answers = answers();
    assertThat(answers).as("answered at once").hasSize(answered + 1);
    Envelope answer = answers.get(answered);
    assertThat(answer.target()).isEqualTo(query.caller());
    assertThat(answer.payload().typeName()).isEqualTo(AdminProtocol.ANSWER);
    return JSON.readTree(answer.payload().value());
  }

  private List<Envelope> answers() {
    List<Envelope> answers = new ArrayList<>();
    ConcurrentLinkedQueue<StreamRecord<Envelope>> side = harness.getSideOutput(ANSWERS);
    if (side != null) {
      side.forEach(record -> answers.add(record.getValue()));
    }
    return answers;
  }

  private List<String> reports() {
    List<String> reports = new ArrayList<>();
    var side = harness.getSideOutput(EGRESS);
    if (side != null) {
      side.forEach(record -> reports.add(OperatorTestModule.text(record.getValue())));
    }
    return reports;
  }

  private void runMails() throws Exception {
    TaskMailbox mailbox = harness.getTaskMailbox();
    Optional<Mail> mail;
    while ((mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
      mail.get().run();
    }
  }
}

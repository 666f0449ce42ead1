package io.statefun.runtime.dispatch;

import io.statefun.runtime.config.StatefunOptions.UndeliverablePolicy;
import io.statefun.runtime.delay.DelayedMessages;
import io.statefun.runtime.dispatch.FunctionRegistry.LoadedFunction;
import io.statefun.runtime.dispatch.Invocation.Effect;
import io.statefun.runtime.feedback.FeedbackChannel;
import io.statefun.runtime.feedback.FeedbackChannels;
import io.statefun.runtime.feedback.FeedbackLog;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.state.AddressStorage;
import io.statefun.runtime.state.FunctionState;
import io.statefun.sdk.Address;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.ValueSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every message to its function, keyed by address.
 *
 * <ul>
 *   <li>A message for an address of this subtask is delivered here, at once, without serialization;
 *       others leave through the main output into the feedback loop.
 *   <li>While an address waits for an unfinished future, its messages queue in keyed state and are
 *       delivered in order when it completes; the waiting message itself is in keyed state too, and
 *       is delivered again after a restore.
 *   <li>On a checkpoint, the messages that were in the feedback loop (between this snapshot and the
 *       sink's sentinel) are written to raw keyed state and replayed on restore.
 * </ul>
 *
 * <p>Runs on the task thread only; async completions and feedback drains arrive as mails.
 */
public final class FunctionDispatcherOperator extends AbstractStreamOperator<Envelope>
    implements OneInputStreamOperator<Envelope, Envelope>,
        BoundedOneInput,
        Triggerable<Address, VoidNamespace> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(FunctionDispatcherOperator.class);

  /** Keyed list state: the batch of an unfinished invocation, invoked again after a restore. */
  public static final String IN_FLIGHT_STATE = "__statefun.in-flight";

  /** Keyed list state: messages queued behind an unfinished invocation, in order. */
  public static final String BACKLOG_STATE = "__statefun.backlog";

  private final DispatcherSettings settings;
  private final transient MailboxExecutor mailbox;

  private final transient ArrayDeque<Envelope> localQueue = new ArrayDeque<>();
  private final transient Set<Address> waiting = new HashSet<>();

  /** Messages queued per waiting address since this attempt started (a restore starts at 0). */
  private final transient Map<Address, Integer> backlogSizes = new HashMap<>();

  private final transient List<Envelope> restoredInTransit = new ArrayList<>();
  private final transient List<Address> unfinishedAtRestore = new ArrayList<>();
  private transient boolean restored;

  private transient KeyedStateBackend<Address> backend;
  private transient FunctionRegistry functions;
  private transient DelayedMessages delayed;
  private transient ListState<Envelope> inFlight;
  private transient ListState<Envelope> backlog;
  private transient FeedbackChannel feedback;
  private transient FeedbackChannels.Key feedbackKey;
  private transient StreamRecord<Envelope> outRecord;
  private transient StreamRecord<TypedValue> egressRecord;
  private transient TypeName lastEgress;
  private transient OutputTag<TypedValue> lastEgressTag;
  private transient Counter undeliverable;
  private transient int maxParallelism;
  private transient int parallelism;
  private transient int subtaskIndex;

  FunctionDispatcherOperator(
      StreamOperatorParameters<Envelope> parameters, DispatcherSettings settings) {
    super(parameters);
    this.settings = settings;
    this.mailbox = parameters.getMailboxExecutor();
  }

  // --- lifecycle ----------------------------------------------------------------------------

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    restored = context.isRestored();
    if (restored) {
      for (KeyGroupStatePartitionStreamProvider section : context.getRawKeyedStateInputs()) {
        FeedbackLog.read(section, restoredInTransit);
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    TaskInfo task = getRuntimeContext().getTaskInfo();
    maxParallelism = task.getMaxNumberOfParallelSubtasks();
    parallelism = task.getNumberOfParallelSubtasks();
    subtaskIndex = task.getIndexOfThisSubtask();

    Application application = settings.application().load(getUserCodeClassloader());
    backend = getKeyedStateBackend();
    functions =
        new FunctionRegistry(
            application,
            backend,
            getMetricGroup().addGroup("functions"),
            type -> (int) waiting.stream().filter(a -> a.type().equals(type)).count(),
            type ->
                backlogSizes.entrySet().stream()
                    .filter(e -> e.getKey().type().equals(type))
                    .mapToInt(Map.Entry::getValue)
                    .sum());
    delayed =
        new DelayedMessages(
            backend,
            getInternalTimerService(
                DelayedMessages.TIMER_SERVICE, VoidNamespaceSerializer.INSTANCE, this));
    inFlight =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>(IN_FLIGHT_STATE, new EnvelopeSerializer()));
    backlog =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>(BACKLOG_STATE, new EnvelopeSerializer()));
    outRecord = new StreamRecord<>(null);
    egressRecord = new StreamRecord<>(null);
    undeliverable = getMetricGroup().counter("undeliverable");
    getMetricGroup().gauge("waitingAddresses", waiting::size);
    getMetricGroup()
        .gauge(
            "backlogMessages",
            new TaskThreadGauge(
                () -> backlogSizes.values().stream().mapToInt(Integer::intValue).sum()));

    feedbackKey =
        new FeedbackChannels.Key(
            getRuntimeContext().getJobInfo().getJobId().toString(),
            subtaskIndex,
            task.getAttemptNumber());
    if (restored) {
      // before any message can arrive (feedback drains and overdue timers are mails too), the
      // addresses with unfinished work must be known as waiting, so nothing overtakes that work
      try (Stream<Address> keys = backend.getKeys(IN_FLIGHT_STATE, VoidNamespace.INSTANCE)) {
        keys.forEach(unfinishedAtRestore::add);
      }
      waiting.addAll(unfinishedAtRestore);
      delayed.restoreTimers(backend);
      mailbox.execute(this::resumeAfterRestore, "resume after restore");
    }
    feedback = FeedbackChannels.channel(feedbackKey);
    feedback.register(mailbox, this::drainFeedback);
    LOG.info(
        "Dispatcher {}/{} started with {} function types, {} function namespaces",
        subtaskIndex + 1,
        parallelism,
        application.functions().size(),
        application.functionNamespaces().size());
  }

  @Override
  public void processElement(StreamRecord<Envelope> element) throws Exception {
    while (waiting.size() >= settings.maxAsyncPerTask()) {
      mailbox.yield();
    }
    deliver(element.getValue());
    drainLocal();
  }

  /**
   * The ingresses ended (a bounded source). Unfinished async work is completed first; but the job
   * ends with its input, so messages still travelling the feedback loop or waiting as delayed
   * messages are not delivered: the ingresses of an application should not end.
   */
  @Override
  public void endInput() throws Exception {
    while (!waiting.isEmpty()) {
      mailbox.yield();
    }
    LOG.warn(
        "Dispatcher {}/{}: the ingresses ended, so the job ends; messages still in the feedback"
            + " loop or delayed are not delivered (an application's ingresses should not end)",
        subtaskIndex + 1,
        parallelism);
  }

  @Override
  public void onProcessingTime(InternalTimer<Address, VoidNamespace> timer) throws Exception {
    for (Envelope due : delayed.takeDue(timer.getTimestamp())) {
      route(due);
    }
    drainLocal();
  }

  @Override
  public void onEventTime(InternalTimer<Address, VoidNamespace> timer) {
    // delayed messages use processing time only
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    List<Envelope> inTransit = new ArrayList<>();
    feedback.takeUntilSentinel(
        context.getCheckpointId(), inTransit, settings.feedbackCheckpointWait());
    FeedbackLog.write(inTransit, maxParallelism, context.getRawKeyedOperatorStateOutput());
    if (!inTransit.isEmpty()) {
      // the messages are part of this checkpoint and still to be delivered now
      mailbox.execute(() -> deliverAll(inTransit), "deliver feedback taken by a snapshot");
    }
  }

  @Override
  protected boolean isUsingCustomRawKeyedState() {
    return true;
  }

  @Override
  public void close() throws Exception {
    if (functions != null) {
      functions.close();
    }
    if (feedbackKey != null) {
      FeedbackChannels.release(feedbackKey);
    }
    super.close();
  }

  // --- delivery -----------------------------------------------------------------------------

  private void drainFeedback() throws Exception {
    List<Envelope> arrived = new ArrayList<>();
    feedback.drainTo(arrived::add);
    deliverAll(arrived);
  }

  private void deliverAll(List<Envelope> envelopes) throws Exception {
    for (Envelope envelope : envelopes) {
      deliver(envelope);
    }
    drainLocal();
  }

  /** Delivers a message for an address of this subtask, or queues it behind unfinished work. */
  private void deliver(Envelope envelope) throws Exception {
    Address target = envelope.target();
    if (getCurrentKey() != target) {
      // Flink has set it for a record from the input; RocksDB serializes every key it is given
      setCurrentKey(target);
    }
    if (waiting.contains(target)) {
      backlog.add(envelope);
      backlogSizes.merge(target, 1, Integer::sum);
    } else {
      invoke(envelope, null);
    }
  }

  private void drainLocal() throws Exception {
    Envelope next;
    while ((next = localQueue.poll()) != null) {
      deliver(next);
    }
  }

  /**
   * Sends a message on: delivered here later in this mail if this subtask owns it, else fed back.
   */
  private void route(Envelope envelope) {
    int owner =
        KeyGroupRangeAssignment.assignKeyToParallelOperator(
            envelope.target(), maxParallelism, parallelism);
    if (owner == subtaskIndex) {
      localQueue.add(envelope);
    } else {
      output.collect(outRecord.replace(envelope));
    }
  }

  // --- invocation ---------------------------------------------------------------------------

  /**
   * Invokes the function of the current key, which has no unfinished work, with one message (or,
   * for a {@link BatchingFunction}, with a whole backlog).
   */
  private void invoke(List<Envelope> batch) throws Exception {
    invoke(batch.get(0), batch.size() == 1 ? null : batch);
  }

  /** Invokes with {@code first}, or with {@code batch} when it is not null. */
  private void invoke(Envelope first, List<Envelope> batch) throws Exception {
    Address self = first.target();
    LoadedFunction function = functions.get(self.type());
    if (function == null) {
      for (Envelope envelope : batch == null ? List.of(first) : batch) {
        undeliverable(
            envelope, "no function type " + self.type() + " is bound (nor its namespace)");
      }
      return;
    }
    FunctionState state = function.state();
    Invocation invocation = batch == null ? function.takeSpare() : null;
    if (invocation != null && invocation.reusableWith(state.specs())) {
      invocation.reuseFor(first);
    } else {
      invocation = new Invocation(first, batch, new AddressStorage(state), state.specs());
    }
    CompletableFuture<Void> done;
    try {
      if (function.function() instanceof BatchingFunction batching) {
        done = batching.applyBatch(invocation, invocation.batch());
      } else {
        done = function.function().apply(invocation, first.toMessage());
      }
    } catch (Throwable t) {
      throw failed(first, t);
    }
    if (done == null) {
      throw failed(first, new NullPointerException("the function returned no future"));
    }
    if (done.isDone() && !waiting.contains(self)) {
      finish(invocation, done);
      if (!(function.function() instanceof BatchingFunction)) {
        function.keepSpare(invocation);
      }
      return;
    }
    if (waiting.add(self)) {
      inFlight.update(invocation.batch());
    }
    Invocation pending = invocation;
    done.whenComplete(
        (ignored, failure) ->
            mailbox.execute(
                () -> onAsyncCompletion(pending, failure), "async completion of %s", self));
  }

  private void finish(Invocation invocation, CompletableFuture<Void> done) throws Exception {
    try {
      done.get();
    } catch (ExecutionException e) {
      throw failed(invocation.first(), e.getCause());
    }
    if (invocation.toRegister() != null) {
      retry(invocation);
    } else {
      apply(invocation);
    }
  }

  private void onAsyncCompletion(Invocation invocation, Throwable failure) throws Exception {
    Address self = invocation.self();
    setCurrentKey(self);
    if (failure != null) {
      throw failed(
          invocation.first(),
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure);
    }
    if (invocation.toRegister() != null) {
      retry(invocation); // still waiting: the same batch goes again
      return;
    }
    waiting.remove(self);
    inFlight.clear();
    apply(invocation);
    deliverBacklog();
    drainLocal();
  }

  /** Registers the values the function asked for and invokes it again with the same batch. */
  private void retry(Invocation invocation) throws Exception {
    LoadedFunction function = functions.get(invocation.self().type());
    for (ValueSpec<?> spec : invocation.toRegister()) {
      function.state().register(spec);
    }
    invoke(invocation.batch());
  }

  /** Delivers the queued messages of the current key in order, until one goes async again. */
  private void deliverBacklog() throws Exception {
    Iterable<Envelope> queued = backlog.get();
    if (queued == null) {
      return;
    }
    List<Envelope> pending = new ArrayList<>();
    queued.forEach(pending::add);
    if (pending.isEmpty()) {
      return;
    }
    backlog.clear();
    Address self = pending.get(0).target();
    backlogSizes.remove(self);
    LoadedFunction function = functions.get(self.type());
    if (function != null && function.function() instanceof BatchingFunction batching) {
      // one request takes at most maxBacklog messages; the rest waits for the next one, so a
      // slow address never holds up the task's input (only the per-task bound does)
      int max = batching.maxBacklog() > 0 ? batching.maxBacklog() : pending.size();
      if (pending.size() > max) {
        backlog.update(pending.subList(max, pending.size()));
        backlogSizes.put(self, pending.size() - max);
        pending = pending.subList(0, max);
      }
      invoke(pending);
      return;
    }
    for (int i = 0; i < pending.size(); i++) {
      if (waiting.contains(self)) {
        backlog.update(pending.subList(i, pending.size()));
        backlogSizes.put(self, pending.size() - i);
        return;
      }
      invoke(pending.get(i), null);
    }
  }

  /** Carries out what a completed invocation asked for, with the current key at its address. */
  private void apply(Invocation invocation) throws Exception {
    invocation.addressStorage().flush();
    Address self = invocation.self();
    for (Effect effect : invocation.effects()) {
      if (effect instanceof Effect.Send send) {
        route(Envelope.from(self, send.message()));
      } else if (effect instanceof Effect.SendAfter later) {
        delayed.schedule(
            later.delay().toMillis(), later.token(), Envelope.from(self, later.message()));
      } else if (effect instanceof Effect.Cancel cancel) {
        delayed.cancel(cancel.token());
      } else if (effect instanceof Effect.Egress egress) {
        emit(self, egress.message());
      }
    }
  }

  private void emit(Address sender, EgressMessage message) {
    TypeName egress = message.egress();
    OutputTag<TypedValue> tag;
    if (egress == lastEgress) {
      // a function sends to the same egress id instance again and again: no map lookup
      tag = lastEgressTag;
    } else {
      tag = settings.egressTags().get(egress);
      lastEgress = tag == null ? null : egress;
      lastEgressTag = tag;
    }
    if (tag == null) {
      undeliverable(
          sender,
          message.egress(),
          "no egress " + message.egress() + " is bound; known: " + settings.egressTags().keySet());
      return;
    }
    output.collect(tag, egressRecord.replace(message.payload()));
  }

  // --- restore ------------------------------------------------------------------------------

  /** Invokes again what was unfinished at the checkpoint, then what was in the feedback loop. */
  private void resumeAfterRestore() throws Exception {
    LOG.info(
        "Dispatcher {}/{} restored: re-invoking {} unfinished invocations, delivering {} messages"
            + " that were in the feedback loop",
        subtaskIndex + 1,
        parallelism,
        unfinishedAtRestore.size(),
        restoredInTransit.size());
    for (Address address : unfinishedAtRestore) {
      setCurrentKey(address);
      List<Envelope> batch = new ArrayList<>();
      Iterable<Envelope> stored = inFlight.get();
      if (stored != null) {
        stored.forEach(batch::add);
      }
      if (batch.isEmpty()) {
        waiting.remove(address);
        deliverBacklog();
        continue;
      }
      // the address stays waiting (and its batch stored) until this invocation completes
      invoke(batch);
    }
    unfinishedAtRestore.clear();
    List<Envelope> inTransit = new ArrayList<>(restoredInTransit);
    restoredInTransit.clear();
    deliverAll(inTransit);
  }

  // --- failures -----------------------------------------------------------------------------

  private FunctionInvocationException failed(Envelope envelope, Throwable cause) {
    return new FunctionInvocationException(
        "Function "
            + envelope.target()
            + " failed on a message of type "
            + envelope.payload().typeName()
            + (envelope.caller() == null ? " from an ingress" : " from " + envelope.caller()),
        cause);
  }

  private void undeliverable(Envelope envelope, String why) {
    undeliverable(envelope.caller(), envelope.target(), why, envelope.target().toString());
  }

  private void undeliverable(Address sender, TypeName egress, String why) {
    undeliverable(sender, egress, why, "egress " + egress);
  }

  private void undeliverable(Address sender, Object target, String why, String targetName) {
    String description =
        "Undeliverable message to "
            + targetName
            + (sender == null ? " from an ingress" : " from " + sender)
            + ": "
            + why;
    if (settings.undeliverable() == UndeliverablePolicy.FAIL) {
      throw new IllegalStateException(description);
    }
    undeliverable.inc();
    LOG.warn(
        "{} (dropped; set statefun.undeliverable-messages: FAIL to fail instead)", description);
  }
}

package io.statefun.runtime.dispatch;

import io.statefun.runtime.admin.AdminProtocol;
import io.statefun.runtime.delay.DelayedMessages;
import io.statefun.runtime.feedback.FeedbackChannel;
import io.statefun.runtime.feedback.FeedbackChannels;
import io.statefun.runtime.feedback.FeedbackLog;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import io.statefun.runtime.module.Application;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
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
 * The functions operator: Flink's lifecycle around the plain classes that do the work ({@link
 * FunctionInvoker}, {@link BusyAddresses}, {@link MessageRouter}, and {@link AddressQueries} for
 * the live state endpoint's queries). Records are messages keyed by address; timers fire delayed
 * messages. Before each checkpoint barrier it tells the feedback channel how far it had consumed,
 * so the feedback sink can store the messages then in the loop; after a restore it takes no input
 * before the sink has handed those over again.
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

  /** Loop messages logged by this operator in checkpoints taken before the feedback sink did. */
  private final transient List<Envelope> restoredInTransit = new ArrayList<>();

  private transient boolean restored;
  private transient boolean awaitingRestoredLoop;

  private transient Application application;
  private transient FunctionRegistry functions;
  private transient BusyAddresses busy;
  private transient FunctionInvoker invoker;
  private transient AddressQueries queries;
  private transient IdempotentRequests idempotent;
  private transient FeedbackChannel feedback;
  private transient FeedbackChannels.Key feedbackKey;
  private transient int maxParallelism;

  FunctionDispatcherOperator(
      StreamOperatorParameters<Envelope> parameters, DispatcherSettings settings) {
    super(parameters);
    this.settings = settings;
    this.mailbox = parameters.getMailboxExecutor();
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    restored = context.isRestored();
    if (restored) {
      // checkpoints taken before the feedback sink logged the loop have it here; newer ones don't
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
    KeyedStateBackend<Address> backend = getKeyedStateBackend();
    busy = new BusyAddresses(listState(IN_FLIGHT_STATE), listState(BACKLOG_STATE));
    application = settings.application().load(getUserCodeClassloader());
    functions =
        new FunctionRegistry(
            application,
            backend,
            getMetricGroup().addGroup("functions"),
            busy::busyOfType,
            busy::backlogOfType);
    UndeliverableMessages undeliverable =
        new UndeliverableMessages(
            settings.undeliverable(), getMetricGroup().counter("undeliverable"));
    MessageRouter router =
        new MessageRouter(
            maxParallelism,
            task.getNumberOfParallelSubtasks(),
            task.getIndexOfThisSubtask(),
            settings.egressTags(),
            settings.replyTags(),
            new RecordOutputs(),
            undeliverable);
    DelayedMessages delayed =
        new DelayedMessages(
            backend,
            getInternalTimerService(
                DelayedMessages.TIMER_SERVICE, VoidNamespaceSerializer.INSTANCE, this));
    invoker = new FunctionInvoker(this, functions, busy, router, delayed, undeliverable, mailbox);
    queries =
        new AddressQueries(this, functions, busy, delayed, router, task.getIndexOfThisSubtask());
    idempotent =
        new IdempotentRequests(
            settings.idempotencyRetention().keySet(),
            new IdempotencyState(settings.idempotencyRetention(), getRuntimeContext()::getMapState),
            this,
            getMetricGroup().counter("idempotentRepeats"));
    getMetricGroup()
        .addGroup("functions")
        .gauge("inflightAsyncOps", new TaskThreadGauge(busy::size));
    getMetricGroup().gauge("backlogMessages", new TaskThreadGauge(busy::backlogTotal));

    if (restored) {
      // before any message can arrive (feedback drains and overdue timers are mails too), the
      // addresses with unfinished work must be known as busy, so nothing overtakes that work
      List<Address> unfinished = new ArrayList<>();
      try (Stream<Address> keys = backend.getKeys(IN_FLIGHT_STATE, VoidNamespace.INSTANCE)) {
        keys.forEach(unfinished::add);
      }
      unfinished.forEach(busy::markBusyAtRestore);
      invoker.holdTimers(); // until the sink has handed the loop's messages over (drainFeedback)
      delayed.restoreTimers(backend);
      List<Envelope> inTransit = new ArrayList<>(restoredInTransit);
      restoredInTransit.clear();
      mailbox.execute(
          () -> {
            LOG.info(
                "Dispatcher {}/{} restored: re-invoking {} unfinished invocations, delivering {}"
                    + " messages that were in the feedback loop",
                task.getIndexOfThisSubtask() + 1,
                task.getNumberOfParallelSubtasks(),
                unfinished.size(),
                inTransit.size());
            invoker.resume(unfinished, inTransit);
          },
          "resume after restore");
    }
    feedbackKey =
        new FeedbackChannels.Key(
            getRuntimeContext().getJobInfo().getJobId().toString(),
            task.getIndexOfThisSubtask(),
            task.getAttemptNumber());
    feedback = FeedbackChannels.acquire(feedbackKey);
    awaitingRestoredLoop = restored;
    feedback.register(mailbox, this::drainFeedback);
    LOG.info(
        "Dispatcher {}/{} started with {} function types, {} function namespaces",
        task.getIndexOfThisSubtask() + 1,
        task.getNumberOfParallelSubtasks(),
        application.functions().size(),
        application.functionNamespaces().size());
  }

  @Override
  public void processElement(StreamRecord<Envelope> element) throws Exception {
    Envelope envelope = element.getValue();
    if (AdminProtocol.isQuery(envelope)) {
      // answered at once: a query waits neither for async capacity nor for the address
      queries.answer(envelope);
      return;
    }
    while (awaitingRestoredLoop) {
      // what was in the loop at the checkpoint is older than any new input
      mailbox.yield();
    }
    while (busy.size() >= settings.maxAsyncPerTask()) {
      mailbox.yield();
    }
    if (idempotent.isEnabled() && idempotent.absorbsRepeat(envelope, this::replyToCaller)) {
      return;
    }
    invoker.deliverAndDrain(envelope);
  }

  /**
   * The ingresses ended (a bounded source). Unfinished async work is completed first; but the job
   * ends with its input, so messages still travelling the feedback loop or waiting as delayed
   * messages are not delivered: the ingresses of an application should not end.
   */
  @Override
  public void endInput() throws Exception {
    while (!busy.isEmpty()) {
      mailbox.yield();
    }
    feedback.markConsumerFinished();
    LOG.warn(
        "Dispatcher {}: the ingresses ended, so the job ends; messages still in the feedback"
            + " loop or delayed are not delivered (an application's ingresses should not end)",
        getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks());
  }

  @Override
  public void onProcessingTime(InternalTimer<Address, VoidNamespace> timer) throws Exception {
    invoker.fireDue(timer.getKey(), timer.getTimestamp());
  }

  @Override
  public void onEventTime(InternalTimer<Address, VoidNamespace> timer) {
    // delayed messages use processing time only
  }

  /**
   * Publishes how far this dispatcher consumed the feedback channel; Flink calls this on the task
   * thread right before it sends the barrier and takes the snapshot, with no message in between.
   */
  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    feedback.consumedBeforeBarrier(checkpointId);
  }

  /** Raw keyed state holds loop messages of older checkpoints (see {@link #initializeState}). */
  @Override
  protected boolean isUsingCustomRawKeyedState() {
    return true;
  }

  /**
   * Releases the functions' resources, the modules' class loaders and the feedback channel, each
   * even if an earlier one fails.
   */
  @Override
  public void close() throws Exception {
    try {
      if (functions != null) {
        functions.close();
      }
    } finally {
      try {
        if (application != null) {
          application.close();
        }
      } finally {
        releaseFeedbackChannelAndClose();
      }
    }
  }

  private void releaseFeedbackChannelAndClose() throws Exception {
    try {
      if (feedback != null) { // acquired in open
        feedback = null;
        FeedbackChannels.release(feedbackKey);
      }
    } finally {
      super.close();
    }
  }

  private void drainFeedback() throws Exception {
    // read first: the sink hands over its restored messages before it sets the mark
    boolean restoredLoopHandedOver = feedback.restoreHandedOver();
    List<Envelope> arrived = new ArrayList<>();
    feedback.drainTo(arrived::add);
    invoker.deliverAll(arrived);
    if (restoredLoopHandedOver && awaitingRestoredLoop) {
      awaitingRestoredLoop = false;
      // the timers that fired since the restore come after the loop's messages: sent earlier
      invoker.releaseHeldTimers();
    }
  }

  /** A reply leaves for a caller outside the job through its ingress's side output. */
  private void replyToCaller(Envelope reply) {
    output.collect(settings.replyTags().get(reply.target().type()), new StreamRecord<>(reply));
  }

  private ListState<Envelope> listState(String name) {
    return getRuntimeContext()
        .getListState(new ListStateDescriptor<>(name, new EnvelopeSerializer()));
  }

  /** The main output (the feedback loop) and the side outputs (egresses, ingress replies). */
  private final class RecordOutputs implements MessageRouter.Outputs {
    private final StreamRecord<Envelope> feedbackRecord = new StreamRecord<>(null);
    private final StreamRecord<TypedValue> egressRecord = new StreamRecord<>(null);
    private final StreamRecord<Envelope> replyRecord = new StreamRecord<>(null);

    @Override
    public void toFeedbackLoop(Envelope envelope) {
      output.collect(feedbackRecord.replace(envelope));
    }

    @Override
    public void toEgress(OutputTag<TypedValue> egress, TypedValue value) {
      output.collect(egress, egressRecord.replace(value));
    }

    @Override
    public void toIngressCaller(OutputTag<Envelope> replies, Envelope reply) {
      if (!idempotent.isEnabled()) {
        output.collect(replies, replyRecord.replace(reply));
        return;
      }
      try {
        idempotent.reply(reply, answer -> output.collect(replies, replyRecord.replace(answer)));
      } catch (Exception e) {
        throw new IllegalStateException(
            "Cannot record the reply of " + reply.caller() + " to " + reply.target(), e);
      }
    }
  }
}

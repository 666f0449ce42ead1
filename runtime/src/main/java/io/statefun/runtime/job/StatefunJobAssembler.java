package io.statefun.runtime.job;

import io.statefun.runtime.admin.AdminSpec;
import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.dispatch.DispatcherSettings;
import io.statefun.runtime.dispatch.FunctionDispatcherOperatorFactory;
import io.statefun.runtime.egress.CollectedEgress;
import io.statefun.runtime.egress.EgressContext;
import io.statefun.runtime.egress.EgressProvider;
import io.statefun.runtime.feedback.FeedbackSinkOperator;
import io.statefun.runtime.ingress.IngressContext;
import io.statefun.runtime.ingress.IngressProvider;
import io.statefun.runtime.ingress.IngressReplies;
import io.statefun.runtime.ingress.ReplyingIngressProvider;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Stateful Functions job into a {@link StreamExecutionEnvironment}:
 *
 * <pre>
 * ingresses ─► keyBy(address) ─► functions ─► egress side outputs ─► sinks
 *                                   │   ▲  └─► reply side outputs ─► replying ingresses
 *                  (other subtask)  ▼   │ in-JVM channel
 *                          keyBy(address) ─► feedback
 * </pre>
 *
 * The dispatcher ({@code functions}) and the feedback sink of the same index are co-located in one
 * slot, which the in-JVM channel between them requires. Everything stays in Flink's default slot
 * sharing group, so a job needs as many slots as its highest parallelism. The feedback edge is
 * always checkpointed with aligned barriers; the other edges follow {@code
 * execution.checkpointing.unaligned.enabled}, which is on unless the configuration says otherwise:
 * under backpressure a barrier then overtakes the records queued before the functions instead of
 * waiting behind them (measured in {@code CheckpointsUnderBackpressureIT}: checkpoints of about 30
 * ms instead of 700 ms).
 */
@Internal
public final class StatefunJobAssembler {
  private static final Logger LOG = LoggerFactory.getLogger(StatefunJobAssembler.class);
  private static final String CO_LOCATION_GROUP = "statefun-feedback-loop";

  private StatefunJobAssembler() {}

  public static AssembledJob assemble(
      StreamExecutionEnvironment env, ApplicationLoader loader, ReadableConfig configuration) {
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    Application application = loader.load(classLoader);
    if (application.ingresses().isEmpty()) {
      throw new ModuleLoadingException(
          "The application binds no ingress, so no message could ever reach a function");
    }
    if (configuration.getOptional(CheckpointingOptions.ENABLE_UNALIGNED).isEmpty()) {
      env.getCheckpointConfig().enableUnalignedCheckpoints(true);
    }

    Map<TypeName, IngressProvider> ingressProviders =
        providers(IngressProvider.class, IngressProvider::type, classLoader);
    Map<TypeName, EgressProvider> egressProviders =
        providers(EgressProvider.class, EgressProvider::type, classLoader);

    List<IngressSpec<?>> ingressSpecs = new ArrayList<>(application.ingresses().values());
    adminEndpoint(configuration, ingressProviders).ifPresent(ingressSpecs::add);

    // state keys name their function type by its position in this list (kept in the snapshots),
    // messages on the network by a code derived from its name
    List<TypeName> functionTypes = new ArrayList<>(application.functions().keySet());
    functionTypes.sort(Comparator.comparing(TypeName::canonical));
    TypeInformation<Envelope> envelopes = RuntimeTypes.envelopes(functionTypes);

    DataStream<Envelope> ingress = null;
    List<IngressWithReplies> replying = new ArrayList<>();
    Map<TypeName, OutputTag<Envelope>> replyTags = new LinkedHashMap<>();
    Map<TypeName, Duration> idempotencyRetention = new LinkedHashMap<>();
    for (IngressSpec<?> spec : ingressSpecs) {
      IngressProvider provider = ingressProviders.get(spec.type());
      if (provider == null) {
        throw new ModuleLoadingException(
            "No connector implements ingress type "
                + spec.type()
                + " of ingress "
                + spec.id()
                + "; available types: "
                + names(ingressProviders));
      }
      DataStream<Envelope> stream =
          provider.createIngress(new IngressContext(env, spec, loader, configuration, envelopes));
      if (stream instanceof SingleOutputStreamOperator<Envelope> operator) {
        operator.setBufferTimeout(
            configuration.get(StatefunOptions.INGRESS_BUFFER_TIMEOUT).toMillis());
      }
      if (provider instanceof ReplyingIngressProvider replies) {
        TypeName replyType = replies.replyType(spec);
        refuseFunctionsBoundAt(replyType, spec.id(), application);
        OutputTag<Envelope> tag = new OutputTag<>("replies-" + replyType.canonical(), envelopes);
        if (replyTags.putIfAbsent(replyType, tag) != null) {
          throw new ModuleLoadingException(
              "Two ingresses take replies as " + replyType + "; the second is " + spec.id());
        }
        replies
            .idempotencyRetention(spec)
            .ifPresent(retention -> idempotencyRetention.put(replyType, retention));
        replying.add(new IngressWithReplies(replies, spec, stream, tag));
      }
      ingress = ingress == null ? stream : ingress.union(stream);
    }

    Map<TypeName, OutputTag<TypedValue>> egressTags = new LinkedHashMap<>();
    for (TypeName egressId : application.egresses().keySet()) {
      egressTags.put(
          egressId, new OutputTag<>("egress-" + egressId.canonical(), RuntimeTypes.TYPED_VALUE));
    }
    DispatcherSettings settings =
        new DispatcherSettings(
            loader,
            egressTags,
            replyTags,
            configuration.get(StatefunOptions.MAX_ASYNC_PER_TASK),
            configuration.get(StatefunOptions.UNDELIVERABLE),
            idempotencyRetention);

    SingleOutputStreamOperator<Envelope> functions =
        ingress
            .keyBy(new TargetAddress(), RuntimeTypes.addressKey(functionTypes))
            .transform("functions", envelopes, new FunctionDispatcherOperatorFactory(settings))
            .uid("functions");
    functions.setBufferTimeout(
        configuration.get(StatefunOptions.FEEDBACK_BUFFER_TIMEOUT).toMillis());
    functions.getTransformation().setCoLocationGroupKey(CO_LOCATION_GROUP);

    KeyedStream<Envelope, Address> loop =
        functions.keyBy(new TargetAddress(), RuntimeTypes.ADDRESS);
    // the sink logs the loop at its barrier, which must come after every message the dispatchers
    // sent before theirs: this edge stays aligned even when the job checkpoints unaligned
    ((PartitionTransformation<Envelope>) loop.getTransformation())
        .getPartitioner()
        .disableUnalignedCheckpoints();
    SingleOutputStreamOperator<Void> feedback =
        loop.transform("feedback", Types.VOID, new FeedbackSinkOperator())
            .uid("feedback")
            .setParallelism(functions.getParallelism());
    feedback.getTransformation().setCoLocationGroupKey(CO_LOCATION_GROUP);

    for (IngressWithReplies withReplies : replying) {
      withReplies.provider.attachReplies(
          new IngressReplies(
              withReplies.spec,
              withReplies.stream,
              functions.getSideOutput(withReplies.tag),
              loader,
              configuration));
    }

    Map<TypeName, DataStream<TypedValue>> collected = new LinkedHashMap<>();
    for (EgressSpec spec : application.egresses().values()) {
      DataStream<TypedValue> values = functions.getSideOutput(egressTags.get(spec.id()));
      if (spec instanceof CollectedEgress) {
        collected.put(spec.id(), values);
        continue;
      }
      EgressProvider provider = egressProviders.get(spec.type());
      if (provider == null) {
        throw new ModuleLoadingException(
            "No connector implements egress type "
                + spec.type()
                + " of egress "
                + spec.id()
                + "; available types: "
                + names(egressProviders));
      }
      provider.attach(new EgressContext(spec, values, loader, configuration));
    }
    LOG.info(
        "Assembled job: ingresses {}, functions {}, function namespaces {}, egresses {}",
        application.ingresses().keySet(),
        application.functions().keySet(),
        application.functionNamespaces().keySet(),
        application.egresses().keySet());
    return new AssembledJob(application, collected);
  }

  /**
   * The live state endpoint, when {@code statefun.admin.enabled}: an internal ingress whose
   * connector (the HTTP connector) must be on the class path.
   */
  private static Optional<AdminSpec> adminEndpoint(
      ReadableConfig configuration, Map<TypeName, IngressProvider> providers) {
    Optional<AdminSpec> admin;
    try {
      admin = AdminSpec.fromConfiguration(configuration);
    } catch (IllegalArgumentException e) {
      throw new ModuleLoadingException(e.getMessage());
    }
    if (admin.isPresent() && !(providers.get(AdminSpec.TYPE) instanceof ReplyingIngressProvider)) {
      throw new ModuleLoadingException(
          StatefunOptions.ADMIN_ENABLED.key()
              + " is true, but no connector on the class path serves the live state endpoint;"
              + " add the HTTP connector (io.statefun:statefun-http)");
    }
    admin.ifPresent(
        spec ->
            LOG.info(
                "Live state endpoint: GET /state/... on {}:{} of every TaskManager{}",
                spec.bindHost(),
                spec.port(),
                spec.token().isPresent() ? ", with a bearer token" : ""));
    return admin;
  }

  /**
   * The dispatcher hands every message to a reply type to the ingress's waiting callers, so a
   * function bound as that type, or a function namespace holding it, would never be invoked.
   */
  private static void refuseFunctionsBoundAt(
      TypeName replyType, TypeName ingressId, Application application) {
    if (application.functions().containsKey(replyType)) {
      throw new ModuleLoadingException(
          application.boundBy(replyType)
              + ": function "
              + replyType
              + " is the reply type of ingress "
              + ingressId
              + ": messages to it answer that ingress's waiting callers, so the function would"
              + " never be invoked; bind functions under a namespace of your own");
    }
    String namespace = replyType.namespace();
    if (application.functionNamespaces().containsKey(namespace)) {
      throw new ModuleLoadingException(
          application.namespaceBoundBy(namespace)
              + ": function namespace "
              + namespace
              + "/* holds "
              + replyType
              + ", the reply type of ingress "
              + ingressId
              + ": messages to it answer that ingress's waiting callers, never a function; bind"
              + " functions under a namespace of your own");
    }
  }

  private record IngressWithReplies(
      ReplyingIngressProvider provider,
      IngressSpec<?> spec,
      DataStream<Envelope> stream,
      OutputTag<Envelope> tag) {}

  private static <P> Map<TypeName, P> providers(
      Class<P> type, Function<P, TypeName> typeOf, ClassLoader classLoader) {
    Map<TypeName, P> byType = new LinkedHashMap<>();
    for (P provider : ServiceLoader.load(type, classLoader)) {
      byType.putIfAbsent(typeOf.apply(provider), provider);
    }
    return byType;
  }

  private static String names(Map<TypeName, ?> providers) {
    List<String> names = new ArrayList<>();
    providers.keySet().forEach(name -> names.add(name.canonical()));
    return new TreeSet<>(names).toString();
  }
}

package io.statefun.sdk.testing;

import io.statefun.sdk.Address;
import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Message;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.internal.CheckedContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a function without Flink: invoke it with messages, then look at its state and at what it
 * sent. State is kept serialized between invocations, as the runtime keeps it, so a type that
 * cannot round-trip fails here too.
 *
 * <pre>{@code
 * FunctionTester tester = FunctionTester.of(Greeter.SPEC);
 * Effects effects = tester.invoke(MessageBuilder.forAddress(Greeter.TYPE, "alice").withValue("alice").build());
 * assertEquals(Optional.of(1), tester.state("alice", Greeter.SEEN));
 * }</pre>
 *
 * <p>Not thread-safe; one tester per test.
 */
public final class FunctionTester {
  private static final Duration ASYNC_LIMIT = Duration.ofSeconds(30);

  private final StatefulFunctionSpec spec;
  private final StatefulFunction function;
  private final Map<String, Map<String, byte[]>> stateById = new HashMap<>();

  private FunctionTester(StatefulFunctionSpec spec) {
    this.spec = spec;
    this.function = spec.supplier().get();
  }

  public static FunctionTester of(StatefulFunctionSpec spec) {
    return new FunctionTester(Objects.requireNonNull(spec, "spec"));
  }

  /** Invokes the function at {@code message.target()} as if the message came from an ingress. */
  public Effects invoke(Message message) {
    return invoke(null, message);
  }

  /**
   * Invokes the function at {@code message.target()} as if {@code caller} sent it (null for an
   * ingress). A returned future is awaited up to 30 seconds.
   */
  public Effects invoke(@Nullable Address caller, Message message) {
    Address self = message.target();
    if (!self.type().equals(spec.typeName())) {
      throw new IllegalArgumentException(
          "This tester runs " + spec.typeName() + ", the message is for " + self);
    }
    TestContext context = new TestContext(self, caller, stateOf(self.id()));
    try {
      CompletableFuture<Void> done = function.apply(context, message);
      if (done == null) {
        throw new IllegalStateException("Function " + self + " returned null instead of a future");
      }
      done.get(ASYNC_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("Function " + self + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("Function " + self + " did not complete within " + ASYNC_LIMIT, e);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError("Function " + self + " failed", t);
    } finally {
      context.complete();
    }
    return context.effects();
  }

  /** The value an id keeps, as the next invocation would see it. */
  public <T> Optional<T> state(String id, ValueSpec<T> spec) {
    byte[] bytes = stateOf(id).get(declared(spec).name());
    return bytes == null ? Optional.empty() : Optional.of(spec.type().deserialize(bytes));
  }

  /** Sets a value before an invocation. */
  public <T> FunctionTester withState(String id, ValueSpec<T> spec, T value) {
    stateOf(id).put(declared(spec).name(), spec.type().serialize(value));
    return this;
  }

  private Map<String, byte[]> stateOf(String id) {
    return stateById.computeIfAbsent(id, ignored -> new HashMap<>());
  }

  private <T> ValueSpec<T> declared(ValueSpec<T> valueSpec) {
    ValueSpec<?> known = spec.valueSpecs().get(valueSpec.name());
    if (known == null || !known.typeName().equals(valueSpec.typeName())) {
      throw new IllegalArgumentException(
          "Function "
              + spec.typeName()
              + " does not declare "
              + valueSpec
              + "; it declares "
              + spec.valueSpecs().values());
    }
    return valueSpec;
  }

  /**
   * Records the effects like the runtime's context, with the same checks: negative delays and empty
   * tokens are rejected, and using it after the invocation completed throws.
   */
  private final class TestContext extends CheckedContext {
    private final Address self;
    private final @Nullable Address caller;
    private final Map<String, byte[]> state;
    private final List<Message> sent = new ArrayList<>();
    private final List<Effects.DelayedMessage> delayed = new ArrayList<>();
    private final List<String> cancelled = new ArrayList<>();
    private final List<EgressMessage> egress = new ArrayList<>();
    private final AddressScopedStorage values = new DeclaredValues();

    TestContext(Address self, @Nullable Address caller, Map<String, byte[]> state) {
      this.self = self;
      this.caller = caller;
      this.state = state;
    }

    Effects effects() {
      return new Effects(sent, delayed, cancelled, egress);
    }

    @Override
    public Address self() {
      return self;
    }

    @Override
    public Optional<Address> caller() {
      return Optional.ofNullable(caller);
    }

    @Override
    protected synchronized void recordSend(Message message) {
      sent.add(message);
    }

    @Override
    protected synchronized void recordSendAfter(
        Duration delay, @Nullable String cancellationToken, Message message) {
      delayed.add(
          new Effects.DelayedMessage(delay, Optional.ofNullable(cancellationToken), message));
    }

    @Override
    protected synchronized void recordCancel(String cancellationToken) {
      cancelled.add(cancellationToken);
    }

    @Override
    protected synchronized void recordEgress(EgressMessage message) {
      egress.add(message);
    }

    @Override
    protected AddressScopedStorage values() {
      return values;
    }

    private final class DeclaredValues implements AddressScopedStorage {
      @Override
      public <T> Optional<T> get(ValueSpec<T> spec) {
        byte[] bytes = state.get(declared(spec).name());
        return bytes == null ? Optional.empty() : Optional.of(spec.type().deserialize(bytes));
      }

      @Override
      public <T> void set(ValueSpec<T> spec, T value) {
        state.put(
            declared(spec).name(), spec.type().serialize(Objects.requireNonNull(value, "value")));
      }

      @Override
      public void remove(ValueSpec<?> spec) {
        state.remove(declared(spec).name());
      }
    }
  }
}

package io.statefun.sdk;

import java.util.concurrent.CompletableFuture;

/**
 * A function invoked with one message at a time per address. State is read and written through
 * {@link Context#storage()}; messages go out through the context.
 *
 * <p>Return {@link Context#done()} when the work is finished. A future that completes later is
 * fine: until it does, further messages to the same address wait, in order, and the effects the
 * function asked for (sends, state writes) take place when it completes.
 *
 * <pre>{@code
 * StatefulFunction greeter = (context, message) -> {
 *   int seen = context.storage().get(SEEN).orElse(0) + 1;
 *   context.storage().set(SEEN, seen);
 *   context.send(EgressMessageBuilder.forEgress(GREETINGS).withValue("Hello #" + seen).build());
 *   return context.done();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface StatefulFunction {

  CompletableFuture<Void> apply(Context context, Message message) throws Throwable;
}

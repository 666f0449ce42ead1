package io.statefun.bench;

import io.statefun.runtime.egress.EgressContext;
import io.statefun.runtime.egress.EgressProvider;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;

/** Implements {@link CountingEgress}. */
public final class CountingEgressProvider implements EgressProvider {

  @Override
  public TypeName type() {
    return CountingEgress.TYPE;
  }

  @Override
  public void attach(EgressContext context) {
    context
        .values()
        .sinkTo(new CountingSink<TypedValue>(CountingEgressProvider::count))
        .name("counting-sink")
        .uid(context.sinkUid());
  }

  /** A long is a count; a string {@code "<count> <sent nanos>"} is a count with its latency. */
  private static long count(TypedValue value) {
    if (value.is(Types.LONG)) {
      return value.as(Types.LONG);
    }
    String[] countAndSent = value.as(Types.STRING).split(" ");
    RunProbe.record(Long.parseLong(countAndSent[0]), Long.parseLong(countAndSent[1]));
    return RunProbe.ALREADY_RECORDED;
  }
}

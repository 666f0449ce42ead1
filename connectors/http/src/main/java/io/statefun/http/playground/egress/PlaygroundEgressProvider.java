package io.statefun.http.playground.egress;

import io.statefun.http.playground.PlaygroundEgressSpec;
import io.statefun.runtime.egress.EgressContext;
import io.statefun.runtime.egress.EgressProvider;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.sdk.TypeName;
import org.apache.flink.api.common.typeinfo.Types;

/** Implements {@link PlaygroundEgressSpec}: the read-committed sink operator. */
public final class PlaygroundEgressProvider implements EgressProvider {

  @Override
  public TypeName type() {
    return PlaygroundEgressSpec.TYPE;
  }

  @Override
  public void attach(EgressContext context) {
    PlaygroundEgressSpec spec = (PlaygroundEgressSpec) context.spec();
    if (!context
        .values()
        .getExecutionEnvironment()
        .getCheckpointConfig()
        .isCheckpointingEnabled()) {
      throw new ModuleLoadingException(
          "playground egress "
              + spec.id()
              + " publishes records after checkpoints, but checkpointing is off: set"
              + " execution.checkpointing.interval");
    }
    context
        .values()
        .transform("playground egress " + spec.id(), Types.VOID, new PlaygroundEgressOperator(spec))
        .uid(context.sinkUid());
  }
}

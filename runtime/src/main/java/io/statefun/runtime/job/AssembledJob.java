package io.statefun.runtime.job;

import io.statefun.runtime.module.Application;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The result of assembling a job into an environment.
 *
 * @param application what the modules bound, as loaded on the client
 * @param collectedEgresses the streams of {@link io.statefun.runtime.egress.CollectedEgress}es, for
 *     the caller to consume
 */
@Internal
public record AssembledJob(
    Application application, Map<TypeName, DataStream<TypedValue>> collectedEgresses) {}

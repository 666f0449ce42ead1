package io.statefun.runtime.harness;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.CloseableIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A submitted application. Closing it cancels the job and stops the egress consumers. */
public final class RunningApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningApplication.class);

  private final JobClient client;
  private final List<CloseableIterator<TypedValue>> iterators = new ArrayList<>();
  private final List<Thread> consumers = new ArrayList<>();

  RunningApplication(
      JobClient client,
      Map<TypeName, DataStream.Collector<TypedValue>> collectors,
      Map<TypeName, Consumer<TypedValue>> egressConsumers) {
    this.client = client;
    collectors.forEach(
        (id, collector) -> {
          CloseableIterator<TypedValue> values = collector.getOutput();
          iterators.add(values);
          Consumer<TypedValue> consumer = egressConsumers.get(id);
          Thread thread = new Thread(() -> consume(id, values, consumer), "egress " + id);
          thread.setDaemon(true);
          thread.start();
          consumers.add(thread);
        });
  }

  public JobID jobId() {
    return client.getJobID();
  }

  public JobClient jobClient() {
    return client;
  }

  public JobStatus status() throws Exception {
    return client.getJobStatus().get(10, TimeUnit.SECONDS);
  }

  private static void consume(
      TypeName id, CloseableIterator<TypedValue> values, Consumer<TypedValue> consumer) {
    try {
      while (values.hasNext()) {
        consumer.accept(values.next());
      }
    } catch (Exception e) {
      LOG.debug("Stopped consuming egress {}: {}", id, e.toString());
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (!client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
        client.cancel().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.debug("Cancelling {} failed: {}", client.getJobID(), e.toString());
    }
    for (CloseableIterator<TypedValue> iterator : iterators) {
      try {
        iterator.close();
      } catch (Exception e) {
        LOG.debug("Closing an egress iterator failed: {}", e.toString());
      }
    }
    for (Thread consumer : consumers) {
      consumer.join(TimeUnit.SECONDS.toMillis(10));
    }
  }
}

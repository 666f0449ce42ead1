package io.statefun.distribution;

import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.job.StatefunJobAssembler;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a Stateful Functions application packaged as a Flink job JAR: it assembles the
 * same job as {@code statefun master} (same operators, uids and state, so a savepoint of either
 * restores in the other) from what the JAR holds, and runs it on the cluster it was submitted to.
 *
 * <p>The application is everything on the job's class path: the modules {@link
 * java.util.ServiceLoader} finds ({@code
 * META-INF/services/io.statefun.sdk.spi.StatefulFunctionModule}), every {@code module.yaml}
 * resource, and the {@code module.yaml} named by the option {@code statefun.module.yaml} (a file or
 * URL), if set. The configuration is Flink's: the cluster's {@code config.yaml}, then {@code -D}
 * options, which {@code flink run} takes only before the JAR:
 *
 * <pre>
 * flink run -Dstatefun.module.global-config.kafka-address=kafka:9092 my-app-flink-job.jar
 * flink run -c io.statefun.distribution.StatefulFunctionsJob my-app.jar
 * </pre>
 *
 * <p>Global configuration for the modules is every {@code statefun.module.global-config.KEY}. If
 * the configuration sets no checkpoint interval, the job checkpoints every {@value
 * #DEFAULT_CHECKPOINT_INTERVAL_SECONDS} s, as {@code statefun master} does: exactly-once egresses
 * publish only on checkpoints.
 */
public final class StatefulFunctionsJob {
  private static final Logger LOG = LoggerFactory.getLogger(StatefulFunctionsJob.class);
  static final long DEFAULT_CHECKPOINT_INTERVAL_SECONDS = 10;

  private StatefulFunctionsJob() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 0) {
      throw new IllegalArgumentException(
          "StatefulFunctionsJob takes no program arguments, got "
              + Arrays.toString(args)
              + ": configure it with Flink options, which 'flink run' takes before the JAR"
              + " (flink run -Dstatefun.module.global-config.KEY=VALUE app.jar)");
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration configuration = Configuration.fromMap(env.getConfiguration().toMap());
    if (!configuration.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
      Duration interval = Duration.ofSeconds(DEFAULT_CHECKPOINT_INTERVAL_SECONDS);
      LOG.info(
          "No {} configured: checkpointing every {}", "execution.checkpointing.interval", interval);
      env.enableCheckpointing(interval.toMillis());
    }
    ClassLoader userCode = Thread.currentThread().getContextClassLoader();
    StatefunJobAssembler.assemble(
        env, ClassPathApplication.loader(userCode, configuration), configuration);
    env.execute(configuration.get(StatefunOptions.JOB_NAME));
  }
}

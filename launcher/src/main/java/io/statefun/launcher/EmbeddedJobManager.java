package io.statefun.launcher;

import org.apache.flink.client.deployment.application.ApplicationClusterEntryPoint;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.entrypoint.ClusterEntrypoint;
import org.apache.flink.runtime.resourcemanager.StandaloneResourceManagerFactory;

/**
 * A Flink JobManager in application mode whose one program is the {@link StatefunJob}: the job is
 * assembled inside this JVM, from the classes of the launcher's class path and the module folders,
 * and the cluster shuts down when the job ends (e.g. stopped with a savepoint).
 */
final class EmbeddedJobManager extends ApplicationClusterEntryPoint {
  private EmbeddedJobManager(Configuration configuration, PackagedProgram program) {
    super(configuration, program, StandaloneResourceManagerFactory.getInstance());
  }

  /** Runs the cluster until the job ends; calls {@link System#exit} with the cluster's result. */
  static void run(Configuration configuration, PackagedProgram program) throws Exception {
    configureExecution(configuration, program);
    ClusterEntrypoint.runClusterEntrypoint(new EmbeddedJobManager(configuration, program));
  }
}

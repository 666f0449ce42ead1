package io.statefun.launcher;

import io.statefun.runtime.config.StatefunOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmanager.HighAvailabilityMode;
import picocli.CommandLine.Option;

/**
 * Where a job starts: an explicit savepoint ({@code -s}), a fresh start ({@code --fresh}), or, by
 * default, the newest complete checkpoint or savepoint of the same job, so that a master killed and
 * started again with the same command resumes where it was instead of starting over.
 *
 * <p>The job gets an id derived from its name ({@code statefun.job-name}) so its checkpoints are
 * found again. With Flink's high availability ({@code high-availability.type}) the HA services
 * choose the job id and recover its checkpoints; then only {@code -s} is applied here.
 */
final class RestoreOptions {
  @Option(
      names = {"-s", "--from-savepoint"},
      paramLabel = "PATH",
      description =
          "Restore the job's state from this savepoint or retained checkpoint (instead of the"
              + " newest checkpoint of the job).")
  String savepoint;

  @Option(
      names = {"-n", "--allow-non-restored-state"},
      description = "With -s: accept state in the savepoint that no operator of the job claims.")
  boolean allowNonRestoredState;

  @Option(
      names = "--fresh",
      description =
          "Start the job without state, even if it has checkpoints: its checkpoint folder is moved"
              + " aside (to <job id>-before-<time>), nothing is deleted.")
  boolean fresh;

  /** Adds {@code -s} to the configuration; pure, touches no files. */
  void applyExplicit(Configuration configuration) {
    if (savepoint != null && fresh) {
      throw new LauncherException("-s/--from-savepoint and --fresh exclude each other");
    }
    if (savepoint != null) {
      SavepointRestoreSettings.toConfiguration(
          SavepointRestoreSettings.forPath(savepoint, allowNonRestoredState), configuration);
    }
  }

  /**
   * Fixes the job's id and, unless {@code -s} or {@code --fresh} decided otherwise, points the job
   * at its newest complete checkpoint or savepoint (claimed: the job owns it from then on, as if it
   * had never stopped). Returns what was chosen, for the start-up log line.
   */
  String resolve(Configuration configuration) {
    if (HighAvailabilityMode.isHighAvailabilityModeActivated(configuration)) {
      return savepoint != null
          ? "restoring " + savepoint
          : "high availability: the HA services recover the job's checkpoints";
    }
    JobID jobId =
        configuration
            .getOptional(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID)
            .map(JobID::fromHexString)
            .orElseGet(
                () -> JobCheckpoints.stableJobId(configuration.get(StatefunOptions.JOB_NAME)));
    configuration.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId.toHexString());
    if (savepoint != null) {
      return "job " + jobId + ", restoring " + savepoint;
    }
    JobCheckpoints checkpoints =
        new JobCheckpoints(
            new Path(configuration.getString("execution.checkpointing.dir", null)),
            new Path(configuration.getString("execution.checkpointing.savepoint-dir", null)),
            jobId);
    try {
      if (fresh) {
        Optional<Path> movedTo = checkpoints.startFresh(Instant.now());
        return "job "
            + jobId
            + ", starting fresh"
            + movedTo.map(to -> " (its earlier checkpoints moved to " + to + ")").orElse("");
      }
      Optional<JobCheckpoints.RestorePoint> newest = checkpoints.newest();
      if (newest.isEmpty()) {
        return "job " + jobId + ", no checkpoint of it yet: starting without state";
      }
      SavepointRestoreSettings.toConfiguration(
          SavepointRestoreSettings.forPath(
              newest.get().folder().toString(), false, RecoveryClaimMode.CLAIM),
          configuration);
      return "job " + jobId + ", resuming from its newest " + newest.get().describe();
    } catch (IOException e) {
      throw new LauncherException(
          "Could not look for the job's checkpoints in "
              + configuration.getString("execution.checkpointing.dir", null)
              + ": "
              + e.getMessage()
              + " (start with --fresh or -s PATH to skip the search)",
          e);
    }
  }
}

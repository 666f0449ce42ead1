package io.statefun.launcher;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completed checkpoints and savepoints one job has left behind, found by its stable job id:
 * where a restarted master resumes.
 *
 * <p>Flink writes a job's checkpoints to {@code <checkpoint dir>/<job id>/chk-<n>/} and a savepoint
 * to {@code <savepoint dir>/savepoint-<first 6 hex digits of the job id>-<random>/}; either is
 * complete once its {@code _metadata} file is. A master that is killed leaves the newest ones on
 * disk (checkpoints are retained on cancellation and failure), and a job stopped with a savepoint
 * leaves that savepoint. The newest restore point is the one with the highest checkpoint id: ids go
 * on counting across restores, so they order one job's history.
 *
 * <p>{@link #startFresh} begins a new history: the job's checkpoint folder is moved aside, and a
 * marker in the new one hides the savepoints taken before it.
 */
final class JobCheckpoints {
  private static final Logger LOG = LoggerFactory.getLogger(JobCheckpoints.class);
  static final String METADATA = "_metadata";
  static final String FRESH_START_MARKER = "FRESH_START";
  private static final DateTimeFormatter MOVED_ASIDE_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path jobFolder;
  private final Path savepointFolder;
  private final JobID jobId;

  JobCheckpoints(Path checkpointFolder, Path savepointFolder, JobID jobId) {
    this.jobFolder = new Path(checkpointFolder, jobId.toHexString());
    this.savepointFolder = savepointFolder;
    this.jobId = jobId;
  }

  /**
   * The id every run of the job named {@code jobName} gets, so its checkpoints are found again
   * after a restart: derived from the name, so two jobs with different names never share one.
   */
  static JobID stableJobId(String jobName) {
    UUID uuid =
        UUID.nameUUIDFromBytes(("statefun-job:" + jobName).getBytes(StandardCharsets.UTF_8));
    return new JobID(uuid.getLeastSignificantBits(), uuid.getMostSignificantBits());
  }

  /** A checkpoint or savepoint that can be restored: its folder and checkpoint id. */
  record RestorePoint(Path folder, long checkpointId) {
    String describe() {
      String kind = folder.getName().startsWith("savepoint-") ? "savepoint" : "checkpoint";
      return kind + " " + checkpointId + " at " + folder;
    }
  }

  /**
   * The newest complete checkpoint or savepoint of the job, or none. A folder without {@code
   * _metadata}, or whose metadata cannot be read (a checkpoint being written or deleted when the
   * master died), is skipped with a warning.
   */
  Optional<RestorePoint> newest() throws IOException {
    long freshStart = freshStartTime();
    List<Path> candidates = new ArrayList<>(folders(jobFolder, "chk-"));
    String prefix = "savepoint-" + jobId.toHexString().substring(0, 6) + "-";
    candidates.addAll(folders(savepointFolder, prefix));
    List<RestorePoint> complete = new ArrayList<>();
    for (Path candidate : candidates) {
      readable(candidate, freshStart).ifPresent(complete::add);
    }
    return complete.stream().max(Comparator.comparingLong(RestorePoint::checkpointId));
  }

  /**
   * Starts the job's history anew: moves its checkpoint folder aside (nothing is deleted) and marks
   * the new one, so neither those checkpoints nor earlier savepoints are resumed from. Returns
   * where the old folder went, if there was one.
   */
  Optional<Path> startFresh(Instant now) throws IOException {
    FileSystem fs = jobFolder.getFileSystem();
    Optional<Path> movedTo = Optional.empty();
    if (fs.exists(jobFolder)) {
      Path aside =
          new Path(
              jobFolder.getParent(),
              jobFolder.getName() + "-before-" + MOVED_ASIDE_SUFFIX.format(now));
      if (!fs.rename(jobFolder, aside)) {
        throw new IOException("Could not move " + jobFolder + " to " + aside);
      }
      movedTo = Optional.of(aside);
    }
    fs.mkdirs(jobFolder);
    try (var out =
        fs.create(new Path(jobFolder, FRESH_START_MARKER), FileSystem.WriteMode.OVERWRITE)) {
      out.write((now + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return movedTo;
  }

  private long freshStartTime() throws IOException {
    Path marker = new Path(jobFolder, FRESH_START_MARKER);
    FileSystem fs = marker.getFileSystem();
    return fs.exists(marker) ? fs.getFileStatus(marker).getModificationTime() : Long.MIN_VALUE;
  }

  private static List<Path> folders(Path parent, String namePrefix) throws IOException {
    FileSystem fs = parent.getFileSystem();
    if (!fs.exists(parent)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    FileStatus[] statuses = fs.listStatus(parent);
    for (FileStatus status : statuses == null ? new FileStatus[0] : statuses) {
      if (status.isDir() && status.getPath().getName().startsWith(namePrefix)) {
        found.add(status.getPath());
      }
    }
    return found;
  }

  private static Optional<RestorePoint> readable(Path folder, long notBefore) {
    Path metadata = new Path(folder, METADATA);
    try {
      FileSystem fs = metadata.getFileSystem();
      if (!fs.exists(metadata)) {
        LOG.debug("Skipping {}: no {} (not complete)", folder, METADATA);
        return Optional.empty();
      }
      if (fs.getFileStatus(metadata).getModificationTime() < notBefore) {
        return Optional.empty(); // before the last fresh start
      }
      try (FSDataInputStream in = fs.open(metadata)) {
        CheckpointMetadata read =
            Checkpoints.loadCheckpointMetadata(
                new DataInputStream(in), JobCheckpoints.class.getClassLoader(), folder.toString());
        return Optional.of(new RestorePoint(folder, read.getCheckpointId()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Skipping {}: its {} cannot be read ({})", folder, METADATA, e.toString());
      return Optional.empty();
    }
  }
}

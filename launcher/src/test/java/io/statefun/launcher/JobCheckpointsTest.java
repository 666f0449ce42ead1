package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.launcher.JobCheckpoints.RestorePoint;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding where a restarted job resumes, on folders laid out as Flink writes them. */
class JobCheckpointsTest {
  @TempDir Path base;

  private final JobID job = JobCheckpoints.stableJobId("greeter");

  @Test
  void theJobIdIsStableForANameAndDiffersBetweenNames() {
    assertThat(JobCheckpoints.stableJobId("greeter")).isEqualTo(job);
    assertThat(JobCheckpoints.stableJobId("statefun")).isNotEqualTo(job);
  }

  @Test
  void nothingToResumeWhenTheJobNeverCheckpointed() throws IOException {
    assertThat(checkpoints().newest()).isEmpty();
    checkpoint(JobCheckpoints.stableJobId("another-job"), 7);
    assertThat(checkpoints().newest()).isEmpty();
  }

  @Test
  void theNewestCompleteCheckpointWins() throws IOException {
    checkpoint(job, 3);
    Path newest = checkpoint(job, 12);
    checkpoint(job, 9);

    assertResumesFrom(newest, 12);
  }

  @Test
  void aCheckpointWithoutMetadataOrWithUnreadableMetadataIsSkipped() throws IOException {
    Path complete = checkpoint(job, 4);
    Files.createDirectories(jobFolder().resolve("chk-5")); // being written when the master died
    Path torn = Files.createDirectories(jobFolder().resolve("chk-6"));
    Files.write(torn.resolve("_metadata"), new byte[] {1, 2, 3}); // cut short

    assertResumesFrom(complete, 4);
  }

  @Test
  void aNewerSavepointOfTheJobWinsOverItsCheckpoints() throws IOException {
    checkpoint(job, 20);
    Path savepoint = savepoint(job, 21, "a1b2c3d4e5f6");
    savepoint(JobCheckpoints.stableJobId("another-job"), 40, "000000000000");

    assertResumesFrom(savepoint, 21);
  }

  @Test
  void aFreshStartMovesTheCheckpointsAsideAndHidesEarlierSavepoints() throws IOException {
    Path old = checkpoint(job, 30);
    Path savepoint = savepoint(job, 31, "a1b2c3d4e5f6");
    Files.setLastModifiedTime(
        savepoint.resolve("_metadata"), FileTime.from(Instant.now().minusSeconds(60)));

    Optional<org.apache.flink.core.fs.Path> movedTo = checkpoints().startFresh(Instant.now());

    assertThat(movedTo).isPresent();
    assertThat(Path.of(movedTo.get().toUri()).resolve(old.getFileName()).resolve("_metadata"))
        .exists();
    assertThat(checkpoints().newest()).isEmpty();
    Path next = checkpoint(job, 1); // the new history's first checkpoint
    assertResumesFrom(next, 1);
  }

  private void assertResumesFrom(Path folder, long checkpointId) throws IOException {
    Optional<RestorePoint> newest = checkpoints().newest();
    assertThat(newest).isPresent();
    assertThat(Path.of(newest.get().folder().toUri())).isEqualTo(folder);
    assertThat(newest.get().checkpointId()).isEqualTo(checkpointId);
  }

  private JobCheckpoints checkpoints() {
    return new JobCheckpoints(
        flink(base.resolve("checkpoints")), flink(base.resolve("savepoints")), job);
  }

  private Path jobFolder() {
    return base.resolve("checkpoints").resolve(job.toHexString());
  }

  private Path checkpoint(JobID of, long id) throws IOException {
    Path folder = base.resolve("checkpoints").resolve(of.toHexString()).resolve("chk-" + id);
    writeMetadata(folder, id);
    return folder;
  }

  private Path savepoint(JobID of, long id, String random) throws IOException {
    Path folder =
        base.resolve("savepoints")
            .resolve("savepoint-" + of.toHexString().substring(0, 6) + "-" + random);
    writeMetadata(folder, id);
    return folder;
  }

  private static void writeMetadata(Path folder, long checkpointId) throws IOException {
    Files.createDirectories(folder);
    try (OutputStream out = Files.newOutputStream(folder.resolve("_metadata"))) {
      Checkpoints.storeCheckpointMetadata(
          new CheckpointMetadata(checkpointId, List.of(), List.of()), new DataOutputStream(out));
    }
  }

  private static org.apache.flink.core.fs.Path flink(Path path) {
    return new org.apache.flink.core.fs.Path(path.toUri());
  }
}

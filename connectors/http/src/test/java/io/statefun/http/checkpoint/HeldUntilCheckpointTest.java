package io.statefun.http.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldUntilCheckpointTest {

  @Test
  void aCompletedCheckpointReleasesItsRecordsAndEarlierOnesInOrder() {
    HeldUntilCheckpoint<String> held = new HeldUntilCheckpoint<>();
    held.add("a");
    held.add("b");
    held.snapshot(1);
    held.add("c");
    assertThat(held.snapshot(2)).containsOnlyKeys(1L, 2L);
    held.add("d"); // after the snapshot of 2: belongs to the next checkpoint
    held.snapshot(3);
    List<String> released = new ArrayList<>();

    held.complete(2, (checkpoint, records) -> released.addAll(records));

    assertThat(released).containsExactly("a", "b", "c");
    assertThat(held.snapshot(4)).containsOnlyKeys(3L);
  }

  @Test
  void aSnapshotWithNothingNewAddsNoCheckpoint() {
    HeldUntilCheckpoint<String> held = new HeldUntilCheckpoint<>();

    assertThat(held.snapshot(1)).isEmpty();
    held.complete(1, (checkpoint, records) -> assertThat(records).isEmpty());
  }
}

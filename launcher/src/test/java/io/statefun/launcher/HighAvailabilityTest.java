package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.junit.jupiter.api.Test;

/** With Flink's high availability, the HA services, not the launcher, recover the job. */
class HighAvailabilityTest {

  @Test
  void kubernetesHaServicesAreOnTheDistributionsClassPath() throws Exception {
    assertThat(
            Class.forName(
                "org.apache.flink.kubernetes.highavailability.KubernetesHaServicesFactory"))
        .isNotNull();
  }

  @Test
  void withHighAvailabilityTheMasterLeavesJobIdAndRestoreToTheHaServices() {
    MasterCommand master =
        Cli.parse(
            Map.of(),
            "master",
            "-D",
            "high-availability.type=kubernetes",
            "-D",
            "high-availability.storageDir=file:///ha");
    Configuration configuration = master.configuration(Map.of());

    String start = master.restore.resolve(configuration);

    assertThat(start).contains("HA services");
    assertThat(configuration.getOptional(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID)).isEmpty();
    assertThat(SavepointRestoreSettings.fromConfiguration(configuration).restoreSavepoint())
        .isFalse();
  }
}

package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * StateFun's image convention: without a subcommand, ROLE picks one and MASTER_HOST names the
 * master.
 */
class ImageConventionTest {
  @Test
  void roleWithoutSubcommandPicksTheSubcommand() {
    assertThat(Main.withRoleFromEnvironment(new String[0], Map.of("ROLE", "master")))
        .containsExactly("master");
    assertThat(Main.withRoleFromEnvironment(new String[] {"-p", "2"}, Map.of("ROLE", "master")))
        .containsExactly("master", "-p", "2");
    assertThat(Main.withRoleFromEnvironment(new String[] {"-D", "a=b"}, Map.of("ROLE", "worker")))
        .containsExactly("worker", "-D", "a=b");
  }

  @Test
  void anExplicitSubcommandOrHelpWinsOverRole() {
    assertThat(Main.withRoleFromEnvironment(new String[] {"describe"}, Map.of("ROLE", "worker")))
        .containsExactly("describe");
    assertThat(Main.withRoleFromEnvironment(new String[] {"--help"}, Map.of("ROLE", "worker")))
        .containsExactly("--help");
    assertThat(Main.withRoleFromEnvironment(new String[] {"--version"}, Map.of("ROLE", "master")))
        .containsExactly("--version");
  }

  @Test
  void anUnknownRoleIsRefused() {
    assertThat(Main.withRoleFromEnvironment(new String[0], Map.of("ROLE", "jobmanager"))).isNull();
    assertThat(Main.run(new String[0], Map.of("ROLE", "jobmanager"))).isEqualTo(2);
  }

  @Test
  void neitherSubcommandNorRoleIsAUsageError() {
    Cli.Result result = Cli.run(Map.of());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("Missing subcommand: local, master, worker, describe or state");
  }

  @Test
  void aWorkerByRoleJoinsTheMasterNamedByMasterHost() {
    Map<String, String> environment = Map.of("ROLE", "worker", "MASTER_HOST", "statefun-master");
    WorkerCommand worker =
        Cli.parse(environment, Main.withRoleFromEnvironment(new String[0], environment));

    assertThat(worker.configuration(environment).getString("jobmanager.rpc.address", null))
        .isEqualTo("statefun-master");
    assertThat(worker.configuration(environment).getString("jobmanager.rpc.port", null))
        .isEqualTo("6123");
  }

  @Test
  void aMasterByRoleAdvertisesItselfAsMasterHost() {
    Map<String, String> environment = Map.of("ROLE", "master", "MASTER_HOST", "statefun-master");
    MasterCommand master =
        Cli.parse(environment, Main.withRoleFromEnvironment(new String[0], environment));

    assertThat(master.configuration(environment).getString("jobmanager.rpc.address", null))
        .isEqualTo("statefun-master");
    assertThat(master.configuration(environment).getString("rest.address", null))
        .isEqualTo("statefun-master");
  }
}

package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options of the subcommands and the Flink configuration they turn into; no cluster starts. */
class CommandOptionsTest {
  private static final Map<String, String> NO_ENVIRONMENT = Map.of();

  @TempDir Path home;

  @Test
  void parallelismOptionSetsTheDefaultParallelism() {
    MasterCommand master = Cli.parse(NO_ENVIRONMENT, "master", "-p", "3");
    assertThat(master.configuration(NO_ENVIRONMENT).getString("parallelism.default", null))
        .isEqualTo("3");

    MasterCommand longForm = Cli.parse(NO_ENVIRONMENT, "master", "--parallelism", "5");
    assertThat(longForm.configuration(NO_ENVIRONMENT).getString("parallelism.default", null))
        .isEqualTo("5");

    LocalCommand local = Cli.parse(NO_ENVIRONMENT, "local", "-p", "4");
    assertThat(local.parallelism).isEqualTo(4);
  }

  @Test
  void dynamicPropertiesAreRepeatableAttachedOrSeparate() {
    MasterCommand master =
        Cli.parse(
            NO_ENVIRONMENT,
            "master",
            "-D",
            "rest.port=9001",
            "-Dstate.backend.type=hashmap",
            "-D",
            "a.b=x=y");
    Configuration configuration = master.configuration(NO_ENVIRONMENT);

    assertThat(configuration.getString("rest.port", null)).isEqualTo("9001");
    assertThat(configuration.getString("state.backend.type", null)).isEqualTo("hashmap");
    assertThat(configuration.getString("a.b", null)).isEqualTo("x=y");
  }

  @Test
  void fromSavepointRestoresThatPath() {
    MasterCommand master =
        Cli.parse(NO_ENVIRONMENT, "master", "-s", "file:///savepoints/savepoint-1");
    SavepointRestoreSettings restore =
        SavepointRestoreSettings.fromConfiguration(master.configuration(NO_ENVIRONMENT));
    assertThat(restore.getRestorePath()).isEqualTo("file:///savepoints/savepoint-1");
    assertThat(restore.allowNonRestoredState()).isFalse();

    MasterCommand lenient =
        Cli.parse(
            NO_ENVIRONMENT, "master", "--from-savepoint", "/sp", "--allow-non-restored-state");
    SavepointRestoreSettings lenientRestore =
        SavepointRestoreSettings.fromConfiguration(lenient.configuration(NO_ENVIRONMENT));
    assertThat(lenientRestore.getRestorePath()).isEqualTo("/sp");
    assertThat(lenientRestore.allowNonRestoredState()).isTrue();
  }

  @Test
  void fromSavepointAndFreshExcludeEachOther() {
    MasterCommand master = Cli.parse(NO_ENVIRONMENT, "master", "-s", "/sp", "--fresh");
    assertThatThrownBy(() -> master.configuration(NO_ENVIRONMENT))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("--fresh");
  }

  @Test
  void checkpointsAreKeptWhenTheJobIsCancelledOrFailsSoARestartedMasterFindsThem() {
    Configuration configuration =
        Cli.<MasterCommand>parse(NO_ENVIRONMENT, "master").configuration(NO_ENVIRONMENT);
    assertThat(
            configuration.getString(
                "execution.checkpointing.externalized-checkpoint-retention", null))
        .isEqualTo("RETAIN_ON_CANCELLATION");
  }

  @Test
  void withoutFromSavepointTheMasterStartsWithoutState() {
    MasterCommand master = Cli.parse(NO_ENVIRONMENT, "master");
    assertThat(
            SavepointRestoreSettings.fromConfiguration(master.configuration(NO_ENVIRONMENT))
                .restoreSavepoint())
        .isFalse();
  }

  @Test
  void masterOptionTakesAHostAndAnOptionalPort() {
    WorkerCommand withPort = Cli.parse(NO_ENVIRONMENT, "worker", "--master", "10.0.0.5:7000");
    Configuration configuration = withPort.configuration(NO_ENVIRONMENT);
    assertThat(configuration.getString("jobmanager.rpc.address", null)).isEqualTo("10.0.0.5");
    assertThat(configuration.getString("jobmanager.rpc.port", null)).isEqualTo("7000");

    WorkerCommand hostOnly = Cli.parse(NO_ENVIRONMENT, "worker", "--master", "master.example");
    Configuration defaultPort = hostOnly.configuration(NO_ENVIRONMENT);
    assertThat(defaultPort.getString("jobmanager.rpc.address", null)).isEqualTo("master.example");
    assertThat(defaultPort.getString("jobmanager.rpc.port", null)).isEqualTo("6123");
  }

  @Test
  void masterOptionWithoutHostOrWithABadPortIsRefused() {
    WorkerCommand noHost = Cli.parse(NO_ENVIRONMENT, "worker", "--master", ":7000");
    assertThatThrownBy(() -> noHost.configuration(NO_ENVIRONMENT))
        .isInstanceOf(LauncherException.class)
        .hasMessage("--master :7000: the host is missing");

    WorkerCommand badPort = Cli.parse(NO_ENVIRONMENT, "worker", "--master", "host:http");
    assertThatThrownBy(() -> badPort.configuration(NO_ENVIRONMENT))
        .isInstanceOf(LauncherException.class)
        .hasMessage("--master host:http: the port must be a number from 1 to 65535");

    WorkerCommand portOutOfRange = Cli.parse(NO_ENVIRONMENT, "worker", "--master", "host:70000");
    assertThatThrownBy(() -> portOutOfRange.configuration(NO_ENVIRONMENT))
        .hasMessage("--master host:70000: the port must be a number from 1 to 65535");
  }

  @Test
  void masterOptionTakesIpv6AddressesWithBracketsForAPort() {
    Configuration withPort = new Configuration();
    WorkerCommand.applyMaster(withPort, "[::1]:7000");
    assertThat(withPort.getString("jobmanager.rpc.address", null)).isEqualTo("::1");
    assertThat(withPort.getString("jobmanager.rpc.port", null)).isEqualTo("7000");

    Configuration withoutPort = new Configuration();
    WorkerCommand.applyMaster(withoutPort, "fd00::5");
    assertThat(withoutPort.getString("jobmanager.rpc.address", null)).isEqualTo("fd00::5");
    assertThat(withoutPort.containsKey("jobmanager.rpc.port")).isFalse();
  }

  @Test
  void masterOptionWinsOverMasterHostAndDynamicProperties() {
    Map<String, String> environment = Map.of("MASTER_HOST", "from-environment");
    WorkerCommand worker =
        Cli.parse(
            environment,
            "worker",
            "--master",
            "from-option",
            "-D",
            "jobmanager.rpc.address=from-d");
    assertThat(worker.configuration(environment).getString("jobmanager.rpc.address", null))
        .isEqualTo("from-option");
  }

  @Test
  void aWorkerGetsTheMemorySettingsFlinksStartScriptsWouldDerive() {
    WorkerCommand worker =
        Cli.parse(NO_ENVIRONMENT, "worker", "-D", "taskmanager.memory.process.size=1g");
    Configuration configuration = worker.configuration(NO_ENVIRONMENT);
    assertThat(configuration.getString("taskmanager.memory.task.heap.size", null)).isNotBlank();
    assertThat(configuration.getString("taskmanager.memory.network.max", null)).isNotBlank();
    assertThat(configuration.getString("taskmanager.numberOfTaskSlots", null)).isEqualTo("2");
  }

  @Test
  void theMasterRunsItsProgramAttachedWithRestOnItsRpcAddress() {
    MasterCommand master =
        Cli.parse(NO_ENVIRONMENT, "master", "-D", "jobmanager.rpc.address=10.1.2.3");
    Configuration configuration = master.configuration(NO_ENVIRONMENT);
    assertThat(configuration.getString("execution.attached", null)).isEqualTo("true");
    assertThat(configuration.getString("rest.address", null)).isEqualTo("10.1.2.3");
    assertThat(configuration.getString("rest.port", null)).isEqualTo("8081");
    assertThat(configuration.getString("state.backend.type", null)).isEqualTo("rocksdb");
  }

  @Test
  void checkpointsGoUnderTheDistributionUnlessConfigured() throws Exception {
    Map<String, String> environment = Map.of("STATEFUN_HOME", home.toString());
    MasterCommand master = Cli.parse(environment, "master");
    assertThat(master.configuration(environment).getString("execution.checkpointing.dir", null))
        .isEqualTo(home.toAbsolutePath().resolve("checkpoints").toUri().toString());

    Files.createDirectories(home.resolve("conf"));
    Files.writeString(
        home.resolve("conf/config.yaml"), "execution.checkpointing.dir: s3://bucket/checkpoints\n");
    assertThat(master.configuration(environment).getString("execution.checkpointing.dir", null))
        .isEqualTo("s3://bucket/checkpoints");
  }

  @Test
  void versionNamesOursFlinksAndJavasVersion() {
    Cli.Result result = Cli.run(NO_ENVIRONMENT, "--version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("statefun ")
        .contains("Apache Flink 2.")
        .containsPattern("Java \\d+");
  }

  @Test
  void helpOfEachSubcommandListsItsOptions() {
    assertThat(Cli.run(NO_ENVIRONMENT, "master", "--help").out())
        .contains("--from-savepoint", "-p, --parallelism", "--modules");
    assertThat(Cli.run(NO_ENVIRONMENT, "worker", "--help").out())
        .contains("--master=HOST[:PORT]", "-D=key=value");
    assertThat(Cli.run(NO_ENVIRONMENT, "local", "--help").out())
        .contains("--state-dir", "-p, --parallelism");
    assertThat(Cli.run(NO_ENVIRONMENT, "describe", "--help").out()).contains("--modules");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Cli.Result result = Cli.run(NO_ENVIRONMENT, "master", "--paralelism", "2");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("'--paralelism'")
        .contains("Possible solutions: --parallelism");
  }
}

package io.statefun.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The {@code statefun.admin.*} options, read into the live state endpoint's spec. */
class AdminSpecTest {

  @Test
  void theEndpointIsOffUnlessEnabled() {
    assertThat(AdminSpec.fromConfiguration(new Configuration())).isEmpty();
  }

  @Test
  void enabledItBindsTheLoopbackAddressWithoutATokenByDefault() {
    Configuration conf = new Configuration();
    conf.setString("statefun.admin.enabled", "true");

    AdminSpec spec = AdminSpec.fromConfiguration(conf).orElseThrow();

    assertThat(spec.bindHost()).isEqualTo("127.0.0.1");
    assertThat(spec.port()).isEqualTo(8092);
    assertThat(spec.token()).isEmpty();
    assertThat(spec.id()).isEqualTo(AdminSpec.ID);
  }

  @Test
  void anAddressThatIsNotLoopbackNeedsAToken() {
    Configuration conf = new Configuration();
    conf.setString("statefun.admin.enabled", "true");
    conf.setString("statefun.admin.bind-host", "0.0.0.0");

    assertThatThrownBy(() -> AdminSpec.fromConfiguration(conf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0.0.0")
        .hasMessageContaining("statefun.admin.bind-host")
        .hasMessageContaining("set statefun.admin.token");

    conf.setString("statefun.admin.token", "s3cret");
    AdminSpec spec = AdminSpec.fromConfiguration(conf).orElseThrow();
    assertThat(spec.token()).hasValue("s3cret");
    assertThat(spec.toString()).doesNotContain("s3cret");
  }

  @Test
  void localhostIsLoopbackAndBadValuesAreRefusedNamingTheOption() {
    Configuration conf = new Configuration();
    conf.setString("statefun.admin.enabled", "true");
    conf.setString("statefun.admin.bind-host", "localhost");
    assertThat(AdminSpec.fromConfiguration(conf)).isPresent();

    conf.setString("statefun.admin.port", "0");
    assertThatThrownBy(() -> AdminSpec.fromConfiguration(conf))
        .hasMessageContaining("statefun.admin.port");
    conf.setString("statefun.admin.port", "8092");
    conf.setString("statefun.admin.token", " ");
    assertThatThrownBy(() -> AdminSpec.fromConfiguration(conf))
        .hasMessageContaining("statefun.admin.token");
  }
}

package io.statefun.kafka.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleYaml;
import io.statefun.sdk.TypeName;
import org.junit.jupiter.api.Test;

/**
 * StateFun 3.0's single-document module.yaml with Kafka ingress and egress, as StateFun's 3.0
 * playground wrote it.
 */
class LegacyKafkaModuleYamlTest {

  private static Application load(String yaml) {
    return ApplicationLoader.builder()
        .discoverModules(false)
        .withYamlModule(new ModuleYaml("greeter/module.yaml", yaml))
        .build()
        .load(LegacyKafkaModuleYamlTest.class.getClassLoader());
  }

  private static final String LEGACY =
      """
      version: "3.0"
      module:
        meta:
          type: remote
        spec:
          ingresses:
            - ingress:
                meta:
                  type: io.statefun.kafka/ingress
                  id: example/names
                spec:
                  address: kafka:9092
                  consumerGroupId: my-group-id
                  startupPosition: {type: earliest}
                  topics:
                    - topic: names
                      valueType: example/GreetRequest
                      targets:
                        - example/person
          egresses:
            - egress:
                meta:
                  type: io.statefun.kafka/egress
                  id: example/greets
                spec:
                  address: kafka:9092
                  deliverySemantic:
                    type: exactly-once
                    transactionTimeoutMillis: 100000
      """;

  private static final String COMPONENTS =
      """
      kind: io.statefun.kafka.v1/ingress
      spec:
        id: example/names
        address: kafka:9092
        consumerGroupId: my-group-id
        startupPosition: {type: earliest}
        topics:
          - topic: names
            valueType: example/GreetRequest
            targets:
              - example/person
      ---
      kind: io.statefun.kafka.v1/egress
      spec:
        id: example/greets
        address: kafka:9092
        deliverySemantic:
          type: exactly-once
          transactionTimeoutMillis: 100000
      """;

  @Test
  void legacyKafkaTypesBindTheSameSpecsAsTheV1Kinds() {
    Application legacy = load(LEGACY);

    assertThat(legacy.ingresses()).containsOnlyKeys(TypeName.parse("example/names"));
    assertThat(legacy.egresses()).containsOnlyKeys(TypeName.parse("example/greets"));
    assertThat(legacy).usingRecursiveComparison().isEqualTo(load(COMPONENTS));
  }

  @Test
  void aKafkaSpecErrorNamesItsLineInTheLegacyFile() {
    assertThatThrownBy(() -> load(LEGACY.replace("consumerGroupId", "consumerGroupID")))
        .hasMessageStartingWith("greeter/module.yaml:13: ")
        .hasMessageContaining("consumerGroupID");
    assertThatThrownBy(() -> load(LEGACY.replace("type: exactly-once", "type: twice")))
        .hasMessageStartingWith("greeter/module.yaml:25: ")
        .hasMessageContaining("io.statefun.kafka.v1/egress");
  }
}

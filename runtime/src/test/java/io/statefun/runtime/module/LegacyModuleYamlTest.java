package io.statefun.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.TypeName;
import org.junit.jupiter.api.Test;

/** The single-document {@code version: "3.0"} format, translated into components. */
class LegacyModuleYamlTest {

  private static final String COMPONENTS =
      """
      kind: io.statefun.endpoints.v1/http
      spec:
        functions: example/*
        urlPathTemplate: http://functions:8000/statefun
        maxNumBatchRequests: 10000
        timeouts: {call: 2min, connect: 10s, read: 10s, write: 10s}
      ---
      kind: test.v1/recorded
      spec:
        id: example/names
        address: kafka:9092
        topics:
          - topic: names
            targets: [example/person]
      ---
      kind: test.v1/recorded
      spec:
        id: example/greets
        deliverySemantic: {type: exactly-once, transactionTimeoutMillis: 100000}
      """;

  private static final String LEGACY =
      """
      version: "3.0"
      module:
        meta:
          type: remote
        spec:
          endpoints:
            - endpoint:
                meta:
                  kind: http
                spec:
                  functions: example/*
                  urlPathTemplate: http://functions:8000/statefun
                  maxNumBatchRequests: 10000
                  timeouts: {call: 2min, connect: 10s, read: 10s, write: 10s}
          ingresses:
            - ingress:
                meta:
                  type: test.v1/recorded
                  id: example/names
                spec:
                  address: kafka:9092
                  topics:
                    - topic: names
                      targets: [example/person]
          egresses:
            - egress:
                meta:
                  type: test.v1/recorded
                  id: example/greets
                spec:
                  deliverySemantic: {type: exactly-once, transactionTimeoutMillis: 100000}
      """;

  private static Application load(String yaml) {
    return ApplicationLoader.builder()
        .discoverModules(false)
        .withYamlModule(new ModuleYaml("modules/legacy/module.yaml", yaml))
        .build()
        .load(LegacyModuleYamlTest.class.getClassLoader());
  }

  /** The same functions, ingresses and egresses; where in the file each was bound may differ. */
  private static void assertSameBindings(Application actual, Application expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .ignoringFields("functionSources", "namespaceSources")
        .isEqualTo(expected);
  }

  @Test
  void aLegacyFileBindsTheSameApplicationAsItsComponents() {
    Application legacy = load(LEGACY);
    Application components = load(COMPONENTS);

    assertThat(legacy.functionNamespaces()).containsOnlyKeys("example");
    assertThat(legacy.ingresses())
        .containsOnlyKeys(TypeName.parse("example/names"), TypeName.parse("example/greets"));
    assertSameBindings(legacy, components);
  }

  @Test
  void version31IsReadLikeVersion30() {
    assertSameBindings(
        load(LEGACY.replace("version: \"3.0\"", "version: \"3.1\"")), load(COMPONENTS));
  }

  @Test
  void anUnquotedVersionAndAnUpperCaseModuleTypeAreAccepted() {
    String legacy = LEGACY.replace("version: \"3.0\"", "version: 3.0").replace("remote", "REMOTE");
    assertSameBindings(load(legacy), load(COMPONENTS));
  }

  @Test
  void entriesWrittenAsComponentsAreBoundAsThey() {
    Application application =
        load(
            """
            version: "3.1"
            module:
              meta: {type: remote}
              spec:
                endpoints:
                  - kind: io.statefun.endpoints.v1/http
                    spec: {functions: example/*, urlPathTemplate: "http://functions:8000/statefun",
                           maxNumBatchRequests: 10000,
                           timeouts: {call: 2min, connect: 10s, read: 10s, write: 10s}}
                ingresses:
                  - kind: test.v1/recorded
                    spec: {id: example/names, address: "kafka:9092",
                           topics: [{topic: names, targets: [example/person]}]}
                egresses:
                  - kind: test.v1/recorded
                    spec: {id: example/greets,
                           deliverySemantic: {type: exactly-once, transactionTimeoutMillis: 100000}}
            """);
    assertSameBindings(application, load(COMPONENTS));
  }

  @Test
  void versions1And2AreRefusedAsEndOfLife() {
    assertThatThrownBy(() -> load(LEGACY.replace("version: \"3.0\"", "version: \"2.0\"")))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageStartingWith("modules/legacy/module.yaml:1: ")
        .hasMessageContaining("version 2.0 reached end of life");
    assertThatThrownBy(() -> load(LEGACY.replace("version: \"3.0\"", "version: \"1.0\"")))
        .hasMessageStartingWith("modules/legacy/module.yaml:1: ")
        .hasMessageContaining("version 1.0 reached end of life");
  }

  @Test
  void anUnknownVersionIsRefused() {
    assertThatThrownBy(() -> load(LEGACY.replace("version: \"3.0\"", "version: \"4.2\"")))
        .hasMessageStartingWith("modules/legacy/module.yaml:1: ")
        .hasMessageContaining("unsupported module.yaml format version '4.2'");
  }

  @Test
  void aModuleThatIsNotRemoteIsRefusedAtItsLine() {
    assertThatThrownBy(() -> load(LEGACY.replace("type: remote", "type: embedded")))
        .hasMessageStartingWith("modules/legacy/module.yaml:4: ")
        .hasMessageContaining("module.meta.type must be 'remote', got 'embedded'");
  }

  @Test
  void unknownKeysUnderModuleAndMetaAreRefusedAtTheirLine() {
    assertThatThrownBy(
            () ->
                load(
                    LEGACY.replace(
                        "  meta:\n    type: remote", "  meta:\n    type: remote\n    name: x")))
        .hasMessageStartingWith("modules/legacy/module.yaml:5: ")
        .hasMessageContaining("unknown key 'name' in module.meta");
    assertThatThrownBy(() -> load(LEGACY.replace("module:\n", "module:\n  specs: {}\n")))
        .hasMessageStartingWith("modules/legacy/module.yaml:3: ")
        .hasMessageContaining("unknown key 'specs' in module");
    assertThatThrownBy(
            () ->
                load(
                    LEGACY.replace(
                        "            id: example/names\n",
                        "            id: example/names\n            name: names\n")))
        .hasMessageStartingWith("modules/legacy/module.yaml:20: ")
        .hasMessageContaining("unknown key 'name' in ingress.meta");
    assertThatThrownBy(() -> load(LEGACY.replace("  egresses:", "  routers: []\n    egresses:")))
        .hasMessageContaining("unknown key 'routers' in module.spec");
  }

  @Test
  void aTypoInsideATranslatedSpecNamesItsOwnLine() {
    // StateFun's own 3.0 docs misspell this field; StateFun ignored it silently
    assertThatThrownBy(() -> load(LEGACY.replace("urlPathTemplate", "urlPathTempalte")))
        .hasMessageStartingWith("modules/legacy/module.yaml:12: ")
        .hasMessageContaining("Unrecognized field \"urlPathTempalte\"");
  }

  @Test
  void aBinderErrorNamesTheLineOfTheTranslatedSpec() {
    assertThatThrownBy(() -> load(LEGACY.replace("functions: example/*", "functions: example")))
        .hasMessageStartingWith("modules/legacy/module.yaml:10: ")
        .hasMessageContaining("io.statefun.endpoints.v1/http")
        .hasMessageContaining("got 'example'");
  }

  @Test
  void anUnknownLegacyTypeIsAnUnknownKindAtItsLine() {
    assertThatThrownBy(
            () ->
                load(
                    LEGACY.replace(
                        "type: test.v1/recorded\n            id: example/names",
                        "type: io.statefun.rabbitmq/ingress\n            id: example/names")))
        .hasMessageStartingWith("modules/legacy/module.yaml:18: ")
        .hasMessageContaining("unknown kind 'io.statefun.rabbitmq/ingress'");
  }

  @Test
  void kafkaAndKinesisTypesBecomeTheirV1Kinds() {
    assertThatThrownBy(
            () ->
                load(
                    LEGACY.replace(
                        "type: test.v1/recorded\n            id: example/names",
                        "type: io.statefun.kinesis/ingress\n            id: example/names")))
        .hasMessageStartingWith("modules/legacy/module.yaml:18: ")
        .hasMessageContaining("unknown kind 'io.statefun.kinesis.v1/ingress'");
  }

  @Test
  void anIdInsideTheSpecIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    LEGACY.replace(
                        "            address: kafka:9092",
                        "            id: example/other\n            address: kafka:9092")))
        .hasMessageStartingWith("modules/legacy/module.yaml:21: ")
        .hasMessageContaining("ingress.meta.id, not ingress.spec.id");
  }

  @Test
  void aMissingMetaIdIsRefusedAtTheMeta() {
    assertThatThrownBy(() -> load(LEGACY.replace("            id: example/greets\n", "")))
        .hasMessageStartingWith("modules/legacy/module.yaml:27: ")
        .hasMessageContaining("egress.meta.id is required");
  }

  @Test
  void versionInAMultiDocumentFileIsAnUnknownFieldWithAHint() {
    assertThatThrownBy(
            () ->
                load(
                    "version: \"3.0\"\n---\nkind: test.v1/greeting\nspec: {function: a/b, times: 1}\n"))
        .hasMessageStartingWith("modules/legacy/module.yaml:1: ")
        .hasMessageContaining("single-document legacy module.yaml");
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    "kind: test.v1/greeting\nspec: {function: a/b, times: 1}\nkind: test.v1/greeting\n"))
        .hasMessageStartingWith("modules/legacy/module.yaml:3: ")
        .hasMessageContaining("'kind' is given twice");
  }
}

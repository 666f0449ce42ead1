package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-{@code module.yaml} corpus: each case is one mutation of a valid file and the problem it
 * must produce, with the file and line. {@code statefun describe} reports it without a stack trace,
 * and {@code statefun local} refuses to start with the same message (it fails while assembling the
 * job, before any Flink server starts).
 */
class BadModuleYamlTest {
  /** Lines 1-4. */
  private static final String ENDPOINT =
      """
      kind: io.statefun.endpoints.v2/http
      spec:
        functions: example/*
        urlPathTemplate: http://functions:8000/statefun
      """;

  /** Lines 6-15 of {@link #VALID}. */
  private static final String INGRESS =
      """
      kind: io.statefun.kafka.v1/ingress
      spec:
        id: example/names
        address: kafka:9092
        consumerGroupId: greeter
        topics:
          - topic: names
            valueType: example/Name
            targets:
              - example/greeter
      """;

  /** Lines 17-22 of {@link #VALID}. */
  private static final String EGRESS =
      """
      kind: io.statefun.kafka.v1/egress
      spec:
        id: example/greetings
        address: kafka:9092
        deliverySemantic:
          type: at-least-once
      """;

  private static final String VALID = ENDPOINT + "---\n" + INGRESS + "---\n" + EGRESS;

  /** An ingress and egress for cases about endpoints: lines 1-18, so an endpoint starts at 19. */
  private static final String IO = INGRESS + "---\n" + EGRESS + "---\n";

  private static final String V1_ENDPOINT =
      """
      kind: io.statefun.endpoints.v1/http
      spec:
        functions: example/*
        urlPathTemplate: http://functions:8000/statefun
        maxNumBatchRequests: 100
        timeouts:
          call: 2min
      """;

  /** StateFun 3.0's single-document format. */
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
          ingresses:
            - ingress:
                meta:
                  type: io.statefun.kafka/ingress
                  id: example/names
                spec:
                  address: kafka:9092
                  consumerGroupId: greeter
                  topics:
                    - topic: names
                      valueType: example/Name
                      targets: [example/greeter]
          egresses:
            - egress:
                meta:
                  type: io.statefun.kafka/egress
                  id: example/greetings
                spec:
                  address: kafka:9092
                  deliverySemantic: {type: at-least-once}
      """;

  @TempDir static Path modules;

  /**
   * A case: the bytes of {@code module.yaml} and the problem expected, {@code FILE:LINE: ...}
   * ({@code FILE} stands for the file's path).
   */
  record Case(String name, byte[] content, String expected) {
    static Case of(String name, String yaml, String expected) {
      return new Case(name, yaml.getBytes(StandardCharsets.UTF_8), expected);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    // io.statefun.endpoints.v2/http
    cases.add(
        Case.of(
            "v2 endpoint: a typo in kind",
            VALID.replace("endpoints.v2/http", "endpoints.v2/htp"),
            "FILE:1: unknown kind 'io.statefun.endpoints.v2/htp'"));
    cases.add(
        Case.of(
            "v2 endpoint: a typo in 'spec'",
            VALID.replaceFirst("spec:", "spek:"),
            "FILE:2: unknown field 'spek'"));
    cases.add(
        Case.of(
            "v2 endpoint: a typo in 'functions'",
            VALID.replace("  functions:", "  function:"),
            "FILE:3: Unrecognized field \"function\""));
    cases.add(
        Case.of(
            "v2 endpoint: a typo in 'urlPathTemplate'",
            VALID.replace("urlPathTemplate:", "urlPathTemplat:"),
            "FILE:4: Unrecognized field \"urlPathTemplat\""));
    cases.add(
        Case.of(
            "v2 endpoint: maxNumBatchRequests is not a number",
            VALID.replace("/statefun\n", "/statefun\n  maxNumBatchRequests: many\n"),
            "FILE:5: Cannot deserialize value of type `java.lang.Integer` from String \"many\""));
    cases.add(
        Case.of(
            "v2 endpoint: a typo in transport.type",
            IO + ENDPOINT + "  transport: {type: io.statefun.transports.v1/asink}\n",
            "FILE:20: io.statefun.endpoints.v2/http: transport.type"
                + " 'io.statefun.transports.v1/asink' is not supported"));
    cases.add(
        Case.of(
            "v2 endpoint: a typo in a transport field",
            IO + ENDPOINT + "  transport:\n    cal: 10s\n",
            "FILE:24: Unrecognized field \"cal\""));
    cases.add(
        Case.of(
            "v2 endpoint: a duration that is not one",
            IO + ENDPOINT + "  transport:\n    call: ten seconds\n",
            "FILE:20: io.statefun.endpoints.v2/http: 'transport.call' is not a duration"));
    cases.add(
        Case.of(
            "v2 endpoint: payload_max_bytes of the wrong type",
            IO + ENDPOINT + "  transport:\n    payload_max_bytes: [1, 2]\n",
            "FILE:24: Cannot deserialize value of type `java.lang.Long`"));
    cases.add(
        Case.of(
            "v2 endpoint: functions without a namespace",
            VALID.replace("functions: example/*", "functions: greeter"),
            "FILE:2: io.statefun.endpoints.v2/http: 'functions' must be 'namespace/name' or"
                + " 'namespace/*', got 'greeter'"));
    cases.add(
        Case.of(
            "v2 endpoint: functions is a list",
            VALID.replace("functions: example/*", "functions: [example/a, example/b]"),
            "FILE:3: Cannot deserialize value of type `java.lang.String` from Array value"));
    cases.add(
        Case.of(
            "v2 endpoint: a dead letter egress that is not an id",
            IO + ENDPOINT + "  deadLetterEgress: dead-letters\n",
            "FILE:20: io.statefun.endpoints.v2/http: 'deadLetterEgress' must be an egress id"));
    // io.statefun.endpoints.v1/http
    cases.add(
        Case.of(
            "v1 endpoint: a typo in timeouts",
            IO + V1_ENDPOINT.replace("call: 2min", "cal: 2min"),
            "FILE:25: Unrecognized field \"cal\""));
    cases.add(
        Case.of(
            "v1 endpoint: negative maxRetries",
            IO + V1_ENDPOINT + "  maxRetries: -1\n",
            "FILE:20: io.statefun.endpoints.v1/http: maxRetries cannot be negative, got -1"));
    cases.add(
        Case.of(
            "v1 endpoint: a v2 field",
            IO + V1_ENDPOINT + "  transport: {type: io.statefun.transports.v1/async}\n",
            "FILE:26: Unrecognized field \"transport\""));
    // io.statefun.kafka.v1/ingress
    cases.add(
        Case.of(
            "kafka ingress: a typo in consumerGroupId",
            VALID.replace("consumerGroupId:", "consumerGroupIdd:"),
            "FILE:10: Unrecognized field \"consumerGroupIdd\""));
    cases.add(
        Case.of(
            "kafka ingress: a typo in a topic's field",
            VALID.replace("valueType:", "valueTyp:"),
            "FILE:13: Unrecognized field \"valueTyp\""));
    cases.add(
        Case.of(
            "kafka ingress: topics is a mapping",
            VALID
                .replace("  - topic: names\n      valueType", "  topic: names\n    valueType")
                .replace("      targets:\n        -", "    targets:\n      -"),
            "FILE:11: Cannot deserialize value of type `java.util.ArrayList"));
    cases.add(
        Case.of(
            "kafka ingress: no address",
            VALID.replace("  address: kafka:9092\n  consumerGroupId", "  consumerGroupId"),
            "FILE:7: io.statefun.kafka.v1/ingress: "));
    cases.add(
        Case.of(
            "kafka ingress: a target without a namespace",
            VALID.replace("- example/greeter", "- greeter"),
            "FILE:7: io.statefun.kafka.v1/ingress: "));
    cases.add(
        Case.of(
            "kafka ingress: an unknown startup position",
            VALID.replace(
                "  consumerGroupId:", "  startupPosition: {type: middle}\n  consumerGroupId:"),
            "FILE:7: io.statefun.kafka.v1/ingress: "));
    cases.add(
        Case.of(
            "kafka ingress: an unknown bad record policy",
            VALID.replace(
                "  consumerGroupId:", "  badRecordPolicy: {type: ignore}\n  consumerGroupId:"),
            "FILE:7: io.statefun.kafka.v1/ingress: "));
    cases.add(
        Case.of(
            "kafka ingress: properties as a mapping",
            VALID.replace("  consumerGroupId:", "  properties: {a: b}\n  consumerGroupId:"),
            "FILE:10: Cannot deserialize value of type `java.util.ArrayList"));
    // io.statefun.kafka.v1/egress
    cases.add(
        Case.of(
            "kafka egress: a typo in the delivery semantic",
            VALID.replace("type: at-least-once", "type: at-least-onse"),
            "FILE:18: io.statefun.kafka.v1/egress: "));
    cases.add(
        Case.of(
            "kafka egress: a transaction timeout that is not a number",
            VALID.replace(
                "type: at-least-once", "type: exactly-once\n    transactionTimeoutMillis: soon"),
            "FILE:23: Cannot deserialize value of type `java.lang.Long` from String \"soon\""));
    cases.add(
        Case.of(
            "kafka egress: a typo in id",
            VALID.replace("id: example/greetings", "idd: example/greetings"),
            "FILE:19: Unrecognized field \"idd\""));
    // the legacy version 3.0 format
    cases.add(
        Case.of(
            "legacy: a typo in 'endpoint'",
            LEGACY.replace("- endpoint:", "- endpont:"),
            "FILE:7: unknown key 'endpont' in module.spec.endpoints[0]; expected endpoint"));
    cases.add(
        Case.of(
            "legacy: a typo in an endpoint's kind",
            LEGACY.replace("kind: http", "kind: htp"),
            "FILE:9: A type name has the form 'namespace/name', got 'htp'"));
    cases.add(
        Case.of(
            "legacy: a typo in an ingress's meta",
            LEGACY.replace("id: example/names", "ide: example/names"),
            "FILE:17: unknown key 'ide' in ingress.meta; expected type, id"));
    cases.add(
        Case.of(
            "legacy: a typo in an ingress's spec",
            LEGACY.replace("consumerGroupId:", "consumerGroupIdd:"),
            "FILE:20: Unrecognized field \"consumerGroupIdd\""));
    cases.add(
        Case.of(
            "legacy: version 2.0",
            LEGACY.replace("\"3.0\"", "\"2.0\""),
            "FILE:1: module.yaml format version 2.0 reached end of life"));
    cases.add(
        Case.of(
            "legacy: module.meta.type embedded",
            LEGACY.replace("type: remote", "type: embedded"),
            "FILE:4: module.meta.type must be 'remote'"));
    // structure
    cases.add(
        Case.of(
            "a component that is a list",
            VALID + "---\n- a\n- b\n",
            "FILE:24: a component is a mapping with 'kind' and 'spec'"));
    cases.add(
        Case.of(
            "a spec that is a list",
            IO + "kind: io.statefun.endpoints.v2/http\nspec: [a, b]\n",
            "FILE:20: Cannot deserialize value of type `io.statefun.runtime.remote.yaml.HttpEndpointSpecs$V2`"));
    cases.add(
        Case.of(
            "a key given twice",
            VALID.replace("functions: example/*\n", "functions: example/*\n  functions: other/*\n"),
            "FILE:4: 'functions' is given twice"));
    cases.add(
        Case.of(
            "two ingresses with one id",
            VALID + "---\n" + INGRESS,
            "The ingress example/names is bound twice: by FILE:6 and by FILE:24"));
    cases.add(
        Case.of(
            "two endpoints claiming one namespace",
            VALID + "---\n" + ENDPOINT.replace("functions:8000", "other:8000"),
            "The function namespace example/* is bound twice: by FILE:1 and by FILE:24"));
    cases.add(
        Case.of(
            "two endpoints claiming one function",
            IO
                + ENDPOINT.replace("example/*", "example/greeter")
                + "---\n"
                + ENDPOINT.replace("example/*", "example/greeter"),
            "The function example/greeter is bound twice: by FILE:19 and by FILE:24"));
    cases.add(
        Case.of(
            "a namespace overlapping a function bound explicitly",
            VALID + "---\n" + ENDPOINT.replace("example/*", "example/greeter"),
            "The function example/greeter (bound by FILE:24) is also in namespace example/* (bound"
                + " by FILE:1)"));
    cases.add(Case.of("an empty file", "", "FILE:1: the file has no components"));
    cases.add(
        Case.of(
            "only empty documents",
            "---\n---\n# nothing\n---\n",
            "FILE:1: the file has no components"));
    cases.add(
        Case.of(
            "a tab in the indentation",
            VALID.replace("  consumerGroupId:", "\tconsumerGroupId:"),
            "FILE:10: while scanning for the next token: found character '\\t(TAB)' that cannot"
                + " start any token"));
    cases.add(
        Case.of(
            "an anchor and alias bomb",
            billionLaughs(),
            "FILE:27: aliases (*a0) are not supported in a module.yaml"));
    String tenMegabytes = tenMegabytes();
    cases.add(
        Case.of(
            "a 10 MB file",
            tenMegabytes,
            "FILE: the file is "
                + tenMegabytes.length()
                + " bytes; a module.yaml may hold at most 1048576"));
    byte[] latin1 =
        VALID.replace("greeter\n", "gr\u00fc\u00dfer\n").getBytes(StandardCharsets.ISO_8859_1);
    cases.add(
        new Case("non-UTF-8 bytes", latin1, "FILE:10: the file is not UTF-8: byte 0xFC at offset"));
    return cases.stream();
  }

  private static String billionLaughs() {
    StringBuilder yaml = new StringBuilder(VALID).append("---\n");
    yaml.append(
        "kind: io.statefun.endpoints.v2/http\nspec:\n"); // lines 24-25; the first alias is on 27
    yaml.append("  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("  a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    yaml.append("  functions: *a9\n");
    return yaml.toString();
  }

  private static String tenMegabytes() {
    StringBuilder yaml = new StringBuilder(VALID);
    yaml.append("---\nkind: io.statefun.endpoints.v2/http\nspec:\n  functions: big/*\n");
    yaml.append("  urlPathTemplate: http://functions/").append("x".repeat(10 * 1024 * 1024));
    return yaml.append('\n').toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void describeNamesTheFileAndLineWithoutAStackTrace(Case bad) throws IOException {
    Path file = module(bad);
    String expected = bad.expected().replace("FILE", file.toString());

    Cli.Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> Cli.run(Map.of(), "describe", "--modules", folder(bad)));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).as(result.toString()).contains(expected).doesNotContain("\tat ");
    assertThat(result.err().length()).as("a short report").isLessThan(2_000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void localRefusesToStartWithTheSameMessage(Case bad) throws IOException {
    Path file = module(bad);
    String expected = bad.expected().replace("FILE", file.toString());

    Cli.Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                Cli.run(
                    Map.of(),
                    "local",
                    "--modules",
                    folder(bad),
                    "--state-dir",
                    modules.resolve(bad.name().replaceAll("\\W", "_") + "-state").toString(),
                    "-D",
                    "rest.port=0"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .as(result.toString())
        .startsWith("statefun local: ")
        .contains(expected)
        .doesNotContain("\tat ");
  }

  private static String folder(Case bad) {
    return modules.resolve(bad.name().replaceAll("\\W", "_")).toString();
  }

  private static Path module(Case bad) throws IOException {
    Path folder = Files.createDirectories(Path.of(folder(bad)).resolve("m"));
    Path file = folder.resolve("module.yaml");
    Files.write(file, bad.content());
    return file.toAbsolutePath();
  }
}

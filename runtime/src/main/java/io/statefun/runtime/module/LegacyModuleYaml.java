package io.statefun.runtime.module;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates the single-document {@code module.yaml} of StateFun 3.0 into the components of the
 * current multi-document format, which are then bound like any other. Nothing else reads this
 * format.
 *
 * <pre>
 * version: "3.0"
 * module:
 *   meta:
 *     type: remote
 *   spec:
 *     endpoints:
 *       - endpoint:
 *           meta: {kind: http}                 # becomes io.statefun.endpoints.v1/http
 *           spec: {functions: example/*, urlPathTemplate: http://functions:8000/statefun}
 *     ingresses:
 *       - ingress:
 *           meta: {type: io.statefun.kafka/ingress, id: example/names}   # io.statefun.kafka.v1/ingress
 *           spec: {address: kafka:9092, topics: [...]}                    # gets id: example/names
 *     egresses:
 *       - egress:
 *           meta: {type: io.statefun.kafka/egress, id: example/greets}
 *           spec: {address: kafka:9092, deliverySemantic: {type: exactly-once}}
 * </pre>
 *
 * <p>Versions 1.0 and 2.0 (functions and state declared in YAML) reached end of life with StateFun
 * 3.0 and are refused. {@code "3.1"} is read like {@code "3.0"}; StateFun 3.3 itself refused a
 * single-document 3.1 file. An entry may also be written as a component ({@code kind} and {@code
 * spec}), as StateFun's 3.1 development versions did. Unlike StateFun, unknown keys are errors.
 */
final class LegacyModuleYaml {
  private static final Map<String, String> LEGACY_KINDS =
      Map.of(
          "http", "io.statefun.endpoints.v1/http",
          "io.statefun.kafka/ingress", "io.statefun.kafka.v1/ingress",
          "io.statefun.kafka/egress", "io.statefun.kafka.v1/egress",
          "io.statefun.kinesis/ingress", "io.statefun.kinesis.v1/ingress",
          "io.statefun.kinesis/egress", "io.statefun.kinesis.v1/egress");

  private final String location;

  private LegacyModuleYaml(String location) {
    this.location = location;
  }

  /** StateFun's rule: exactly one document, and it has a top-level {@code version}. */
  static boolean isLegacy(List<LocatedYaml> documents) {
    return documents.size() == 1 && documents.get(0).node().has("version");
  }

  static List<ModuleComponent> translate(LocatedYaml document, String location) {
    return new LegacyModuleYaml(location).translate(document);
  }

  private List<ModuleComponent> translate(LocatedYaml document) {
    onlyKeys(document, "the legacy module.yaml", "version", "module");
    requireSupportedVersion(document.field("version"));
    LocatedYaml module = required(mapping(document.field("module"), "module"), "module");
    onlyKeys(module, "module", "meta", "spec");
    LocatedYaml meta = required(mapping(module.field("meta"), "module.meta"), "module.meta");
    onlyKeys(meta, "module.meta", "type");
    LocatedYaml type = required(meta.field("type"), "module.meta.type");
    if (!type.node().asText().equalsIgnoreCase("remote")) {
      throw error(
          type,
          "module.meta.type must be 'remote', got '"
              + type.node().asText()
              + "'; embedded modules are jars, not module.yaml files");
    }
    LocatedYaml spec = required(mapping(module.field("spec"), "module.spec"), "module.spec");
    onlyKeys(spec, "module.spec", "endpoints", "ingresses", "egresses");

    List<ModuleComponent> components = new ArrayList<>();
    forEachEntry(
        spec,
        "endpoints",
        "endpoint",
        endpoint -> {
          LocatedYaml endpointMeta =
              required(mapping(endpoint.field("meta"), "endpoint.meta"), "endpoint.meta");
          onlyKeys(endpointMeta, "endpoint.meta", "kind");
          LocatedYaml kind = requiredText(endpointMeta.field("kind"), "endpoint.meta.kind");
          return new ModuleComponent(translateKind(kind), kind.line(), endpoint.field("spec"));
        },
        components);
    forEachEntry(
        spec, "ingresses", "ingress", ingress -> ioComponent(ingress, "ingress"), components);
    forEachEntry(spec, "egresses", "egress", egress -> ioComponent(egress, "egress"), components);
    return components;
  }

  private ModuleComponent ioComponent(LocatedYaml entry, String what) {
    LocatedYaml meta = required(mapping(entry.field("meta"), what + ".meta"), what + ".meta");
    onlyKeys(meta, what + ".meta", "type", "id");
    LocatedYaml type = requiredText(meta.field("type"), what + ".meta.type");
    LocatedYaml id = requiredText(meta.field("id"), what + ".meta.id");
    LocatedYaml spec = required(mapping(entry.field("spec"), what + ".spec"), what + ".spec");
    if (spec.node().has("id")) {
      throw error(
          spec.field("id"),
          "in this format the " + what + "'s id is " + what + ".meta.id, not " + what + ".spec.id");
    }
    return new ModuleComponent(
        translateKind(type), type.line(), spec.withField("id", id.node(), id));
  }

  private interface EntryTranslation {
    ModuleComponent translate(LocatedYaml entry);
  }

  /** {@code list: [{entryKey: {...}}, ...]}, each entry translated, or a component as it is. */
  private void forEachEntry(
      LocatedYaml spec,
      String list,
      String entryKey,
      EntryTranslation translation,
      List<ModuleComponent> components) {
    LocatedYaml entries = spec.field(list);
    if (entries.node().isMissingNode() || entries.node().isNull()) {
      return;
    }
    if (!entries.node().isArray()) {
      throw error(entries, "module.spec." + list + " must be a list of '" + entryKey + "' entries");
    }
    for (int i = 0; i < entries.node().size(); i++) {
      LocatedYaml entry = entries.element(i);
      String name = "module.spec." + list + "[" + i + "]";
      mapping(entry, name);
      if (entry.node().isNull()) {
        throw error(entry, name + " is empty");
      }
      if (entry.node().has("kind")) {
        onlyKeys(entry, name, "kind", "spec");
        LocatedYaml kind = requiredText(entry.field("kind"), name + ".kind");
        components.add(new ModuleComponent(kind.node().asText(), kind.line(), entry.field("spec")));
        continue;
      }
      onlyKeys(entry, name, entryKey);
      LocatedYaml body =
          required(mapping(entry.field(entryKey), name + "." + entryKey), name + "." + entryKey);
      onlyKeys(body, name + "." + entryKey, "meta", "spec");
      components.add(translation.translate(body));
    }
  }

  private void requireSupportedVersion(LocatedYaml version) {
    if (!version.node().isValueNode() || version.node().isNull()) {
      throw error(version, "'version' must be \"3.0\" or \"3.1\"");
    }
    String text = version.node().asText();
    switch (text) {
      case "3.0", "3.1" -> {}
      case "1.0", "2.0" ->
          throw error(
              version,
              "module.yaml format version "
                  + text
                  + " reached end of life with StateFun 3.0 and is"
                  + " not supported: functions declare their state in the SDK now. Write the file as"
                  + " components (documents with 'kind' and 'spec', separated by ---), or as version"
                  + " \"3.0\"");
      default ->
          throw error(
              version,
              "unsupported module.yaml format version '"
                  + text
                  + "'; supported: \"3.0\" and \"3.1\","
                  + " or no 'version' at all for the component format (documents with 'kind' and"
                  + " 'spec')");
    }
  }

  private static String translateKind(LocatedYaml kind) {
    String written = kind.node().asText();
    return LEGACY_KINDS.getOrDefault(written, written);
  }

  private void onlyKeys(LocatedYaml mapping, String what, String... allowed) {
    Set<String> known = Set.of(allowed);
    for (Iterator<String> fields = mapping.node().fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!known.contains(field)) {
        throw error(
            mapping.field(field),
            "unknown key '" + field + "' in " + what + "; expected " + String.join(", ", allowed));
      }
    }
  }

  private LocatedYaml mapping(LocatedYaml node, String what) {
    JsonNode value = node.node();
    if (!value.isMissingNode() && !value.isNull() && !value.isObject()) {
      throw error(node, what + " must be a mapping");
    }
    return node;
  }

  private LocatedYaml required(LocatedYaml node, String what) {
    if (node.node().isMissingNode() || node.node().isNull()) {
      throw error(node, what + " is required");
    }
    return node;
  }

  private LocatedYaml requiredText(LocatedYaml node, String what) {
    required(node, what);
    if (!node.node().isValueNode() || node.node().asText().isBlank()) {
      throw error(node, what + " must be a non-empty string");
    }
    return node;
  }

  private ModuleLoadingException error(LocatedYaml at, String message) {
    return ModuleYamlReader.error(location, at.line(), message);
  }
}

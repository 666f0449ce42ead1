package io.statefun.runtime.module;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a {@code module.yaml}: every document is one component, a mapping with exactly {@code kind}
 * and {@code spec}, and each kind's binder turns its spec into bindings. A file of exactly one
 * document with a top-level {@code version} is StateFun 3.0's legacy format; {@link
 * LegacyModuleYaml} translates it into the same components first. Unknown kinds, unknown fields and
 * malformed values are errors naming the file and line.
 */
final class ModuleYamlReader {
  private final ObjectMapper mapper;
  private final Map<TypeName, ComponentBinder<?>> binders;

  ModuleYamlReader(Map<TypeName, ComponentBinder<?>> binders) {
    this.binders = binders;
    this.mapper =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndRegisterModules();
  }

  /**
   * Binds every component of {@code yaml}; each is bound as coming from its file and line, so that
   * a function or id bound twice names both places.
   */
  void read(ModuleYaml yaml, ApplicationBinder binder) {
    String location = yaml.location();
    List<LocatedYaml> documents = YamlDocuments.read(yaml);
    if (documents.isEmpty()) {
      throw error(
          location,
          1,
          "the file has no components (documents with 'kind' and 'spec', separated by ---)");
    }
    if (LegacyModuleYaml.isLegacy(documents)) {
      for (ModuleComponent component : LegacyModuleYaml.translate(documents.get(0), location)) {
        bind(component, location, binder);
      }
      return;
    }
    for (LocatedYaml document : documents) {
      bind(componentOf(document, location), location, binder);
    }
  }

  private static ModuleComponent componentOf(LocatedYaml document, String location) {
    if (!document.node().isObject()) {
      throw error(location, document.line(), "a component is a mapping with 'kind' and 'spec'");
    }
    for (Iterator<String> fields = document.node().fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!field.equals("kind") && !field.equals("spec")) {
        String hint =
            field.equals("version")
                ? "; 'version' belongs only to a single-document legacy module.yaml"
                : "";
        throw error(
            location,
            document.field(field).line(),
            "unknown field '" + field + "'; a component has 'kind' and 'spec'" + hint);
      }
    }
    LocatedYaml kind = document.field("kind");
    if (kind.node().isMissingNode()) {
      throw error(location, document.line(), "the component has no 'kind'");
    }
    return new ModuleComponent(
        kind.node().isValueNode() ? kind.node().asText() : null,
        kind.line(),
        document.field("spec"));
  }

  private void bind(ModuleComponent component, String location, ApplicationBinder binder) {
    ComponentBinder<?> kind = binderOf(component.kind(), location, component.kindLine());
    bind(
        kind,
        component.spec(),
        location,
        binder.bindingFrom(location + ":" + component.kindLine()));
  }

  private <S> void bind(ComponentBinder<S> kind, LocatedYaml spec, String location, Binder binder) {
    JsonNode tree = spec.node();
    if (tree.isMissingNode()) {
      throw error(location, spec.line(), "the " + kind.kind() + " component has no 'spec'");
    }
    if (tree.isNull()) {
      throw error(location, spec.line(), "the " + kind.kind() + " component has an empty 'spec'");
    }
    S value;
    try {
      value = mapper.treeToValue(tree, kind.specClass());
    } catch (JsonMappingException e) {
      throw error(location, spec.lineBelow(pointerOf(e)), e.getOriginalMessage());
    } catch (Exception e) {
      throw error(location, spec.line(), String.valueOf(e.getMessage()));
    }
    String where = location + ":" + spec.line();
    try {
      kind.bind(value, where, binder);
    } catch (ModuleLoadingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModuleLoadingException(where + ": " + kind.kind() + ": " + e.getMessage(), e);
    }
  }

  /** Where in the spec Jackson failed, as a JSON pointer relative to the spec. */
  private static String pointerOf(JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        pointer.append('/').append(LocatedYaml.escape(reference.getFieldName()));
      } else if (reference.getIndex() >= 0) {
        pointer.append('/').append(reference.getIndex());
      }
    }
    return pointer.toString();
  }

  private ComponentBinder<?> binderOf(String kind, String location, int line) {
    if (kind == null || kind.isBlank()) {
      throw error(location, line, "'kind' must be a type name like io.statefun.kafka.v1/ingress");
    }
    TypeName name;
    try {
      name = TypeName.parse(kind);
    } catch (IllegalArgumentException e) {
      throw error(location, line, e.getMessage());
    }
    ComponentBinder<?> binder = binders.get(name);
    if (binder == null) {
      TreeSet<String> known = new TreeSet<>();
      binders.keySet().forEach(k -> known.add(k.canonical()));
      throw error(location, line, "unknown kind '" + kind + "'; known kinds: " + known);
    }
    return binder;
  }

  static ModuleLoadingException error(String location, int line, String message) {
    return new ModuleLoadingException(location + ":" + line + ": " + message);
  }
}

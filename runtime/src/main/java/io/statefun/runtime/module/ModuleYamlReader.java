package io.statefun.runtime.module;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a multi-document {@code module.yaml}: every document is one component, a mapping with
 * exactly {@code kind} and {@code spec}. Each kind's binder turns its spec into bindings. Unknown
 * kinds, unknown fields and malformed values are errors naming the file and line.
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

  void read(ModuleYaml yaml, Binder binder) {
    String location = yaml.location();
    try (JsonParser parser = mapper.getFactory().createParser(yaml.content())) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.VALUE_NULL) {
          continue; // an empty document
        }
        int line = line(parser.currentTokenLocation());
        if (token != JsonToken.START_OBJECT) {
          throw error(location, line, "a component is a mapping with 'kind' and 'spec'");
        }
        readComponent(parser, location, line, binder);
      }
    } catch (JsonProcessingException e) {
      throw error(location, line(e.getLocation()), e.getOriginalMessage());
    } catch (IOException e) {
      throw new ModuleLoadingException("Cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  private void readComponent(JsonParser parser, String location, int componentLine, Binder binder)
      throws IOException {
    ComponentBinder<?> kind = null;
    JsonNode bufferedSpec = null;
    int specLine = componentLine;
    boolean specSeen = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      int fieldLine = line(parser.currentTokenLocation());
      parser.nextToken();
      switch (field) {
        case "kind" -> kind = binderOf(parser.getValueAsString(), location, fieldLine);
        case "spec" -> {
          specSeen = true;
          specLine = fieldLine;
          if (kind != null) {
            bindStreaming(kind, parser, location, fieldLine, binder);
          } else {
            bufferedSpec = parser.readValueAsTree();
          }
        }
        default -> throw error(
            location, fieldLine, "unknown field '" + field + "'; a component has 'kind' and 'spec'");
      }
    }
    if (kind == null) {
      throw error(location, componentLine, "the component has no 'kind'");
    }
    if (!specSeen) {
      throw error(location, componentLine, "the " + kind.kind() + " component has no 'spec'");
    }
    if (bufferedSpec != null) {
      bindTree(kind, bufferedSpec, location, specLine, binder);
    }
  }

  private <S> void bindStreaming(
      ComponentBinder<S> kind, JsonParser parser, String location, int line, Binder binder)
      throws IOException {
    S spec = mapper.readValue(parser, kind.specClass());
    bind(kind, spec, location, line, binder);
  }

  private <S> void bindTree(
      ComponentBinder<S> kind, JsonNode tree, String location, int line, Binder binder)
      throws IOException {
    S spec;
    try {
      spec = mapper.treeToValue(tree, kind.specClass());
    } catch (JsonProcessingException e) {
      // a spec read before its kind has no positions of its own: report the spec's line
      throw error(location, line, e.getOriginalMessage());
    }
    bind(kind, spec, location, line, binder);
  }

  private <S> void bind(ComponentBinder<S> kind, S spec, String location, int line, Binder binder) {
    if (spec == null) {
      throw error(location, line, "the " + kind.kind() + " component has an empty 'spec'");
    }
    String where = location + ":" + line;
    try {
      kind.bind(spec, where, binder);
    } catch (ModuleLoadingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModuleLoadingException(where + ": " + kind.kind() + ": " + e.getMessage(), e);
    }
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

  private static int line(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }

  private static ModuleLoadingException error(String location, int line, String message) {
    return new ModuleLoadingException(location + ":" + line + ": " + message);
  }
}

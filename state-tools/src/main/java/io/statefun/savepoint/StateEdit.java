package io.statefun.savepoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefun.runtime.inspect.TypedValueJson;
import io.statefun.runtime.state.FunctionValueStates;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One change {@code statefun state transform} makes to every address: drop a function's addresses,
 * rename a value, set a value. Parsed from the command line, then checked against the types of the
 * savepoint's states ({@link #resolve}) before anything is written.
 */
public sealed interface StateEdit extends Serializable {
  /** The edited state, or null to drop the address. */
  AddressState apply(AddressState state);

  /** This edit checked against the savepoint's value states (state name to type). */
  default StateEdit resolve(Map<String, TypeName> valueStates) {
    return this;
  }

  /** Updates the value states to what they are after this edit, for the edits that follow. */
  default void updateTypes(Map<String, TypeName> valueStates) {}

  /** {@code ns/name}: drops every address of the function, with its pending messages. */
  static StateEdit parseDropFunction(String function) {
    return new DropFunction(parseType(function, "--drop-function ns/name"));
  }

  /** {@code ns/name:old=new}. */
  static StateEdit parseRenameValue(String text) {
    int colon = text.lastIndexOf(':');
    int equals = text.indexOf('=', colon + 1);
    if (colon < 0 || equals < 0 || equals == colon + 1 || equals == text.length() - 1) {
      throw new IllegalArgumentException(
          "--rename-value takes ns/name:old=new, got '" + text + "'");
    }
    return new RenameValue(
        parseType(text.substring(0, colon), "--rename-value ns/name:old=new"),
        text.substring(colon + 1, equals),
        text.substring(equals + 1));
  }

  /**
   * {@code ns/name/id:value=JSON}; the JSON is a bare value of the state's type (as the savepoint
   * has it), or {@code {"type": .., "value"|"base64": ..}}. The id is what follows the last '/'.
   */
  static StateEdit parseSet(String text) {
    int equals = text.indexOf('=');
    String target = equals < 0 ? "" : text.substring(0, equals);
    int colon = target.lastIndexOf(':');
    int slash = colon < 0 ? -1 : target.lastIndexOf('/', colon);
    if (equals < 0
        || colon < 0
        || slash < 0
        || slash == colon - 1
        || colon == target.length() - 1) {
      throw new IllegalArgumentException("--set takes ns/name/id:value=JSON, got '" + text + "'");
    }
    Address address =
        new Address(
            parseType(target.substring(0, slash), "--set ns/name/id:value=JSON"),
            target.substring(slash + 1, colon));
    return new SetValue(address, target.substring(colon + 1), text.substring(equals + 1), null);
  }

  private static TypeName parseType(String text, String usage) {
    try {
      return TypeName.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(usage + ": " + e.getMessage());
    }
  }

  /** Drops every address of a function type. */
  record DropFunction(TypeName function) implements StateEdit {
    @Override
    public AddressState apply(AddressState state) {
      return state.address().type().equals(function) ? null : state;
    }
  }

  /** Renames a value of a function type; the renamed value keeps its type. */
  record RenameValue(TypeName function, String from, String to) implements StateEdit {
    @Override
    public StateEdit resolve(Map<String, TypeName> valueStates) {
      TypeName type = valueStates.get(FunctionValueStates.stateName(function, from));
      if (type == null) {
        throw new IllegalArgumentException(
            "--rename-value: the savepoint has no value '" + from + "' of " + function);
      }
      TypeName existing = valueStates.get(FunctionValueStates.stateName(function, to));
      if (existing != null && !existing.equals(type)) {
        throw new IllegalArgumentException(
            "--rename-value: value '"
                + to
                + "' of "
                + function
                + " exists as "
                + existing
                + ", '"
                + from
                + "' is "
                + type);
      }
      return this;
    }

    @Override
    public void updateTypes(Map<String, TypeName> valueStates) {
      TypeName type = valueStates.remove(FunctionValueStates.stateName(function, from));
      valueStates.put(FunctionValueStates.stateName(function, to), type);
    }

    @Override
    public AddressState apply(AddressState state) {
      if (!state.address().type().equals(function) || !state.values().containsKey(from)) {
        return state;
      }
      Map<String, TypedValue> values = new TreeMap<>(state.values());
      values.put(to, values.remove(from));
      return state.withValues(values);
    }
  }

  /** Sets one value of one address; {@code value} is null until resolved. */
  record SetValue(Address address, String name, String json, TypedValue value)
      implements StateEdit {
    @Override
    public StateEdit resolve(Map<String, TypeName> valueStates) {
      TypeName stored = valueStates.get(FunctionValueStates.stateName(address.type(), name));
      TypedValue typed;
      try {
        typed = TypedValueJson.fromJson(new ObjectMapper().readTree(json), stored);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "--set " + address + ":" + name + ": malformed JSON: " + e.getOriginalMessage());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--set " + address + ":" + name + ": " + e.getMessage());
      }
      if (stored != null && !stored.equals(typed.typeName())) {
        throw new IllegalArgumentException(
            "--set "
                + address
                + ":"
                + name
                + ": the savepoint stores this value as "
                + stored
                + ", not "
                + typed.typeName());
      }
      return new SetValue(address, name, json, typed);
    }

    @Override
    public void updateTypes(Map<String, TypeName> valueStates) {
      valueStates.putIfAbsent(
          FunctionValueStates.stateName(address.type(), name), value.typeName());
    }

    @Override
    public AddressState apply(AddressState state) {
      if (!state.address().equals(address)) {
        return state;
      }
      Map<String, TypedValue> values = new TreeMap<>(state.values());
      values.put(name, value);
      return state.withValues(values);
    }

    /** The address with just this value, for an address the savepoint does not hold yet. */
    AddressState asState() {
      return AddressState.ofValues(address, Map.of(name, value));
    }
  }
}

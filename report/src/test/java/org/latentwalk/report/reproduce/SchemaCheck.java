package org.latentwalk.report.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON document against the subset of JSON Schema (2020-12) that {@code
 * report.schema.json} uses: {@code type}, {@code const}, {@code enum}, {@code anyOf}, {@code
 * required}, {@code properties}, {@code additionalProperties}, {@code items}, {@code minimum} and
 * local {@code $ref}s to {@code #/$defs/...}. A keyword it does not know fails the check, so the
 * schema cannot silently grow past what is checked. (The served validator, networknt 3.x, brings
 * Jackson 3 beside the project's Jackson 2.)
 */
final class SchemaCheck {
  private static final List<String> KNOWN =
      List.of(
          "$schema",
          "title",
          "description",
          "$defs",
          "type",
          "const",
          "enum",
          "anyOf",
          "required",
          "properties",
          "additionalProperties",
          "items",
          "minimum",
          "$ref");

  private final JsonNode root;

  SchemaCheck(JsonNode schema) {
    this.root = schema;
  }

  /** Returns one line per violation, e.g. {@code $.judge.accuracy: expected number}. */
  List<String> violations(JsonNode doc) {
    List<String> out = new ArrayList<>();
    check(root, doc, "$", out);
    return out;
  }

  private void check(JsonNode schema, JsonNode v, String at, List<String> out) {
    for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KNOWN.contains(k)) {
        throw new IllegalArgumentException("schema keyword '" + k + "' at " + at + " is unchecked");
      }
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith("#/$defs/")) {
        throw new IllegalArgumentException("only #/$defs/ references are checked: " + ref);
      }
      JsonNode target = root.path("$defs").path(ref.substring("#/$defs/".length()));
      if (target.isMissingNode()) {
        throw new IllegalArgumentException("dangling " + ref + " at " + at);
      }
      check(target, v, at, out);
    }
    if (schema.has("type") && !typeMatches(schema.get("type"), v)) {
      out.add(at + ": expected " + schema.get("type") + ", got " + v);
      return;
    }
    if (schema.has("const") && !numericEquals(schema.get("const"), v)) {
      out.add(at + ": expected " + schema.get("const") + ", got " + v);
    }
    if (schema.has("enum")) {
      boolean any = false;
      for (JsonNode e : schema.get("enum")) {
        any |= numericEquals(e, v);
      }
      if (!any) {
        out.add(at + ": " + v + " is not one of " + schema.get("enum"));
      }
    }
    if (schema.has("anyOf")) {
      boolean any = false;
      for (JsonNode alternative : schema.get("anyOf")) {
        List<String> tried = new ArrayList<>();
        check(alternative, v, at, tried);
        any |= tried.isEmpty();
      }
      if (!any) {
        out.add(at + ": " + v + " matches none of " + schema.get("anyOf"));
      }
    }
    if (schema.has("minimum")
        && v.isNumber()
        && v.doubleValue() < schema.get("minimum").asDouble()) {
      out.add(at + ": " + v + " is below the minimum " + schema.get("minimum"));
    }
    if (v.isObject()) {
      for (JsonNode r : schema.path("required")) {
        if (!v.has(r.asText())) {
          out.add(at + ": missing required field '" + r.asText() + "'");
        }
      }
      JsonNode props = schema.path("properties");
      JsonNode extra = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String where = at + "." + f.getKey();
        if (props.has(f.getKey())) {
          check(props.get(f.getKey()), f.getValue(), where, out);
        } else if (extra != null && extra.isBoolean() && !extra.asBoolean()) {
          out.add(where + ": not in the schema");
        } else if (extra != null && extra.isObject()) {
          check(extra, f.getValue(), where, out);
        }
      }
    }
    if (v.isArray() && schema.has("items")) {
      for (int i = 0; i < v.size(); i++) {
        check(schema.get("items"), v.get(i), at + "[" + i + "]", out);
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode v) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, v)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "null" -> v.isNull();
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }

  private static boolean numericEquals(JsonNode a, JsonNode b) {
    return (a.isNumber() && b.isNumber()) ? a.doubleValue() == b.doubleValue() : a.equals(b);
  }
}

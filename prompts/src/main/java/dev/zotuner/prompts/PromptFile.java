package dev.zotuner.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates the JSON prompt-file schema described on {@link PromptSet}. Every error is
 * one line naming the source and the field (or the line and column of malformed JSON).
 */
final class PromptFile {

    static final List<String> FIELDS = List.of("task", "description", "template", "labelWords");

    private PromptFile() {
    }

    static PromptSet parse(String json, String source) {
        JsonNode root;
        try {
            root = JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build()
                    .readTree(json);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new PromptException(source + at + ": malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PromptException(source + ": expected a JSON object with fields " + FIELDS);
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw new PromptException(source + ": unknown field '" + name + "' (fields: "
                        + String.join(", ", FIELDS) + ")");
            }
        }
        optionalString(root, "task", source);
        optionalString(root, "description", source);
        String pattern = requiredString(root, "template", source);
        Template template;
        try {
            template = new Template(pattern);
        } catch (PromptException e) {
            throw new PromptException(source + ": field 'template': " + e.getMessage());
        }
        return new PromptSet(source, template, labelWords(root, source));
    }

    private static Map<String, String> labelWords(JsonNode root, String source) {
        JsonNode node = root.get("labelWords");
        if (node == null) {
            throw new PromptException(source + ": field 'labelWords' is missing");
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new PromptException(source + ": field 'labelWords' must be a non-empty object"
                    + " mapping each label to its word, e.g. {\"0\": \"terrible\", \"1\": \"great\"}");
        }
        Map<String, String> words = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode w = e.getValue();
            if (!w.isTextual() || w.textValue().isBlank()) {
                throw new PromptException(source + ": field 'labelWords." + e.getKey()
                        + "' must be a non-empty string");
            }
            if (!w.textValue().equals(w.textValue().strip())) {
                throw new PromptException(source + ": field 'labelWords." + e.getKey()
                        + "' has surrounding whitespace ('" + w.textValue() + "'); the template decides spacing");
            }
            words.put(e.getKey(), w.textValue());
        }
        return words;
    }

    private static String requiredString(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null) {
            throw new PromptException(source + ": field '" + field + "' is missing");
        }
        if (!node.isTextual()) {
            throw new PromptException(source + ": field '" + field + "' must be a string, found "
                    + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return node.textValue();
    }

    private static void optionalString(JsonNode root, String field, String source) {
        if (root.has(field)) {
            requiredString(root, field, source);
        }
    }
}

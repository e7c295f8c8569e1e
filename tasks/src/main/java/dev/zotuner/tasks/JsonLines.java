package dev.zotuner.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the text and label fields of a JSON Lines file: one JSON object per non-blank line. */
final class JsonLines {

    private JsonLines() {
    }

    /** The (text, label) records of {@code content}, a JSONL file's text. */
    static List<RawExample> read(String content, String file, String textField, String labelField) {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        String[] lines = content.split("\n", -1);
        List<RawExample> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DataFileException(file, i + 1, "malformed JSON: " + e.getOriginalMessage());
            }
            if (!node.isObject()) {
                throw new DataFileException(file, i + 1, "expected a JSON object, found " + node.getNodeType());
            }
            JsonNode text = field(node, textField, file, i + 1);
            if (!text.isTextual()) {
                throw new DataFileException(file, i + 1,
                        "field '" + textField + "' must be a string, found " + text.getNodeType());
            }
            JsonNode label = field(node, labelField, file, i + 1);
            if (!(label.isTextual() || label.isIntegralNumber() || label.isBoolean())) {
                throw new DataFileException(file, i + 1, "field '" + labelField
                        + "' must be a string, integer or boolean, found " + label.getNodeType());
            }
            out.add(new RawExample(i + 1, text.textValue(), label.asText().strip()));
        }
        if (out.isEmpty()) {
            throw new DataFileException(file, 0, "no records");
        }
        return out;
    }

    private static JsonNode field(JsonNode node, String name, String file, int line) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new DataFileException(file, line, "missing field '" + name + "'");
        }
        return value;
    }
}

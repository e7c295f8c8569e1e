package dev.zotuner.tasks.kshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.tasks.DataFileException;
import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.LabelSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk form of a {@link TaskSplit}, readable without the code. Each {@code *.tsv} has the
 * header {@code row<TAB>label<TAB>text}, where {@code row} is the 0-based data row in the source file
 * (the training pool for {@code train.tsv} and {@code dev.tsv}, the evaluation file for
 * {@code test.tsv}; for the bundled files, file line = row + 2) and {@code label} the label value as
 * written there; in {@code text}, backslash, TAB, LF and CR are
 * written {@code \\}, {@code \t}, {@code \n}, {@code \r} (the bundled data has none of them).
 */
final class SplitFiles {

    static final String HEADER = "row\tlabel\ttext";

    private SplitFiles() {
    }

    static void write(TaskSplit split, Path dir) {
        try {
            Files.createDirectories(dir);
            writeTsv(dir.resolve("train.tsv"), split.train(), split.labels());
            writeTsv(dir.resolve("dev.tsv"), split.dev(), split.labels());
            writeTsv(dir.resolve("test.tsv"), split.test(), split.labels());
            ObjectMapper mapper = new ObjectMapper();
            Files.writeString(dir.resolve("split.json"),
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json(split, mapper)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write split to " + dir + ": " + e.getMessage(), e);
        }
    }

    static TaskSplit read(Path dir) {
        Path jsonFile = dir.resolve("split.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(jsonFile));
        } catch (IOException e) {
            throw new DataFileException(jsonFile.toString(), 0, "cannot read split: " + e.getMessage());
        }
        List<String> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        root.path("labels").forEach(l -> {
            values.add(l.path("value").asText());
            names.add(l.path("name").asText());
        });
        LabelSet labels = new LabelSet(values, names);
        SplitProvenance p = new SplitProvenance(root.path("task").asText(), root.path("source").asText(),
                root.path("protocol").asText(), root.path("k").asInt(), root.path("seed").asLong(),
                root.path("testCap").asInt(), root.path("testCapSeed").asLong(),
                root.path("trainPool").asInt(), root.path("testPool").asInt(),
                ints(root.path("trainPerClass")), ints(root.path("devPerClass")));
        return new TaskSplit(p.task(), labels, readTsv(dir.resolve("train.tsv"), labels),
                readTsv(dir.resolve("dev.tsv"), labels), readTsv(dir.resolve("test.tsv"), labels), p);
    }

    private static ObjectNode json(TaskSplit split, ObjectMapper mapper) {
        SplitProvenance p = split.provenance();
        ObjectNode o = mapper.createObjectNode();
        o.put("task", p.task()).put("source", p.source()).put("protocol", p.protocol());
        o.put("k", p.k()).put("seed", p.seed()).put("testCap", p.testCap()).put("testCapSeed", p.testCapSeed());
        o.put("trainPool", p.trainPool()).put("testPool", p.testPool());
        ArrayNode labels = o.putArray("labels");
        for (int c = 0; c < split.labels().size(); c++) {
            labels.addObject().put("value", split.labels().value(c)).put("name", split.labels().name(c));
        }
        p.trainPerClass().forEach(o.putArray("trainPerClass")::add);
        p.devPerClass().forEach(o.putArray("devPerClass")::add);
        p.shortClasses().forEach(c -> o.withArray("shortClasses").add(split.labels().value(c)));
        o.put("trainSize", split.train().size()).put("devSize", split.dev().size())
                .put("testSize", split.test().size());
        return o;
    }

    private static void writeTsv(Path file, List<Example> examples, LabelSet labels) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Example e : examples) {
            sb.append(e.row()).append('\t').append(labels.value(e.label())).append('\t')
                    .append(escape(e.text())).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static List<Example> readTsv(Path file, LabelSet labels) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFileException(file.toString(), 0, "cannot read: " + e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new DataFileException(file.toString(), 1, "expected header '" + HEADER.replace("\t", "\\t") + "'");
        }
        List<Example> out = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", 3);
            int label = f.length == 3 ? labels.indexOf(f[1]) : -1;
            if (f.length != 3 || label < 0 || !f[0].matches("\\d+")) {
                throw new DataFileException(file.toString(), i + 1, "expected '<row>\\t<label>\\t<text>'"
                        + " with a label of " + labels.values());
            }
            out.add(new Example(Integer.parseInt(f[0]), unescape(f[2]), label));
        }
        return out;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}

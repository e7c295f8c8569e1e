package dev.zotuner.prompts;

import dev.zotuner.tasks.LabelSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A template and its label words, keyed by label value, as read from a prompt file or the built-in
 * defaults (LM-BFF's manual prompts, used by MeZO):
 *
 * <pre>
 * sst2  "&lt;sentence&gt; It was [MASK] ."   0: terrible, 1: great
 * sst5  "&lt;sentence&gt; It was [MASK] ."   0: terrible, 1: bad, 2: okay, 3: good, 4: great
 * trec  "[MASK] : &lt;sentence&gt;"          DESC: Description, ENTY: Entity, ABBR: Expression,
 *                                       HUM: Human, LOC: Location, NUM: Number
 * </pre>
 *
 * <p>Prompt file schema (a JSON object; unknown fields are errors):
 * <pre>{@code
 * {
 *   "task": "sst2",                                  optional, informational
 *   "description": "why these words",                optional, informational
 *   "template": "<sentence> It was [MASK] .",        required: one <sentence>, one [MASK]
 *   "labelWords": { "0": "terrible", "1": "great" }  required: label value (as in the data) -> word
 * }
 * }</pre>
 * Label words must be non-empty strings without surrounding whitespace; when bound to a task by
 * {@link #verbalizer(LabelSet)} there must be exactly one word per label. Every error is one line
 * naming the file and the field.
 *
 * @param source     the file, or {@code built-in <task> prompts}
 * @param template   the template
 * @param labelWords label value → label word, in file order
 */
public record PromptSet(String source, Template template, Map<String, String> labelWords) {

    /** Tasks with built-in prompts. */
    public static final List<String> DEFAULT_TASKS = List.of("sst2", "sst5", "trec");

    public PromptSet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(template, "template");
        labelWords = Collections.unmodifiableMap(new LinkedHashMap<>(labelWords));
    }

    /** The built-in prompts of {@code task} ({@code sst2}, {@code sst5}, {@code trec}). */
    public static PromptSet defaults(String task) {
        String id = task.strip().toLowerCase(Locale.ROOT).replace("-", "");
        if (!DEFAULT_TASKS.contains(id)) {
            throw new PromptException("no built-in prompts for task '" + task + "' (built-in: "
                    + String.join(", ", DEFAULT_TASKS) + "); give a prompt file");
        }
        String resource = "defaults/" + id + ".json";
        try (InputStream in = PromptSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return PromptFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "built-in " + id + " prompts");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Reads a prompt file (schema above). */
    public static PromptSet fromJson(Path file) {
        try {
            return PromptFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new PromptException(file + ": no such file");
        } catch (IOException e) {
            throw new PromptException(file + ": cannot read: " + e);
        }
    }

    /** The label words in the class order of {@code labels}. */
    public Verbalizer verbalizer(LabelSet labels) {
        return Verbalizer.of(labels, labelWords, source);
    }

    /** The similarity head's class texts for {@code labels}. */
    public LabelPrompts labelPrompts(LabelSet labels) {
        return LabelPrompts.of(template, verbalizer(labels));
    }
}

package dev.zotuner.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.eval.ModelPrompts;
import dev.zotuner.models.source.EmbeddedModel;
import dev.zotuner.models.source.ModelCard;
import dev.zotuner.prompts.PromptSet;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zo model list}: the embedded models (the {@link EmbeddedModel} registry) with size, layers, pooling,
 * licence and each task's default prompts, read from the registry without loading any model.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the embedded models: size, layers, pooling, licence and default prompts per task.",
        footer = {"", "Examples:",
                "  zo model list",
                "  zo model list --json",
                "  zo eval --model bge-small --task sst5 --mode zero-shot"})
public final class ModelListCommand implements Callable<Integer> {

    @Mixin JsonOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (output.enabled()) {
            out.println(new ObjectMapper().writeValueAsString(toJson()));
        } else {
            printText(out);
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode().put("default", EmbeddedModel.DEFAULT.id());
        for (EmbeddedModel m : EmbeddedModel.values()) {
            ModelCard c = m.card();
            ObjectNode node = root.withArray("models").addObject().put("name", m.id())
                    .put("hugging_face", c.huggingFace()).put("artifact", c.artifact()).put("licence", c.licence())
                    .put("parameters", c.parameters()).put("layers", c.layers()).put("width", c.width())
                    .put("pooling", m.pooling().label()).put("normalize", m.normalize());
            ObjectNode prompts = node.putObject("prompts");
            for (String task : PromptSet.DEFAULT_TASKS) {
                PromptSet p = defaults(m, task);
                ObjectNode t = prompts.putObject(task).put("origin", origin(m, task))
                        .put("template", p.template().pattern());
                p.labelWords().forEach(t.putObject("label_words")::put);
            }
        }
        return root;
    }

    private static void printText(PrintWriter out) {
        out.printf("%-10s %8s %6s %5s %-7s %-3s %-10s %s%n", "name", "weights", "layers", "width", "pooling", "L2",
                "licence", "model (Maven Central artifact)");
        for (EmbeddedModel m : EmbeddedModel.values()) {
            ModelCard c = m.card();
            out.printf(Locale.ROOT, "%-10s %6.1f M %6d %5d %-7s %-3s %-10s %s (%s)%n", m.id(), c.parameters() / 1e6,
                    c.layers(), c.width(), m.pooling().label(), m.normalize() ? "yes" : "no", c.licence(),
                    c.huggingFace(), c.artifact());
        }
        out.printf("--model default = %s%n", EmbeddedModel.DEFAULT.id());
        for (EmbeddedModel m : EmbeddedModel.values()) {
            out.printf("%nDefault prompts of %s (similarity head; --prompts, --template, --verbalizer override them):%n",
                    m.id());
            for (String task : PromptSet.DEFAULT_TASKS) {
                PromptSet p = defaults(m, task);
                out.printf("  %s  %s  %s  (%s)%n", task, p.template().pattern(), words(p.labelWords()),
                        m.prompt(task).isPresent() ? m.id() + "'s own" : "LM-BFF");
            }
        }
    }

    private static PromptSet defaults(EmbeddedModel m, String task) {
        return ModelPrompts.defaults(m.id(), task).orElseThrow();
    }

    private static String origin(EmbeddedModel m, String task) {
        return m.prompt(task).isPresent() ? m.id() : "lm-bff";
    }

    private static String words(Map<String, String> labelWords) {
        return labelWords.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}

package dev.zotuner.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelInfo;
import dev.zotuner.models.onnx.TensorSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zo model inspect}: loads a model and reports its inputs, outputs, kind and trainable parameters. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Load a model and print its inputs, outputs, kind and trainable parameters (total and per block).",
        footer = {"", "Examples:",
                "  zo model inspect",
                "  zo model inspect --model default --json",
                "  zo model inspect --model bge-small",
                "  zo model inspect --model ./bert-export --trainable '^(?!embeddings/)'",
                "  zo model inspect --peft lora --lora-rank 8        # trainable adapters per block",
                "  zo model inspect --model model.onnx --tokenizer tokenizer.json --kind mlm"})
public final class ModelInspectCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    PeftOptions peft;

    @Mixin JsonOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelInfo info;
        try (LanguageModel lm = LanguageModel.load(peft.apply(model.spec(), 0))) {
            info = lm.info();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.enabled()) {
            out.println(new ObjectMapper().writeValueAsString(toJson(info)));
        } else {
            printText(info, out);
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson(ModelInfo info) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("model", info.name()).put("onnx", info.onnx().toString())
                .put("tokenizer", info.tokenizer().toString()).put("kind", info.kind().label());
        if (info.pooling() != null) {
            root.put("pooling", info.pooling().label());
        }
        root.set("inputs", tensors(mapper, info.inputs()));
        root.set("outputs", tensors(mapper, info.outputs()));
        root.put("output", info.output()).put("trainable", info.trainable());
        info.fed().forEach(root.putArray("fed")::add);
        info.ties().forEach(root.putArray("ties")::add);
        if (!info.head().isEmpty()) {
            root.put("head", info.head());
        }
        ArrayNode blocks = root.putArray("blocks");
        for (ModelInfo.Block b : info.blocks()) {
            blocks.addObject().put("name", b.name()).put("tensors", b.tensors()).put("parameters", b.size());
        }
        return root;
    }

    private static ArrayNode tensors(ObjectMapper mapper, List<TensorSpec> specs) {
        ArrayNode array = mapper.createArrayNode();
        for (TensorSpec t : specs) {
            ObjectNode node = array.addObject().put("name", t.name()).put("type", t.type());
            t.dims().forEach(node.putArray("dims")::add);
        }
        return array;
    }

    private static void printText(ModelInfo info, PrintWriter out) {
        out.printf("model      %s%n", info.name());
        out.printf("onnx       %s%n", info.onnx());
        out.printf("tokenizer  %s%n", info.tokenizer());
        out.printf("kind       %s%s%n", info.kind().label(), info.pooling() == null ? "" : " (pooling: " + info.pooling().label() + ")");
        labelled(out, "inputs", info.inputs());
        labelled(out, "fed", info.fed());
        for (int i = 0; i < info.outputs().size(); i++) {
            TensorSpec o = info.outputs().get(i);
            out.printf("%-10s %s%s%n", i == 0 ? "outputs" : "", o, o.name().equals(info.output()) ? "  <- read by heads" : "");
        }
        if (!info.head().isEmpty()) {
            out.printf("%-10s %s%n", "head", info.head());
        }
        long tensors = info.blocks().stream().mapToLong(ModelInfo.Block::tensors).sum();
        out.printf("trainable  %,d parameters in %d tensors%n", info.trainable(), tensors);
        for (ModelInfo.Block b : info.blocks()) {
            out.printf("  %-12s %,12d  (%d tensors)%n", b.name(), b.size(), b.tensors());
        }
        labelled(out, "tied", info.ties());
    }

    /** One line per item, the label on the first. */
    private static void labelled(PrintWriter out, String label, List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            out.printf("%-10s %s%n", i == 0 ? label : "", items.get(i));
        }
    }
}

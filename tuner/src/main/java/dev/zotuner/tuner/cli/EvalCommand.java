package dev.zotuner.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.eval.Baselines;
import dev.zotuner.eval.ClassificationScores;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.kshot.TaskSplit;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zo eval}: the few-shot baselines (zero-shot, in-context, linear probe) over k-shot seeds. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a baseline on a task's test set: mean (std) over k-shot seeds.",
        footer = {"", "Examples:",
                "  zo eval --task sst2 --mode zero-shot",
                "  zo eval --task trec --mode linear-probe --k 16 --json",
                "  zo eval --model bge-small --task sst5 --eval-on dev --template '<sentence> It was [MASK] .' "
                        + "--verbalizer 0=terrible,1=bad,2=okay,3=good,4=great",
                "  zo eval --task my.tsv --test-file my-test.tsv --template '<sentence> It was [MASK] .' "
                        + "--verbalizer neg=terrible,pos=great --mode icl"})
public final class EvalCommand implements Callable<Integer> {

    /** The baseline to run. */
    enum Mode { ZERO_SHOT, ICL, LINEAR_PROBE }

    /** The examples scored. */
    enum EvalSet { TEST, DEV }

    @Mixin ModelOptions model;
    @Mixin TaskOptions task;
    @Mixin PromptOptions prompts;

    @Option(names = "--mode", defaultValue = "zero-shot", paramLabel = "zero-shot|icl|linear-probe",
            converter = ModeConverter.class, description = "Baseline. Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--eval-on", defaultValue = "test", paramLabel = "test|dev", converter = EvalSetConverter.class,
            description = "Score on the test set, or on each seed's k-shot dev split (to choose prompts without "
                    + "looking at test). Default: ${DEFAULT-VALUE}.")
    EvalSet evalOn;

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2,...", defaultValue = "13,21,42,87,100",
            description = "k-shot seeds. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--batch-size", defaultValue = "32", description = "Examples per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Mixin JsonOutput output;

    @Spec CommandSpec spec;

    @ParentCommand ZoCommand zo;

    @Override
    public Integer call() throws Exception {
        BooleanSupplier stop = zo == null ? () -> false : zo.stop().honour();   // checked before every forward batch
        if (evalOn == EvalSet.DEV && mode == Mode.LINEAR_PROBE) {
            throw new IllegalArgumentException("--eval-on dev: the linear probe chooses C on the dev split; "
                    + "score zero-shot or icl there");
        }
        Task loaded = task.load();
        PromptSet promptSet = prompts.resolve(loaded, model.spec().model());
        PrintWriter err = spec.commandLine().getErr();
        // Zero-shot does not read the k-shot split: with the full test set it is one evaluation, not five.
        List<Long> used = mode == Mode.ZERO_SHOT && task.testCap == 0 && evalOn == EvalSet.TEST
                ? List.of(seeds.get(0)) : seeds;
        List<SeedResult> results = new ArrayList<>();
        try (LanguageModel lm = LanguageModel.load(model.spec())) {
            Baselines baselines = new Baselines(lm, promptSet, prompts.similarityScale(), batchSize, stop);
            for (long seed : used) {
                TaskSplit split = scored(task.split(loaded, seed));
                long t0 = System.nanoTime();
                SeedResult r = switch (mode) {
                    case ZERO_SHOT -> new SeedResult(seed, baselines.zeroShot(split), Double.NaN);
                    case ICL -> new SeedResult(seed, baselines.inContext(split, seed, lm.tokenizer().maxLength()), Double.NaN);
                    case LINEAR_PROBE -> {
                        Baselines.LinearProbeResult lp = baselines.linearProbe(split);
                        yield new SeedResult(seed, lp.test(), lp.c());
                    }
                };
                results.add(r);
                err.printf(Locale.ROOT, "zo eval: seed %d: accuracy %.4f on %d %s examples (%.1f s)%n", seed,
                        r.scores().accuracy(), r.scores().examples(), evalSetName(), (System.nanoTime() - t0) / 1e9);
                err.flush();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.enabled()) {
            out.println(toJson(loaded, promptSet, results));
        } else {
            printTable(out, loaded, promptSet, results);
        }
        out.flush();
        return 0;
    }

    /** The split whose {@code test} list is what {@code --eval-on} scores: with {@code dev}, the dev split. */
    private TaskSplit scored(TaskSplit split) {
        return evalOn == EvalSet.TEST ? split
                : new TaskSplit(split.task(), split.labels(), split.train(), split.dev(), split.dev(), split.provenance());
    }

    private String evalSetName() {
        return evalOn.name().toLowerCase(Locale.ROOT);
    }

    /** One seed's test scores; {@code c} is the linear probe's regularisation constant (NaN otherwise). */
    record SeedResult(long seed, ClassificationScores scores, double c) {
    }

    private String modeName() {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String toJson(Task loaded, PromptSet promptSet, List<SeedResult> results) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("task", loaded.name()).put("mode", modeName()).put("model", model.spec().model())
                .put("k", task.k()).put("prompts", promptSet.source()).put("template", promptSet.template().pattern());
        root.put("eval_on", evalSetName()).put(evalSetName() + "_examples", results.get(0).scores().examples());
        ArrayNode per = root.putArray("seeds");
        for (SeedResult r : results) {
            ObjectNode n = per.addObject().put("seed", r.seed()).put("accuracy", r.scores().accuracy())
                    .put("macro_f1", r.scores().macroF1()).put("loss", r.scores().loss());
            if (!Double.isNaN(r.c())) {
                n.put("c", r.c());
            }
        }
        double[] acc = results.stream().mapToDouble(r -> r.scores().accuracy()).toArray();
        double[] f1 = results.stream().mapToDouble(r -> r.scores().macroF1()).toArray();
        root.putObject("mean").put("accuracy", SeedStatistics.mean(acc)).put("macro_f1", SeedStatistics.mean(f1));
        root.putObject("std").put("accuracy", SeedStatistics.std(acc)).put("macro_f1", SeedStatistics.std(f1));
        return mapper.writeValueAsString(root);
    }

    private void printTable(PrintWriter out, Task loaded, PromptSet promptSet, List<SeedResult> results) {
        out.printf(Locale.ROOT, "%s  %s  model=%s  k=%d  prompts=%s  on=%s%n", loaded.name(), modeName(),
                model.spec().model(), task.k(), promptSet.source(), evalSetName());
        out.printf(Locale.ROOT, "%-8s %9s %9s %9s%n", "seed", "accuracy", "macro-F1", "loss");
        for (SeedResult r : results) {
            out.printf(Locale.ROOT, "%-8d %9.4f %9.4f %9.4f%n", r.seed(), r.scores().accuracy(),
                    r.scores().macroF1(), r.scores().loss());
        }
        double[] acc = results.stream().mapToDouble(r -> r.scores().accuracy()).toArray();
        double[] f1 = results.stream().mapToDouble(r -> r.scores().macroF1()).toArray();
        out.printf(Locale.ROOT, "%-8s %s %s   (%d %s examples)%n", "mean", SeedStatistics.meanStd(acc),
                SeedStatistics.meanStd(f1), results.get(0).scores().examples(), evalSetName());
    }

    /** Parses {@code --eval-on}. */
    static final class EvalSetConverter implements picocli.CommandLine.ITypeConverter<EvalSet> {
        @Override
        public EvalSet convert(String value) {
            for (EvalSet e : EvalSet.values()) {
                if (e.name().equalsIgnoreCase(value.strip())) {
                    return e;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("unknown --eval-on '" + value + "' (known: test, dev)");
        }
    }

    /** Parses {@code --mode}. */
    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            for (Mode m : Mode.values()) {
                if (m.name().replace('_', '-').equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("unknown mode '" + value
                    + "' (known: zero-shot, icl, linear-probe)");
        }
    }
}

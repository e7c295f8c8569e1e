package dev.zotuner.tuner.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.util.StdConverter;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.Pooling;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The layout of {@code config.json}: one flat object of plain values (choices as the command line spells them) and
 * the nested objects added since ({@code peft}, {@code execution}, {@code perturbation}, {@code budget},
 * {@code inputs}, {@code head} and {@code selection} — written only when set —, {@code provenance}; absent in older runs). Fields keep the order and spelling runs have always been
 * written with, so a run written by this code reads back to the same bytes and older runs resume unchanged. Only
 * {@link FineTuneConfig} is used in code; Jackson converts through this record (see its annotations).
 * Field meanings: {@link ModelSettings}, {@link TaskSettings}, {@link PromptSettings}, {@link OptimizerSettings},
 * {@link LoopSettings}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConfigJson(String model, String tokenizer, String kind, String trainable, String pooling, int maxLength,
                         String task, String testFile, String textColumn, String labelColumn, boolean header,
                         List<String> labels, int k, long seed, int testCap,
                         String template, Map<String, String> labelWords, double similarityScale,
                         String optimizer, double lr, String schedule, double eps, double weightDecay,
                         double momentum, double beta1, double beta2, int directions, String blockOrder,
                         String restoration, String noise, long steps, int batch, String objective,
                         long evalEvery, long snapshotEvery, long curvatureEvery, int probes, int ritzDirections,
                         boolean centerLoss, int threads, PeftConfig peft, ExecutionConfig execution,
                         PerturbationConfig perturbation, BudgetConfig budget, InputConfig inputs,
                         @JsonInclude(JsonInclude.Include.NON_NULL) HeadConfig head,
                         @JsonInclude(JsonInclude.Include.NON_NULL) CheckpointSelection selection,
                         ProvenanceConfig provenance) {

    /** {@code c} as written. */
    public static ConfigJson of(FineTuneConfig c) {
        ModelSettings m = c.model();
        TaskSettings t = c.task();
        PromptSettings p = c.prompt();
        OptimizerSettings o = c.optimizer();
        LoopSettings l = c.loop();
        return new ConfigJson(m.model(), m.tokenizer() == null ? null : m.tokenizer().toString(),
                m.kind() == null ? null : m.kind().label(), m.trainable(), m.pooling() == null ? null : m.pooling().label(),
                m.maxLength(), t.task(), t.testFile() == null ? null : t.testFile().toString(), t.textColumn(),
                t.labelColumn(), t.header(), t.labels(), t.k(), c.seed(), t.testCap(), p.template(), p.labelWords(),
                p.similarityScale(), OptimizerSettings.METHODS.spell(o.method()), o.lr(),
                OptimizerSettings.SCHEDULES.spell(o.schedule()), o.eps(), o.weightDecay(), o.momentum(), o.beta1(),
                o.beta2(), o.directions(), OptimizerSettings.BLOCK_ORDERS.spell(o.blockOrder()),
                OptimizerSettings.RESTORATIONS.spell(o.restoration()), OptimizerSettings.NOISES.spell(o.noise()), l.steps(),
                l.batch(), LoopSettings.OBJECTIVES.spell(l.objective()), l.evalEvery(), l.snapshotEvery(),
                l.curvatureEvery(), l.probes(), l.ritzDirections(), l.centerLoss(), o.threads(), m.peft(), m.execution(),
                o.perturbation(), l.budget(), m.inputs(), p.head(),
                l.selection().isDefault() ? null : l.selection(), c.provenance());
    }

    /** The typed config; a value out of its vocabulary or range → {@link IllegalArgumentException} naming it. */
    public FineTuneConfig config() {
        ModelSettings m = new ModelSettings(model, tokenizer == null ? null : Path.of(tokenizer),
                kind == null ? null : ModelKind.parse(kind), trainable, pooling == null ? null : Pooling.parse(pooling),
                maxLength, peft, execution, inputs);
        TaskSettings t = new TaskSettings(task, testFile == null ? null : Path.of(testFile), textColumn, labelColumn,
                header, labels, k, testCap);
        PromptSettings p = new PromptSettings(template, labelWords, similarityScale, head);
        OptimizerSettings o = new OptimizerSettings(OptimizerSettings.METHODS.parse(optimizer), lr,
                OptimizerSettings.SCHEDULES.parse(schedule), eps, weightDecay, momentum, beta1, beta2, directions,
                OptimizerSettings.BLOCK_ORDERS.parse(blockOrder), OptimizerSettings.RESTORATIONS.parse(restoration),
                OptimizerSettings.NOISES.parse(noise), perturbation, threads);
        LoopSettings l = new LoopSettings(steps, batch, LoopSettings.OBJECTIVES.parse(objective), evalEvery, snapshotEvery,
                curvatureEvery, probes, ritzDirections, centerLoss, budget, selection);
        return new FineTuneConfig(seed, m, t, p, o, l, provenance);
    }

    /** Jackson's writing side of {@link FineTuneConfig}. */
    public static final class Writer extends StdConverter<FineTuneConfig, ConfigJson> {
        @Override
        public ConfigJson convert(FineTuneConfig value) {
            return of(value);
        }
    }

    /** Jackson's reading side of {@link FineTuneConfig}. */
    public static final class Reader extends StdConverter<ConfigJson, FineTuneConfig> {
        @Override
        public FineTuneConfig convert(ConfigJson value) {
            return value.config();
        }
    }
}

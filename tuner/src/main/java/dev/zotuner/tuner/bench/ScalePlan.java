package dev.zotuner.tuner.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child command line of every figure for one model: {@code zo bench probe --result FILE} and either a probe mode
 * ({@code --ort FILE}, {@code --load DIR}) or, after {@code --}, the {@code zo} command measured. Paths of runs,
 * caches and exports are under the model's work directory.
 *
 * @param settings what to run
 * @param model    the model directory
 * @param graph    its graph file (what plain ORT opens)
 * @param work     the model's work directory (runs, caches, exports, logs)
 */
public record ScalePlan(ScaleSettings settings, Path model, Path graph, Path work) {

    /** The run directory of a fine-tuning figure. */
    public Path runDir(ScaleFigure f) {
        return work.resolve("runs").resolve(f.id());
    }

    /** The cache directory of a figure (deleted after it). */
    public Path cacheDir(ScaleFigure f) {
        return work.resolve("cache-" + f.id());
    }

    /** The exported model of {@link ScaleFigure#EXPORT}. */
    public Path exportFile() {
        return work.resolve("export").resolve("model.onnx");
    }

    /** Where a figure's child writes its report. */
    public Path resultFile(ScaleFigure f) {
        return work.resolve(f.id() + ".result.json");
    }

    /** The {@code zo} arguments of a figure's child. */
    public List<String> args(ScaleFigure f) {
        ScaleSettings s = settings;
        List<String> a = new ArrayList<>(List.of("bench", "probe", "--result", resultFile(f).toString()));
        List<String> forward = List.of("--batch", str(s.batch()), "--seq", str(s.seq()), "--runs", str(s.runs()),
                "--seed", str(s.seed()));
        String cache = cacheDir(f).toString();
        switch (f) {
            case ORT, EXPORT_RELOAD -> {
                a.addAll(List.of("--ort", (f == ScaleFigure.ORT ? graph : exportFile()).toString(), "--threads",
                        str(s.threads())));
                a.addAll(forward);
            }
            case LOAD -> {
                a.addAll(List.of("--load", model.toString(), "--cache-dir", cache));
                a.addAll(forward);
            }
            case EVAL -> a.addAll(List.of("--", "eval", "--model", model.toString(), "--task", s.task(), "--mode",
                    "zero-shot", "--seeds", str(s.seed()), "--test-cap", str(s.testCap()), "--cache-dir", cache));
            case FINETUNE_FULL, FINETUNE_TOP2, FINETUNE_LORA, FINETUNE_BITFIT, FINETUNE_BCD -> {
                a.addAll(List.of("--", "finetune", "--model", model.toString(), "--task", s.task(), "--k", str(s.k()),
                        "--seed", str(s.seed()), "--steps", str(s.steps()), "--eval-every", str(s.steps()),
                        "--snapshot-every", str(s.steps()), "--test-cap", str(s.testCap()), "--lr", "1e-6",
                        "--run-dir", runDir(f).toString(), "--cache-dir", cache));
                a.addAll(ScaleSettings.variant(f));
            }
            case STEP -> a.addAll(List.of("--", "bench", "step", "--model", model.toString(), "--task", s.task(), "--k",
                    str(s.k()), "--test-cap", str(s.testCap()), "--seed", str(s.seed()), "--variants", "none",
                    "--repeats", str(s.runs()), "--warmup", "1", "--steps", "2", "--consecutive", "2", "--json",
                    "--cache-dir", cache));
            case EXPORT -> a.addAll(List.of("--", "export", runDir(ScaleFigure.FINETUNE_FULL).toString(), "--out",
                    exportFile().toString(), "--cache-dir", cache));
            default -> throw new IllegalStateException("no plan for " + f);
        }
        return a;
    }

    private static String str(long v) {
        return Long.toString(v);
    }
}

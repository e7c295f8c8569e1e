package dev.zotuner.tuner.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The ratios issue 22 sets targets for, from one model's figures, each side by side in one run: peak RSS of
 * {@code zo eval} ≤ 1.25 × plain ONNX Runtime; {@code zo finetune} ≤ 1.10 × {@code zo eval}; top:2, LoRA, BitFit and
 * MeZO-BCD ≤ full fine-tuning; {@code zo export} ≤ 1.5 × the weight bytes; zo's load time ≤ 2 × ORT's session
 * creation; a step ≤ 1.15 × two forwards; zo's forward ≤ 1.05 × ORT's on the same batch.
 */
public final class ScaleRatios {

    private ScaleRatios() {
    }

    /**
     * One ratio and its target.
     *
     * @param id     the JSON key, e.g. {@code eval_over_ort}
     * @param label  a table heading, e.g. {@code eval / ORT}
     * @param value  the ratio, NaN when either side is missing or failed
     * @param target the largest value that meets the target
     */
    public record Ratio(String id, String label, double value, double target) {

        public boolean measured() {
            return !Double.isNaN(value);
        }

        public boolean meets() {
            return measured() && value <= target;
        }
    }

    /** Every ratio of {@code m}, in table order. */
    public static List<Ratio> of(ModelResult m) {
        double weightGib = m.census().weightBytes() / (double) (1L << 30);
        return List.of(
                new Ratio("eval_over_ort", "eval / ORT", div(m.peakGib(ScaleFigure.EVAL), m.peakGib(ScaleFigure.ORT)), 1.25),
                new Ratio("finetune_over_eval", "finetune / eval", div(m.peakGib(ScaleFigure.FINETUNE_FULL),
                        m.peakGib(ScaleFigure.EVAL)), 1.10),
                overFull(m, "top2_over_full", "top:2 / full", ScaleFigure.FINETUNE_TOP2),
                overFull(m, "lora_over_full", "LoRA / full", ScaleFigure.FINETUNE_LORA),
                overFull(m, "bitfit_over_full", "BitFit / full", ScaleFigure.FINETUNE_BITFIT),
                overFull(m, "bcd_over_full", "BCD / full", ScaleFigure.FINETUNE_BCD),
                new Ratio("export_over_weights", "export / weights", div(m.peakGib(ScaleFigure.EXPORT),
                        weightGib > 0 ? OptionalDouble.of(weightGib) : OptionalDouble.empty()), 1.5),
                new Ratio("load_over_session", "load / ORT session", div(m.value(ScaleFigure.LOAD, "load_s"),
                        m.value(ScaleFigure.ORT, "session_s")), 2.0),
                new Ratio("step_over_two_forwards", "step / 2 fwd", stepOverTwoForwards(m), 1.15),
                new Ratio("forward_over_ort", "zo fwd / ORT fwd", div(m.value(ScaleFigure.LOAD, "forward_ms"),
                        m.value(ScaleFigure.ORT, "forward_ms")), 1.05));
    }

    /**
     * A MeZO step over two forwards: of {@code zo bench step}'s runs of consecutive plain steps against a forward in
     * the same rounds (what training does), else of its interleaved single steps.
     */
    private static double stepOverTwoForwards(ModelResult m) {
        double consecutive = div(m.value(ScaleFigure.STEP, "plain_step_ms"),
                times(2, m.value(ScaleFigure.STEP, "consecutive_forward_ms")));
        return !Double.isNaN(consecutive) ? consecutive
                : div(m.value(ScaleFigure.STEP, "step_ms"), times(2, m.value(ScaleFigure.STEP, "forward_ms")));
    }

    private static Ratio overFull(ModelResult m, String id, String label, ScaleFigure f) {
        return new Ratio(id, label, div(m.peakGib(f), m.peakGib(ScaleFigure.FINETUNE_FULL)), 1.0);
    }

    private static double div(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() && b.getAsDouble() > 0 ? a.getAsDouble() / b.getAsDouble() : Double.NaN;
    }

    private static OptionalDouble times(double k, OptionalDouble v) {
        return v.isPresent() ? OptionalDouble.of(k * v.getAsDouble()) : v;
    }
}

package dev.zotuner.tuner.rundir;

/**
 * One {@code "type":"eval"} line of {@code metrics.jsonl}: an evaluation of θ on a split.
 *
 * @param step     step index at which θ was evaluated
 * @param split    {@code "dev"} or {@code "test"}
 * @param accuracy accuracy as a fraction in [0, 1]
 * @param macroF1  macro-averaged F1 in [0, 1]
 * @param loss     mean loss on the split
 */
public record EvalRecord(long step, String split, double accuracy, double macroF1, double loss) {

    /** The development split's name. */
    public static final String DEV = "dev";
    /** The test split's name. */
    public static final String TEST = "test";
    /** The test split scored at a dev evaluation (θ of that step, not the best checkpoint): time-to-accuracy curves. */
    public static final String TEST_CURVE = "test-curve";

    /** The record in {@code f}; required fields missing → {@link RunDirectoryException}. */
    static EvalRecord of(JsonFields f) {
        String split = f.text("split");
        if (split.isBlank()) {
            throw f.error("field 'split' is empty");
        }
        return new EvalRecord(f.integer("step"), split, f.number("accuracy"), f.number("macro_f1"),
                f.number("loss"));
    }

    /** True for the development split. */
    public boolean isDev() {
        return DEV.equals(split);
    }

    /** True for the test split. */
    public boolean isTest() {
        return TEST.equals(split);
    }
}

package dev.zotuner.tuner.optim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Rebuilds weights from a run's step logs: start from the θ the run started at (or a checkpoint and
 * the optimizer state saved with it), create the optimizer with the run's method and settings, and
 * replay the logged steps. No loss is evaluated; the result equals the run's θ bit for bit.
 *
 * <p>Cost per step: ZO-SGD with a snapshot, MeZO-BCD and n-SPSA with a snapshot run only the update
 * pass; in-place restoration also reruns the ±εz probe passes, because their float32 drift is part of
 * the result.
 */
public final class StepReplayer {

    private StepReplayer() {
    }

    /** Replays {@code logs} in order; the first must be the optimizer's next step. */
    public static void replay(ZoOptimizer optimizer, List<StepLog> logs) {
        for (StepLog log : logs) {
            optimizer.replay(log);
        }
    }

    /** Replays every step in a {@link StepLogFile}. */
    public static void replay(ZoOptimizer optimizer, Path stepLogFile) throws IOException {
        replay(optimizer, StepLogFile.read(stepLogFile));
    }
}

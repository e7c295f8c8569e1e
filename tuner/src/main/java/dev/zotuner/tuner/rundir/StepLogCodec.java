package dev.zotuner.tuner.rundir;

import dev.zotuner.tuner.optim.ProjectedGradient;
import dev.zotuner.tuner.optim.StepLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a {@link StepLog} in a {@code metrics.jsonl} step line and reads it back, so the run directory's
 * log alone replays the weights from the base model. The step line carries the first direction's seed and
 * projected gradient; the extras carry the block, the accepted move, and any further n-SPSA directions.
 * Step lines count updates from 1; {@link StepLog#step()} counts from 0.
 */
public final class StepLogCodec {

    private StepLogCodec() {
    }

    /** The extra fields of a step line. */
    public static Map<String, Object> extras(StepLog log) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("block", log.block());
        m.put("accepted", log.accepted());
        if (log.directions().size() > 1) {
            List<List<Object>> more = new ArrayList<>();
            for (ProjectedGradient pg : log.directions().subList(1, log.directions().size())) {
                more.add(List.of(Long.toString(pg.seed()), pg.g(), pg.lossPlus(), pg.lossMinus()));
            }
            m.put("more_directions", more);
        }
        return m;
    }

    /** The step log of a replay line. */
    public static StepLog decode(ReplayStep r, double lossPlus, double lossMinus) {
        List<ProjectedGradient> dirs = new ArrayList<>();
        dirs.add(new ProjectedGradient(r.seed(), r.projectedGrad(), lossPlus, lossMinus));
        Object more = r.extras().get("more_directions");
        if (more instanceof List<?> list) {
            for (Object o : list) {
                List<?> d = (List<?>) o;
                dirs.add(new ProjectedGradient(Long.parseLong(d.get(0).toString()), number(d.get(1)), number(d.get(2)),
                        number(d.get(3))));
            }
        }
        return new StepLog(r.step() - 1, r.lr(), (int) number(r.extras().getOrDefault("block", -1)),
                (int) number(r.extras().getOrDefault("accepted", 1)), dirs);
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
    }
}

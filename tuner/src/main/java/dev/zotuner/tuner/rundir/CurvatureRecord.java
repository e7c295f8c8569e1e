package dev.zotuner.tuner.rundir;

/**
 * One {@code "type":"curvature"} line of {@code metrics.jsonl}: a Hutchinson estimate of the Hessian
 * trace (Hutchinson, 1989; for Adam the preconditioned trace Tr(P⁻¹H)) with its standard error and
 * 95 % confidence interval, the threshold it is compared against (2/η for ZO-SGD, 2(1−β)/η with
 * momentum β, 2/η for Adam's preconditioned trace) and the stability statistic S(η). Optional
 * fields are NaN when absent.
 *
 * @param step        step index
 * @param trace       Tr H estimate (mean over probes)
 * @param traceSe     its standard error
 * @param ciLow       lower end of the 95 % confidence interval
 * @param ciHigh      upper end of the 95 % confidence interval
 * @param probes      number of Rademacher/Gaussian probes; 0 for the exact trace of an analytic
 *                    objective (then {@code traceSe} is 0 and the interval is the point itself)
 * @param traceSq     estimate of Tr H², when present
 * @param lambdaMax   a lower bound on the largest Hessian eigenvalue, when present
 * @param lr          learning rate η at this step
 * @param threshold   the stability threshold Tr H is compared against
 * @param stabilityS  the stability statistic S(η)
 */
public record CurvatureRecord(long step, double trace, double traceSe, double ciLow, double ciHigh,
                              long probes, double traceSq, double lambdaMax, double lr,
                              double threshold, double stabilityS) {

    /** The record in {@code f}; required fields missing → {@link RunDirectoryException}. */
    static CurvatureRecord of(JsonFields f) {
        long probes = f.integer("probes");
        if (probes < 0) {
            throw f.error("field 'probes' must be at least 0 (0 = exact), found " + probes);
        }
        return new CurvatureRecord(f.integer("step"), f.number("trace"), f.number("trace_se"),
                f.number("trace_ci_low"), f.number("trace_ci_high"), probes,
                f.optionalNumber("trace_sq"), f.optionalNumber("lambda_max"), f.number("lr"),
                f.number("threshold"), f.optionalNumber("stability_s"));
    }

    /**
     * {@code Tr H · η / 2}: the trace measured in units of the ZO-SGD stability threshold 2/η
     * (values near or above 1 mean the run sits at the edge of stability).
     */
    public double halfLrTrace() {
        return trace * lr / 2.0;
    }
}

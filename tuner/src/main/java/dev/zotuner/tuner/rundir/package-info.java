/**
 * The schema of a run directory, in one place (the files and fields of {@code docs/run-directory.md}):
 * the records of {@code metrics.jsonl} ({@link dev.zotuner.tuner.rundir.StepRecord},
 * {@link dev.zotuner.tuner.rundir.EvalRecord}, {@link dev.zotuner.tuner.rundir.CurvatureRecord}, read as a
 * whole by {@link dev.zotuner.tuner.rundir.MetricsLog}), the replay view of a step line
 * ({@link dev.zotuner.tuner.rundir.ReplayStep}, the step lines of a run read as its replay log by
 * {@link dev.zotuner.tuner.rundir.ReplayLog}) and its codec to and from an optimizer's
 * {@link dev.zotuner.tuner.optim.StepLog} ({@link dev.zotuner.tuner.rundir.StepLogCodec}),
 * {@code config.json} and {@code summary.json} as read back ({@link dev.zotuner.tuner.rundir.RunConfig},
 * {@link dev.zotuner.tuner.rundir.RunSummary}), typed JSON field access with {@code file:line} errors
 * ({@link dev.zotuner.tuner.rundir.JsonFields}, {@link dev.zotuner.tuner.rundir.RunDirectoryException}) and
 * the compact number form used for display values ({@link dev.zotuner.tuner.rundir.Formats}).
 *
 * <p>Both sides of a run directory use these types, so they agree on what a file means:
 * {@code dev.zotuner.tuner.run} writes and resumes a run directory, {@code dev.zotuner.tuner.report} reads it.
 * This package depends on neither; of the tuner it uses only {@code optim.StepLog}.
 */
package dev.zotuner.tuner.rundir;

/**
 * Writing a fine-tuning run directory (layout: {@code docs/run-directory.md}, its records in
 * {@code dev.zotuner.tuner.rundir}; read back by {@code dev.zotuner.tuner.report}):
 * {@link dev.zotuner.tuner.run.RunDirectory} creates or resumes
 * it, {@link dev.zotuner.tuner.run.MetricsWriter} appends {@code metrics.jsonl} (whose step lines are
 * the replay log, read by {@link dev.zotuner.tuner.rundir.ReplayLog}), {@link dev.zotuner.tuner.run.Snapshots}
 * saves θ and optimizer state atomically with SHA-256 manifests, and
 * {@link dev.zotuner.tuner.run.ProgressBar} shows progress on stderr.
 *
 * <p>Use from the training loop:
 * <pre>{@code
 * try (RunDirectory run = RunDirectory.create(name.under(RunName.DEFAULT_BASE), config)) {
 *     split.writeTo(run.splitDirectory());
 *     for (long t = 1; t <= steps; t++) {
 *         ... one optimizer step ...
 *         run.metrics().step(new StepRecord(t, lp, lm, g, lr, seconds, NaN, NaN, NaN), seed,
 *                 Map.of("block", block));
 *         if (t % every == 0) run.snapshot(t, store, optimizer::saveState);
 *     }
 *     run.writeSummary(summary);
 * }
 * }</pre>
 * and to resume:
 * <pre>{@code
 * try (RunDirectory run = RunDirectory.open(dir)) {
 *     Config config = run.config(Config.class);
 *     LatestSnapshot latest = run.latestSnapshot(store);       // warnings: skipped snapshots
 *     Snapshot s = latest.snapshot().orElseThrow();
 *     s.restoreInto(store);
 *     optimizer.loadState(s.stateFile().orElseThrow());
 *     Resumption r = run.resumeAt(s.step());                   // log cut back to step s.step()
 *     ... continue at step s.step() + 1 ...
 * }
 * }</pre>
 */
package dev.zotuner.tuner.run;

/**
 * Zeroth-order optimizers over an {@link dev.zotuner.tuner.objective.Objective}: ZO-SGD (MeZO),
 * ZO-SGD with momentum, ZO-Adam, ZO-SGD-Sign, ZO-SGD-Cons, n-SPSA and MeZO-BCD, all built on the
 * two-point projected gradient g = (L(θ+εz) − L(θ−εz))/(2ε). Every random choice derives from
 * (run seed, step) ({@link dev.zotuner.tuner.optim.Seeds}); a {@link dev.zotuner.tuner.optim.StepLog}
 * per step replays the run bit for bit and an {@link dev.zotuner.tuner.optim.OptimizerState} resumes it.
 * {@link dev.zotuner.tuner.optim.StepSplit} says, from the method alone, whether a step's directions can be
 * probed by several workers ({@code ZoOptimizer.probe}/{@code applyEstimated}).
 * {@link dev.zotuner.tuner.optim.IterateAverage} wraps any of them to keep the running average of its iterates.
 */
package dev.zotuner.tuner.optim;

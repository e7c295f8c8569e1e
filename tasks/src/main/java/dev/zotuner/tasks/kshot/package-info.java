/**
 * The k-shot protocol of LM-BFF (Gao et al. 2021) as used by MeZO (Malladi et al. 2023): for a
 * seed, shuffle the training pool and take the first k examples of each class as train and the
 * next k as dev; optionally cap the test set. Shuffles use {@link dev.zotuner.tasks.kshot.SplitMix64}
 * and an explicit Fisher–Yates loop, so a split is the same on every machine and JVM.
 */
package dev.zotuner.tasks.kshot;

/**
 * Tasks: bundled SST-2, SST-5 and TREC, custom data sets from files, label sets, and the LM-BFF k-shot protocol that draws train/dev splits from a training set.
 */
package dev.zotuner.tasks;

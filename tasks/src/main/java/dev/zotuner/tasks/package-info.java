/**
 * Tasks: the bundled SST-2, SST-5 and TREC data (checksum-verified on load, see
 * {@link dev.zotuner.tasks.Tasks}), custom data sets from TSV/CSV/JSONL files
 * ({@link dev.zotuner.tasks.CustomTask}), and label sets. The LM-BFF k-shot protocol that draws
 * train/dev splits from a task's training pool is in {@link dev.zotuner.tasks.kshot}.
 */
package dev.zotuner.tasks;

/**
 * {@code zo report}: reads fine-tuning run directories ({@code config.json}, {@code metrics.jsonl},
 * {@code summary.json}; schema in {@code docs/run-directory.md}) and writes PNG plots (train loss,
 * dev accuracy, Hutchinson trace against the stability threshold, λmax lower bound) and a markdown
 * summary. Several runs overlay on one figure. Rendering is headless (XChart on AWT without a
 * display); every output file is written atomically and no input file is ever overwritten.
 *
 * <p>Reading: {@link dev.zotuner.tuner.report.Run#load}; writing:
 * {@link dev.zotuner.tuner.report.Report#write}.
 */
package dev.zotuner.tuner.report;

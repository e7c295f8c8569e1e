package dev.zotuner.tasks;

/**
 * A record read from a custom file before its label is mapped to a class index.
 *
 * @param line  1-based line where the record starts (for error messages)
 * @param text  the text field
 * @param label the label field, stripped of surrounding whitespace
 */
record RawExample(int line, String text, String label) {
}

/**
 * Prompts: templates, verbalizers (label words) and in-context demonstrations that turn a task example into model input text and each class into a token or phrase.
 */
package dev.zotuner.prompts;

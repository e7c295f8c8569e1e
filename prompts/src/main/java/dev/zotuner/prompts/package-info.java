/**
 * Prompts: templates, verbalizers (label words) and in-context demonstrations that turn a task
 * example into model input text and each class into a token or phrase, following LM-BFF (Gao et
 * al. 2021) and MeZO (Malladi et al. 2023).
 *
 * <p>This module does not depend on {@code models}: the one tokenizer service it needs (is a label
 * word a single token? how long is a text?) is the {@link dev.zotuner.prompts.TokenVocabulary}
 * interface, which {@code eval} adapts the models tokenizer to.
 */
package dev.zotuner.prompts;

/**
 * Tokenization with DJL's Hugging Face tokenizers (offline): encodings, batches padded to the longest row,
 * and the vocabulary with its special tokens.
 */
package dev.zotuner.models.tokenizer;

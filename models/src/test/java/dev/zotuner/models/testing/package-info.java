/**
 * Test fixtures shared with other modules (via the test-jar): tiny random-weight ONNX models of every kind
 * and their tokenizers, generated in code.
 */
package dev.zotuner.models.testing;

/** Test fixtures shared by the tuner's tests: tiny custom tasks for the generated tiny models. */
package dev.zotuner.tuner.testing;

/**
 * File output shared by the tuner's writers: {@link dev.zotuner.tuner.io.AtomicFiles} replaces a
 * file all at once (temporary file in the same directory, forced to disk, atomic rename), so a
 * reader or a crash never sees half a file. Used by {@code zo report} and by run directories.
 */
package dev.zotuner.tuner.io;

package dev.zotuner.tuner.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files atomically: the bytes go to a temporary file in the target's directory
 * ({@code .<name>.<pid>.tmp}), which is forced to disk and then renamed over the target with
 * {@code ATOMIC_MOVE}; the directory entry is forced too where the platform allows. A reader never
 * sees half a file, a crash leaves the old file (or none) plus at most a leftover {@code .tmp}, and a
 * failed write deletes its temporary file. New files get the umask's permissions, not owner-only.
 */
public final class AtomicFiles {

    /** Writes the content of one file to a stream (buffered; the caller need not close it). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content of one file to an open channel (for bulk writes from direct buffers). */
    @FunctionalInterface
    public interface ChannelContent {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Creates the content of one file at the path it is given (for writers that own their I/O). */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    /** The temporary sibling that {@code target} is written through: {@code .<name>.<pid>.tmp}. */
    public static Path temporaryFor(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid()
                + ".tmp");
    }

    /** True for a name {@link #temporaryFor} produces (or any other {@code *.tmp} leftover). */
    public static boolean isTemporary(Path file) {
        return file.getFileName().toString().endsWith(".tmp");
    }

    /** Writes {@code content} to {@code target} through a buffered stream. */
    public static void write(Path target, Content content) {
        writeChannel(target, channel -> {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            content.writeTo(out);
            out.flush();
        });
    }

    /** Writes {@code content} to {@code target} through a file channel. */
    public static void writeChannel(Path target, ChannelContent content) {
        writeFile(target, tmp -> {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(channel);
            }
        });
    }

    /**
     * Lets {@code content} create the temporary file, then forces it to disk and renames it over
     * {@code target}. Any failure → {@link UncheckedIOException} naming the target; the target is
     * then untouched and the temporary file removed.
     */
    public static void writeFile(Path target, FileContent content) {
        Path tmp = temporaryFor(target);
        boolean moved = false;
        try {
            content.writeTo(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("the writer produced no file");
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(tmp.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + firstLine(e), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    /** Forces a directory's entries to disk; a no-op where directories cannot be opened. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows: the rename is durable enough there
        }
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }
}

package dev.zotuner.models.source;

import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Properties;

/**
 * The on-disk cache: embedded models copied out of their jar once, and rewritten (weights-as-inputs) graphs.
 *
 * <p>The root is, first found: an explicit directory ({@code --cache-dir}), system property
 * {@value #PROPERTY}, environment variable {@value #ENV}, {@code $XDG_CACHE_HOME/zo-tuner},
 * {@code ~/.cache/zo-tuner}. Every file is written to a temporary file in the same directory and then moved
 * into place, so a reader never sees a half-written file and concurrent runs do not clash.
 */
public final class ModelCache {

    /** System property naming the cache root. */
    public static final String PROPERTY = "zo.cache.dir";
    /** Environment variable naming the cache root. */
    public static final String ENV = "ZO_CACHE_DIR";

    private final Path root;

    public ModelCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache at {@code override} if given, else at the root found from the process environment. */
    public static ModelCache resolve(Path override) {
        return new ModelCache(override != null ? override : defaultRoot(System.getenv(), System.getProperties()));
    }

    /** The default root for this environment and these system properties. */
    static Path defaultRoot(Map<String, String> env, Properties properties) {
        String prop = properties.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String dir = env.get(ENV);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(properties.getProperty("user.home"), ".cache");
        return base.resolve("zo-tuner");
    }

    public Path root() {
        return root;
    }

    /** Where the rewritten graph with this content key lives. */
    public Path rewrittenModel(String key) {
        return root.resolve("rewritten").resolve(key + ".onnx");
    }

    /**
     * The classpath resource copied to {@code <root>/embedded/<name>}, checksum-verified.
     *
     * <p>A sidecar {@code <name>.sha256} records the SHA-256 computed while copying and the resource's URL
     * (which names the jar and its version). The copy is reused only if the URL matches and the file's
     * SHA-256 still equals the recorded one; otherwise it is copied again.
     */
    public Path materialize(String resource, ClassLoader loader) {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new ModelException("embedded model resource '" + resource + "' is not on the classpath");
        }
        Path target = root.resolve("embedded").resolve(resource);
        Path sumFile = target.resolveSibling(resource + ".sha256");
        try {
            if (Files.isRegularFile(target) && Files.isRegularFile(sumFile)) {
                String[] recorded = Files.readString(sumFile, StandardCharsets.UTF_8).strip().split(" ", 2);
                if (recorded.length == 2 && recorded[1].equals(url.toString())
                        && recorded[0].equals(Checksums.sha256(target))) {
                    return target;
                }
            }
            Files.createDirectories(target.getParent());
            MessageDigest digest = Checksums.newSha256();
            Path tmp = Files.createTempFile(target.getParent(), resource, ".tmp");
            try (InputStream in = new DigestInputStream(url.openStream(), digest);
                 OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            String sha = Checksums.hex(digest.digest());
            if (!sha.equals(Checksums.sha256(tmp))) {
                Files.deleteIfExists(tmp);
                throw new ModelException(target + ": checksum mismatch after copying " + resource + " (disk error?)");
            }
            moveIntoPlace(tmp, target);
            writeAtomically(sumFile, (sha + " " + url + "\n").getBytes(StandardCharsets.UTF_8));
            return target;
        } catch (IOException e) {
            throw new ModelException("cache " + target + ": " + ModelException.oneLine(e), e);
        }
    }

    /** Writes {@code bytes} to {@code target} via a temporary file in the same directory and a move. */
    public static void writeAtomically(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, bytes);
                moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + ModelException.oneLine(e), e);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

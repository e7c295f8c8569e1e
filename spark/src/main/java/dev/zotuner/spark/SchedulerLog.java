package dev.zotuner.spark;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What Spark's standalone scheduler backend tells the driver about executors, read from its log: the master reports
 * every executor that ends ({@code Executor app-…/7 removed: Command exited with code 1}) — also the ones that never
 * registered, which no listener event shows — and why it ended the application ({@code Application has been killed.
 * Reason: …}). The master's own state does not help there: it drops an application's executor history when it sends
 * it. {@link ClusterWatch} turns these into one line.
 *
 * <p>Owns a log4j appender on that one logger while open ({@link #close()} removes it); the logger's lines are not
 * printed meanwhile (the watch says what they said) unless {@code ZO_DEBUG} is set. Without log4j-core (another logging
 * backend) nothing is read and the watch falls back to its timeout.
 */
final class SchedulerLog implements AutoCloseable {

    static final String LOGGER = "org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend";
    private static final Pattern REMOVED = Pattern.compile("Executor (\\S+) removed: (.*)");
    private static final Pattern KILLED = Pattern.compile("Application has been killed\\. Reason: (.*)");

    private final AtomicInteger removed = new AtomicInteger();
    private final AtomicReference<String> lastRemoval = new AtomicReference<>();
    private final AtomicReference<String> killed = new AtomicReference<>();
    private final Runnable detach;

    private SchedulerLog(boolean attach) {
        this.detach = attach ? attach() : () -> { };
    }

    /** Starts reading the scheduler backend's log (before the context starts: it may end during start). */
    static SchedulerLog open() {
        return new SchedulerLog(true);
    }

    /** A log that reads nothing (local masters). */
    static SchedulerLog none() {
        return new SchedulerLog(false);
    }

    /** Executors the master reported as ended so far. */
    int removedExecutors() {
        return removed.get();
    }

    /** Why the last of them ended ({@code Command exited with code 1}), if any did. */
    Optional<String> lastRemoval() {
        return Optional.ofNullable(lastRemoval.get());
    }

    /** The master's reason for ending the application, if it did. */
    Optional<String> killed() {
        return Optional.ofNullable(killed.get());
    }

    /** Reads one line of the backend's log. */
    void read(String message) {
        Matcher r = REMOVED.matcher(message);
        if (r.find()) {
            removed.incrementAndGet();
            lastRemoval.set(r.group(2).strip());
            return;
        }
        Matcher k = KILLED.matcher(message);
        if (k.find()) {
            killed.compareAndSet(null, k.group(1).strip());
        }
    }

    private Runnable attach() {
        try {
            if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
                return () -> { };
            }
            Configuration config = ctx.getConfiguration();
            AbstractAppender appender = new AbstractAppender("zo-scheduler-log", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    read(event.getMessage().getFormattedMessage());
                }
            };
            appender.start();
            LoggerConfig logger = new LoggerConfig(LOGGER, Level.INFO, System.getenv("ZO_DEBUG") != null);
            logger.addAppender(appender, Level.INFO, null);
            config.addLogger(LOGGER, logger);
            ctx.updateLoggers();
            return () -> {
                config.removeLogger(LOGGER);
                ctx.updateLoggers();
                appender.stop();
            };
        } catch (RuntimeException | LinkageError e) {
            return () -> { };    // not log4j-core: read nothing
        }
    }

    @Override
    public void close() {
        detach.run();
    }
}

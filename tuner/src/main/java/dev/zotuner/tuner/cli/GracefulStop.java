package dev.zotuner.tuner.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * SIGTERM (what {@code timeout}, systemd, Slurm, YARN and Kubernetes send) and SIGINT (Ctrl-C) as a request to stop.
 *
 * <p>A command that runs ONNX Runtime calls {@link #honour()} and checks the request between units of work — a
 * training step, a forward batch — so that it stops with no forward pass under way, closes its models, prints one line
 * and exits with {@link #exitStatus()} (143 / 130). Letting the JVM exit on the signal instead would close native
 * objects (and run libonnxruntime's static destructors) under a running session: a SIGSEGV. While no command honours
 * the request, a signal exits at once with the same status, as the JVM's own handler would; a second signal while a
 * command stops is ignored (kill -KILL stops at once).
 *
 * <p>One per CLI process ({@link #install()} in {@code main}); commands run in-process (tests, a sweep's tasks) get
 * {@link #inactive()}, which no signal reaches.
 */
public final class GracefulStop {

    private final AtomicReference<String> signal = new AtomicReference<>();
    private final AtomicBoolean honoured = new AtomicBoolean();
    private final IntConsumer exit;

    GracefulStop(IntConsumer exit) {
        this.exit = exit;
    }

    /** Handles SIGTERM and SIGINT of this JVM from now on (for {@code main}: call before anything else). */
    public static GracefulStop install() {
        GracefulStop stop = new GracefulStop(System::exit);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.received(s.getName()));
            } catch (IllegalArgumentException e) {
                // the signal is not available here (or reserved by the JVM, e.g. under -Xrs): the default stays
            }
        }
        return stop;
    }

    /** A stop no signal reaches (in-process runs). */
    public static GracefulStop inactive() {
        return new GracefulStop(status -> { });
    }

    /** The running command stops at its next check: returns that check. */
    public BooleanSupplier honour() {
        honoured.set(true);
        return this::requested;
    }

    /** Whether a stop was requested. */
    public boolean requested() {
        return signal.get() != null;
    }

    /** {@code SIGTERM} or {@code SIGINT}, or null before any signal. */
    public String signalName() {
        String s = signal.get();
        return s == null ? null : "SIG" + s;
    }

    /** 128 + the signal's number, as a shell reports a process the signal ended: 143 (TERM), 130 (INT); else 0. */
    public int exitStatus() {
        String s = signal.get();
        return s == null ? 0 : 128 + (s.equals("INT") ? 2 : 15);
    }

    /** A signal arrived ({@code TERM} or {@code INT}): requests the stop, or exits when no command honours it. */
    void received(String name) {
        if (signal.compareAndSet(null, name) && !honoured.get()) {
            exit.accept(exitStatus());
        }
    }
}

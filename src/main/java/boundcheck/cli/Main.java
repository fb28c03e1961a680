package boundcheck.cli;

import boundcheck.cas.Cas;
import boundcheck.check.Checker;
import boundcheck.check.Results;
import boundcheck.lang.Diagnostics;
import boundcheck.lang.Loader;
import boundcheck.lang.Theory;
import boundcheck.report.JsonReport;
import boundcheck.report.TextReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "boundcheck", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Checks the inequality chains of learning-theory papers.",
        subcommands = {Main.Check.class, LatexCommand.class, EvalCommand.class, Main.Parse.class, Main.Bench.class, BenchInstances.class})
public final class Main implements Callable<Integer> {
    static final String VERSION = "boundcheck 0.1.0";

    public static void main(String[] args) {
        // Symja keeps a background thread alive; exit explicitly.
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        // a later --title or --format replaces one from an argument file (eval @section6.args --title ...)
        cl.setOverwrittenOptionsAllowed(true);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            err.println("boundcheck: internal error: " + ex);
            return 3;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("boundcheck: " + ex.getMessage());
            return 2;
        });
        Main.out = out;
        Main.err = err;
        int code = cl.execute(args);
        out.flush();
        return code;
    }

    static PrintStream out = System.out, err = System.err;

    @Override
    public Integer call() {
        new CommandLine(this).usage(err);
        return 2;
    }

    static List<Theory> load(List<Path> paths) {
        Diagnostics d = new Diagnostics();
        List<Theory> theories = Loader.load(paths, d);
        if (d.hasErrors()) {
            d.errors().forEach(e -> err.println(e.render()));
            return null;
        }
        return theories;
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Check every step, claim and lemma; exit 0 when every verdict is as annotated.")
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH", description = ".bnd files or folders (searched recursively)")
        List<Path> paths;

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE}); printed in every report")
        long seed;

        @Option(names = "--samples", defaultValue = "2000", description = "numeric instances per step (default: ${DEFAULT-VALUE})")
        int samples;

        @Option(names = "--cas-timeout", defaultValue = "2", description = "seconds per CAS call (default: ${DEFAULT-VALUE})")
        double casTimeout;

        @Option(names = "--jobs", defaultValue = "0", description = "files checked in parallel, each with its own CAS (default: the number of processors, at most 4)")
        int jobs;

        @Option(names = "--no-color", description = "no colours in the text report (also when NO_COLOR is set)")
        boolean noColor;

        @Option(names = "--findings", paramLabel = "FILE", description = "also write the findings document (Markdown: verdicts by section, every refuted step)")
        Path findings;

        @Override
        public Integer call() {
            if (!format.equals("text") && !format.equals("json")) {
                err.println("boundcheck: --format must be text or json, not '" + format + "'");
                return 2;
            }
            if (samples < 1) {
                err.println("boundcheck: --samples must be at least 1");
                return 2;
            }
            List<Theory> theories = load(paths);
            if (theories == null) return 2;
            long start = System.currentTimeMillis();
            boolean tty = System.console() != null;
            Progress progress = new Progress(tty, err, start);
            Results.Run run = checkAll(theories, seed, samples, Math.round(casTimeout * 1000), jobs, progress::item);
            progress.done();
            if (findings != null) {
                String command = "boundcheck check " + paths.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" "))
                        + (seed != 0 ? " --seed " + seed : "") + (samples != 2000 ? " --samples " + samples : "") + " --findings " + findings;
                if (!writeAtomically(findings, boundcheck.report.FindingsReport.render(run, command))) return 2;
            }
            if (format.equals("json")) {
                out.println(JsonReport.render(run, VERSION.substring("boundcheck ".length())));
            } else {
                boolean colors = tty && !noColor && System.getenv("NO_COLOR") == null;
                out.print(TextReport.render(run, colors));
            }
            return run.unexpected() == 0 ? 0 : 1;
        }
    }

    /**
     * Checks the theories, {@code jobs} files at a time (0: one per processor, at most 4), each worker with its
     * own CAS; results come back in file order, and each file's verdicts do not depend on the others.
     */
    public static Results.Run checkAll(List<Theory> theories, long seed, int samples, long casTimeoutMillis, int jobs,
                                       java.util.function.Consumer<String> progress) {
        long start = System.currentTimeMillis();
        int threads = jobs > 0 ? jobs : Math.min(4, Runtime.getRuntime().availableProcessors());
        threads = Math.max(1, Math.min(threads, theories.size()));
        java.util.function.Consumer<String> safeProgress = name -> { synchronized (Main.class) { progress.accept(name); } };
        List<Cas> cases = java.util.Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<Checker> checkers = ThreadLocal.withInitial(() -> {
            Cas cas = new Cas(casTimeoutMillis);
            cases.add(cas);
            return new Checker(cas, seed, samples);
        });
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<Results.ItemResult>>> futures = new ArrayList<>();
            for (Theory t : theories) futures.add(pool.submit(() -> checkers.get().check(t, safeProgress)));
            List<Results.ItemResult> items = new ArrayList<>();
            for (var f : futures) items.addAll(f.get());
            long calls = 0, nanos = 0, timeouts = 0;
            for (Cas c : cases) { calls += c.calls(); nanos += c.nanos(); timeouts += c.timeouts(); }
            return new Results.Run(seed, samples, items, System.currentTimeMillis() - start, calls, nanos / 1_000_000, timeouts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            cases.forEach(Cas::close);
        }
    }

    /** Writes through a temporary file in the same folder, so a failed write leaves no partial file. */
    static boolean writeAtomically(Path target, String text) {
        return writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }

    static boolean writeAtomically(Path target, byte[] bytes) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            java.nio.file.Files.createDirectories(dir);
            Path tmp = java.nio.file.Files.createTempFile(dir, ".boundcheck", ".tmp");
            try {
                java.nio.file.Files.write(tmp, bytes);
                // temporary files are private; the result is an ordinary file
                try {
                    java.nio.file.Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException notPosix) {
                    // other file systems keep their defaults
                }
                java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
            return true;
        } catch (java.io.IOException e) {
            err.println(target + ":1:1: error: cannot write: " + e.getMessage());
            return false;
        }
    }

    /** A progress line on stderr, only on a terminal and only once a run takes longer than 2 s. */
    static final class Progress {
        private final boolean tty;
        private final PrintStream err;
        private final long start;
        private int count;
        private boolean shown;

        Progress(boolean tty, PrintStream err, long start) {
            this.tty = tty;
            this.err = err;
            this.start = start;
        }

        void item(String name) {
            count++;
            if (tty && System.currentTimeMillis() - start > 2000) {
                err.print("\rchecking item " + count + ": " + name + "                    ");
                err.flush();
                shown = true;
            }
        }

        void done() {
            if (shown) { err.print("\r" + " ".repeat(70) + "\r"); err.flush(); }
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Time repeated checks in one JVM: wall time, numeric instances per second, time per CAS call.")
    static final class Bench implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH") List<Path> paths;

        @Option(names = "--repeat", defaultValue = "5", description = "runs (default: ${DEFAULT-VALUE}); the first includes start-up")
        int repeat;

        @Option(names = "--samples", defaultValue = "2000") int samples;

        @Option(names = "--seed", defaultValue = "0") long seed;

        @Override
        public Integer call() {
            List<Theory> theories = load(paths);
            if (theories == null) return 2;
            List<Long> wall = new ArrayList<>();
            long instances = 0, casCalls = 0, casMillis = 0, steps = 0;
            for (int r = 0; r < repeat; r++) {
                long start = System.nanoTime();
                // a fresh CAS per run: its memo would otherwise make later runs cheaper than a real one
                try (Cas cas = new Cas(2000)) {
                    Checker checker = new Checker(cas, seed, samples);
                    long n = 0, s = 0;
                    for (Theory t : theories) {
                        for (Results.ItemResult i : checker.check(t, x -> { })) {
                            for (Results.StepResult st : i.steps()) { n += st.samples(); s++; }
                        }
                    }
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    wall.add(ms);
                    out.printf("run %d: %d ms (%d CAS calls, %d ms in the CAS), %d steps, %d numeric instances%n",
                            r + 1, ms, cas.calls(), cas.nanos() / 1_000_000, s, n);
                    if (r > 0) { instances += n; casCalls += cas.calls(); casMillis += cas.nanos() / 1_000_000; steps += s; }
                }
            }
            List<Long> sorted = new ArrayList<>(wall);
            java.util.Collections.sort(sorted);
            out.printf("median wall time %d ms over %d runs (seed %d, %d samples per step)%n", sorted.get(sorted.size() / 2), repeat, seed, samples);
            if (repeat > 1) {
                long warm = wall.subList(1, wall.size()).stream().mapToLong(Long::longValue).sum();
                long numericMillis = Math.max(1, warm - casMillis);
                out.printf("warm runs: %.0f numeric instances per second (outside the CAS), %.1f ms per CAS call%n",
                        instances * 1000.0 / numericMillis, casCalls == 0 ? 0.0 : (double) casMillis / casCalls);
            }
            return 0;
        }
    }

    @Command(name = "parse", mixinStandardHelpOptions = true, description = "Parse and type-check theory files; print errors only.")
    static final class Parse implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH") List<Path> paths;

        @Override
        public Integer call() {
            return load(paths) == null ? 2 : 0;
        }
    }

    static {
        // make sure the console encoding does not mangle Unicode relations in reports
        System.setOut(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8));
    }
}

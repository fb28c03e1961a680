package boundcheck.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Compiles a document with pdflatex. Without pdflatex the test is skipped, except where
 * {@code BOUNDCHECK_REQUIRE_PDFLATEX} is set (CI sets it after installing TeX Live), so CI can't
 * silently skip the compile.
 */
public final class Pdflatex {
    private Pdflatex() {}

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("pdflatex", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static void requireOrSkip() {
        boolean present = available();
        if (System.getenv("BOUNDCHECK_REQUIRE_PDFLATEX") != null && !present) {
            throw new AssertionError("BOUNDCHECK_REQUIRE_PDFLATEX is set but pdflatex is not on the PATH");
        }
        assumeTrue(present, "pdflatex not installed; .ci/run installs it (texlive-latex-base)");
    }

    /** Compiles {@code name.tex} (written with {@code text}) in {@code dir}; fails with pdflatex's first error. */
    public static void compile(Path dir, String name, String text) throws Exception {
        Files.writeString(dir.resolve(name + ".tex"), text);
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", name + ".tex")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        int bang = log.indexOf("\n!");
        String error = bang < 0 ? log.substring(Math.max(0, log.length() - 800)) : log.substring(bang, Math.min(log.length(), bang + 600));
        assertEquals(0, done ? p.exitValue() : -1, name + ".tex does not compile:\n" + error);
        assertEquals(true, Files.size(dir.resolve(name + ".pdf")) > 1000, name + ".pdf is empty");
    }
}

package boundcheck.lang;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects user-facing errors ({@code FILE:LINE:COL: error: MESSAGE}) instead of throwing them. */
public final class Diagnostics {
    public record Diagnostic(Path file, int line, int col, String message) {
        public String render() {
            return file + ":" + line + ":" + col + ": error: " + message;
        }
    }

    private final List<Diagnostic> errors = new ArrayList<>();

    public void error(Path file, Ast.Pos pos, String message) {
        errors.add(new Diagnostic(file, pos.line(), pos.col(), message));
    }

    public void error(Path file, int line, int col, String message) {
        errors.add(new Diagnostic(file, line, col, message));
    }

    public boolean hasErrors() { return !errors.isEmpty(); }

    public List<Diagnostic> errors() { return List.copyOf(errors); }
}

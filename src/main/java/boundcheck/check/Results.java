package boundcheck.check;

import boundcheck.lang.Ast;
import boundcheck.numeric.Counterexample;
import java.nio.file.Path;
import java.util.List;

/** The results of a run, as plain records for the reports. */
public final class Results {
    private Results() {}

    /** One step (or {@code relation = "conclusion"}, or the single relation of a claim). */
    /** {@code casTimedOut}: a CAS call timed out while this step was not proved (a longer --cas-timeout may prove it). */
    public record StepResult(int line, int col, String relation, String text, List<String> rules, Verdict verdict,
                             int samples, Double minMargin, Counterexample counterexample, boolean expectRefuted,
                             List<String> sideConditions, String note, boolean casTimedOut) {
        public StepResult(int line, int col, String relation, String text, List<String> rules, Verdict verdict,
                          int samples, Double minMargin, Counterexample counterexample, boolean expectRefuted,
                          List<String> sideConditions, String note) {
            this(line, col, relation, text, rules, verdict, samples, minMargin, counterexample, expectRefuted, sideConditions, note, false);
        }

        public boolean asExpected() { return expectRefuted == (verdict == Verdict.REFUTED); }

        public StepResult withCasTimeout() {
            return new StepResult(line, col, relation, text, rules, verdict, samples, minMargin, counterexample, expectRefuted,
                    sideConditions, note, true);
        }
    }

    public record ItemResult(Path file, int line, String kind, String name, String label, Verdict verdict,
                             boolean expectRefuted, List<String> uses, List<StepResult> steps, String note, String section,
                             Composition composition, long millis) {
        public ItemResult(Path file, int line, String kind, String name, String label, Verdict verdict,
                          boolean expectRefuted, List<String> uses, List<StepResult> steps, String note) {
            this(file, line, kind, name, label, verdict, expectRefuted, uses, steps, note, null, null, 0);
        }

        public ItemResult inSection(String title) {
            return new ItemResult(file, line, kind, name, label, verdict, expectRefuted, uses, steps, note, title, composition, millis);
        }

        public ItemResult withComposition(Composition c) {
            return new ItemResult(file, line, kind, name, label, verdict, expectRefuted, uses, steps, note, section, c, millis);
        }

        /** Wall time of checking this item (for finding the slow ones; not part of any verdict). */
        public ItemResult withMillis(long ms) {
            return new ItemResult(file, line, kind, name, label, verdict, expectRefuted, uses, steps, note, section, composition, ms);
        }

        /** Whether the item's verdict is as annotated: refutations only where marked, and every mark refuted. */
        public boolean asExpected() {
            for (StepResult s : steps) if (!s.asExpected()) return false;
            if (expectRefuted) return verdict == Verdict.REFUTED;
            boolean anyMarked = steps.stream().anyMatch(StepResult::expectRefuted);
            return verdict != Verdict.REFUTED || anyMarked;
        }

        public boolean expectedRefuted() { return expectRefuted || steps.stream().anyMatch(StepResult::expectRefuted); }
    }

    /**
     * A composed bound: the expression as written, its closed form (CAS), the paper's stated form, how the two
     * compare ({@code equal}, {@code paper looser}, {@code paper tighter}, {@code neither}, or {@code undecided}),
     * the simplified ratio composed/paper, and the growth of each in the growth variable at sampled instances.
     * {@code closed} and {@code ratioExpr} are the trees the texts were printed from (for LaTeX).
     */
    public record Composition(String composed, String closedForm, String paperForm, String comparison, String ratio,
                              List<String> growth, Ast.Expr closed, Ast.Expr ratioExpr) {}

    public record Run(long seed, int samples, List<ItemResult> items, long millis, long casCalls, long casMillis, long casTimeouts) {
        public long count(Verdict v) { return items.stream().filter(i -> i.verdict() == v).count(); }

        public long unexpected() { return items.stream().filter(i -> !i.asExpected()).count(); }
    }
}

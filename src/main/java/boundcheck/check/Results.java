package boundcheck.check;

import boundcheck.numeric.Counterexample;
import java.nio.file.Path;
import java.util.List;

/** The results of a run, as plain records for the reports. */
public final class Results {
    private Results() {}

    /** One step (or {@code relation = "conclusion"}, or the single relation of a claim). */
    public record StepResult(int line, int col, String relation, String text, List<String> rules, Verdict verdict,
                             int samples, Double minMargin, Counterexample counterexample, boolean expectRefuted,
                             List<String> sideConditions, String note) {
        public boolean asExpected() { return expectRefuted == (verdict == Verdict.REFUTED); }
    }

    public record ItemResult(Path file, int line, String kind, String name, String label, Verdict verdict,
                             boolean expectRefuted, List<String> uses, List<StepResult> steps, String note) {
        /** Whether the item's verdict is as annotated: refutations only where marked, and every mark refuted. */
        public boolean asExpected() {
            for (StepResult s : steps) if (!s.asExpected()) return false;
            if (expectRefuted) return verdict == Verdict.REFUTED;
            boolean anyMarked = steps.stream().anyMatch(StepResult::expectRefuted);
            return verdict != Verdict.REFUTED || anyMarked;
        }

        public boolean expectedRefuted() { return expectRefuted || steps.stream().anyMatch(StepResult::expectRefuted); }
    }

    public record Run(long seed, int samples, List<ItemResult> items, long millis, long casCalls, long casMillis, long casTimeouts) {
        public long count(Verdict v) { return items.stream().filter(i -> i.verdict() == v).count(); }

        public long unexpected() { return items.stream().filter(i -> !i.asExpected()).count(); }
    }
}

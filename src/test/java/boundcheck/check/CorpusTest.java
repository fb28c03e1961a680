package boundcheck.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus of scalar claims and chains in test-data/corpus: every false item is refuted (at the
 * step marked {@code expect refuted}), no false item is proved, no true item is refuted.
 */
class CorpusTest {
    @Test
    void everyFalseItemIsRefutedAndNoneProved() {
        List<ItemResult> items = TestSupport.check(Path.of("test-data/corpus/false.bnd"), 2000);
        assertTrue(items.size() >= 30, "corpus too small: " + items.size());
        List<String> problems = new ArrayList<>();
        for (ItemResult i : items) {
            if (i.verdict() != Verdict.REFUTED) problems.add(i.name() + " is " + i.verdict().word());
            for (StepResult s : i.steps()) {
                if (s.expectRefuted() && s.verdict() != Verdict.REFUTED) problems.add(i.name() + " line " + s.line() + " is " + s.verdict().word());
                if (s.expectRefuted() && s.verdict() == Verdict.PROVED) problems.add(i.name() + " line " + s.line() + " PROVED although false");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void noTrueItemIsRefuted() {
        List<ItemResult> items = TestSupport.check(Path.of("test-data/corpus/true.bnd"), 2000);
        assertTrue(items.size() >= 30, "corpus too small: " + items.size());
        List<String> problems = new ArrayList<>();
        long proved = 0;
        for (ItemResult i : items) {
            if (i.verdict() == Verdict.REFUTED) problems.add(i.name() + " refuted: " + i.steps());
            if (i.verdict() == Verdict.PROVED) proved++;
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        // the kernel must prove a fair share: a checker that only ever says "tested" is not doing its job
        assertTrue(proved >= 10, "only " + proved + " true items proved");
    }
}

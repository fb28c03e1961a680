package boundcheck.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The corpora in test-data/corpus (scalar, and vectors/matrices/networks): every false item is
 * refuted at the step marked {@code expect refuted}, no false step is proved, no true item is
 * refuted, and the kernel never disagrees with a confirmed counterexample.
 */
class CorpusTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"false.bnd, 2000, 30", "vector_false.bnd, 500, 30"})
    void everyFalseItemIsRefutedAndNoneProved(String file, int samples, int minItems) {
        List<ItemResult> items = claimsAndLemmas(TestSupport.check(Path.of("test-data/corpus", file), samples));
        assertTrue(items.size() >= minItems, "corpus too small: " + items.size());
        List<String> problems = new ArrayList<>();
        for (ItemResult i : items) {
            if (i.verdict() != Verdict.REFUTED) problems.add(i.name() + " is " + i.verdict().word());
            for (StepResult s : i.steps()) {
                if (s.expectRefuted() && s.verdict() != Verdict.REFUTED) problems.add(i.name() + " line " + s.line() + " is " + s.verdict().word());
                if (s.expectRefuted() && s.verdict() == Verdict.PROVED) problems.add(i.name() + " line " + s.line() + " PROVED although false");
                if (s.note() != null && s.note().contains("DISAGREEMENT")) problems.add(i.name() + " line " + s.line() + ": " + s.note());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"true.bnd, 2000, 30, 10", "vector_true.bnd, 500, 30, 25"})
    void noTrueItemIsRefuted(String file, int samples, int minItems, int minProved) {
        List<ItemResult> items = claimsAndLemmas(TestSupport.check(Path.of("test-data/corpus", file), samples));
        assertTrue(items.size() >= minItems, "corpus too small: " + items.size());
        List<String> problems = new ArrayList<>();
        long proved = 0;
        for (ItemResult i : items) {
            if (i.verdict() == Verdict.REFUTED) problems.add(i.name() + " refuted: " + i.steps());
            if (i.verdict() == Verdict.PROVED) proved++;
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        // the kernel must prove a fair share: a checker that only ever says "tested" is not doing its job
        assertTrue(proved >= minProved, "only " + proved + " true items proved");
    }

    private static List<ItemResult> claimsAndLemmas(List<ItemResult> items) {
        return items.stream().filter(i -> !i.kind().equals("assumption")).toList();
    }
}

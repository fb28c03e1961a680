package boundcheck.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import boundcheck.check.Results.ItemResult;
import boundcheck.check.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every example of LANGUAGE.md sections 2-4 parses; the scalar ones check with sensible verdicts. */
class LanguageExamplesTest {
    private static final Path EXAMPLES = Path.of("test-data/language/examples.bnd");

    @Test
    void examplesParseAndResolve() {
        Diagnostics d = new Diagnostics();
        List<Theory> t = Loader.load(List.of(EXAMPLES), d);
        assertFalse(d.hasErrors(), d.errors().toString());
        assertEquals(1, t.size());
        assertEquals(2, t.get(0).seqs.get("h").size());
    }

    @Test
    void everyExampleChecksAsAnnotated() {
        List<ItemResult> items = TestSupport.check(EXAMPLES, 500);
        assertEquals(Verdict.PROVED, TestSupport.item(items, "geom_le").verdict());
        assertEquals(Verdict.PROVED, TestSupport.item(items, "sr").verdict());
        assertEquals(Verdict.CITED, TestSupport.item(items, "L9").verdict());
        // LANGUAGE.md's Lemma 6: every step of the induction proved, vectors and all
        ItemResult hidden = TestSupport.item(items, "hidden_norm");
        assertEquals(Verdict.PROVED, hidden.verdict(), hidden.steps().toString());
        // the norm step marked `expect refuted` is refuted with concrete vectors
        ItemResult margin = TestSupport.item(items, "margin_step");
        assertEquals(Verdict.REFUTED, margin.verdict());
        assertTrue(margin.steps().stream().anyMatch(s -> s.counterexample() != null && !s.counterexample().objects().isEmpty()));
    }
}

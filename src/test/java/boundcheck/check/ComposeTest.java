package boundcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import boundcheck.check.Results.ItemResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compositions: closed forms, the comparison with the paper's form, growth estimates, sections. */
class ComposeTest {
    private static List<ItemResult> items;

    @BeforeAll
    static void run() {
        items = TestSupport.checkText("""
                theory c "compositions"
                var t : posint
                var rho_h, B_U, B_W, B_x, c : pos
                let S(q, n) = (q^n - 1) / (q - 1)
                let inner(t) = rho_h * B_x * S(rho_h * B_U, t)
                section "A"
                compose same "equal forms": B_W * inner(t) paper rho_h * B_W * B_x * S(rho_h * B_U, t)
                compose looser "paper looser": where rho_h * B_U < 1
                  inner(t) paper rho_h * B_x * t
                  growth in t
                section "B"
                compose wrong "paper drops a factor" expect refuted: inner(t) * rho_h paper inner(t)
                compose expo "exponential regime": where rho_h * B_U > 1
                  t * inner(t) growth in t
                """, 300);
    }

    @Test
    void equalFormsAreProvedEqualByTheCas() {
        ItemResult i = TestSupport.item(items, "same");
        assertEquals(Verdict.PROVED, i.verdict());
        assertTrue(i.composition().comparison().startsWith("equal"), i.composition().comparison());
        assertEquals("A", i.section());
    }

    @Test
    void aLooserPaperFormFollowsAndIsSaidToBeLooser() {
        ItemResult i = TestSupport.item(items, "looser");
        assertTrue(i.verdict() == Verdict.PROVED || i.verdict() == Verdict.TESTED, i.verdict().word());
        assertTrue(i.composition().comparison().startsWith("paper looser"), i.composition().comparison());
        // S(q, t) <= t for q < 1: the composed form is bounded in t, the paper's grows linearly
        assertTrue(i.composition().growth().get(0).contains("composed Theta(1)"), i.composition().growth().toString());
        assertTrue(i.composition().growth().get(0).contains("paper Theta(t^1)"), i.composition().growth().toString());
    }

    @Test
    void aPaperFormBelowTheCompositionIsRefutedWithAnInstance() {
        ItemResult i = TestSupport.item(items, "wrong");
        assertEquals(Verdict.REFUTED, i.verdict());
        assertTrue(i.asExpected());
        assertNotNull(i.steps().get(1).counterexample());
        assertEquals("B", i.section());
    }

    @Test
    void exponentialGrowthIsRecognised() {
        ItemResult i = TestSupport.item(items, "expo");
        assertTrue(i.composition().growth().stream().allMatch(g -> g.contains("exponential")), i.composition().growth().toString());
    }
}

package boundcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import boundcheck.check.Results.ItemResult;
import boundcheck.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule proves a true step (positive test) and does not prove a false one, in particular
 * false steps the falsifier is likely to miss (false only on a tiny region or far out). The
 * negative cases come from a review of the kernel; each once came out `proved`.
 */
class KernelSoundnessTest {
    private static Verdict verdict(String text, String item) {
        List<ItemResult> items = TestSupport.checkText(text, 300);
        return TestSupport.item(items, item).verdict();
    }

    @Test
    void rulesProveTrueSteps() {
        String t = """
                var x, y : pos
                var q : real in (0, 1)
                var n : nat
                let S(a, m) = (a^m - 1) / (a - 1)
                lemma alg: x * y <= (x + y)^2 / 4
                proof
                  x * y
                    <= (x + y)^2 / 4   by algebra
                qed
                lemma pos: 0 <= 1 / (1 - q)
                proof
                  0
                    <= 1 / (1 - q)     by positivity
                qed
                lemma geo:
                  where x >= 1, n >= 1
                  S(x, n) <= n * x^(n-1)
                proof
                  S(x, n)
                    = sum(j = 0..n-1) x^j        by geometric
                    <= sum(j = 0..n-1) x^(n-1)   by mono
                    = n * x^(n-1)                by algebra
                qed
                lemma ind: forall m >= 0: 2^m >= m + 1
                proof by induction m
                  base:
                    2^0
                      = 0 + 1           by algebra
                  step:
                    2^m
                      = 2 * 2^(m - 1)   by algebra
                      >= 2 * (m - 1 + 1) by IH, mono
                      >= m + 1          by algebra
                qed
                """;
        List<ItemResult> items = TestSupport.checkText(t, 300);
        for (String name : List.of("alg", "pos", "geo", "ind")) {
            assertEquals(Verdict.PROVED, TestSupport.item(items, name).verdict(), name + ": " + TestSupport.item(items, name).steps());
        }
    }

    @Test
    void monoDoesNotProveAWrongDirection() {
        // false for x < 1: x^2 <= x there; mono needs x >= 1 for the exponent step
        String t = """
                var x : pos
                lemma bad: x^2 >= x^3
                proof
                  x^2
                    >= x^3   by mono
                qed
                """;
        assertNotEquals(Verdict.PROVED, verdict(t, "bad"));
    }

    @Test
    void strictStatementNeedsAChainInItsDirection() {
        String t = """
                var x : pos
                lemma bad: x + 1 < x + 0.5
                proof
                  x + 1
                    >= x   by positivity
                qed
                """;
        assertEquals(Verdict.REFUTED, verdict(t, "bad"));
    }

    @Test
    void geometricAndCasSumsNeedANonReversedRange() {
        String t = """
                var q : real in (0, 1)
                var n : nat
                lemma bad: sum(j = n..100) q^j = (q^(100 + 1) - q^n) / (q - 1)
                proof
                  sum(j = n..100) q^j
                    = (q^(100 + 1) - q^n) / (q - 1)   by geometric
                qed
                lemma bad2: sum(j = n..100) 1 = 101 - n
                proof
                  sum(j = n..100) 1
                    = 101 - n   by algebra
                qed
                """;
        List<ItemResult> items = TestSupport.checkText(t, 300);
        assertNotEquals(Verdict.PROVED, TestSupport.item(items, "bad").verdict());
        assertNotEquals(Verdict.PROVED, TestSupport.item(items, "bad2").verdict());
    }

    @Test
    void aLemmaAboutIntegersIsNotUsedAtRealValues() {
        String t = """
                var s : nat
                var x : pos
                lemma L: forall s >= 1: 2.000001*s - 1.000001 <= s^2
                lemma bad:
                  where x >= 1
                  2.000001*x - 1.000001 <= x^2
                proof
                  2.000001*x - 1.000001
                    <= x^2   by L
                qed
                """;
        assertNotEquals(Verdict.PROVED, verdict(t, "bad"));
    }

    @Test
    void inductionStartsWhereTheStatementStarts() {
        String noStart = """
                var k : int in -100..100
                lemma bad: 0 <= k
                proof by induction k
                  base:
                    0
                      <= -100 + 100   by algebra
                  step:
                    0
                      <= k   by IH
                qed
                """;
        assertNotEquals(Verdict.PROVED, verdict(noStart, "bad"));
        String fractionalStart = """
                var t : nat
                lemma bad: forall t > 0.5: 1.2 <= t
                proof by induction t
                  base:
                    1.2
                      <= 1.5   by algebra
                  step:
                    1.2
                      <= t - 1   by IH
                      <= t       by algebra
                qed
                """;
        assertNotEquals(Verdict.PROVED, verdict(fractionalStart, "bad"));
    }

    @Test
    void aProofFromATestedLemmaIsNotProved() {
        String t = """
                var x : pos
                lemma L: log(x) <= x - 1
                lemma uses:
                  where x >= 1
                  log(x) <= x
                proof
                  log(x)
                    <= x - 1   by L
                    <= x       by algebra
                qed
                """;
        List<ItemResult> items = TestSupport.checkText(t, 300);
        assertEquals(Verdict.TESTED, TestSupport.item(items, "L").verdict());
        assertEquals(Verdict.TESTED, TestSupport.item(items, "uses").verdict());
    }

    @Test
    void circularCitationsAndShadowedIndicesAreErrors() {
        String cycle = """
                var x : pos
                lemma A: x <= x + 1
                proof
                  x
                    <= x + 1   by B
                qed
                lemma B: x <= x + 1
                """;
        assertTrue(TestSupport.errorsOf(cycle).errors().get(0).message().contains("stated later"));
        String shadow = "var j : pos\nclaim c: 0 <= sum(j = 0..3) j\n";
        assertTrue(TestSupport.errorsOf(shadow).errors().get(0).message().contains("already a name in scope"));
    }

    @Test
    void cancellationIsNotAProof() {
        String t = """
                claim bad: (exp(200) + 1) - exp(200) < 0.5
                claim good: (exp(200) + 1) - exp(200) >= 1
                """;
        List<ItemResult> items = TestSupport.checkText(t, 300);
        assertNotEquals(Verdict.PROVED, TestSupport.item(items, "bad").verdict());
        assertNotEquals(Verdict.REFUTED, TestSupport.item(items, "good").verdict());
    }

    @Test
    void unboundedIntegersDoNotCrash() {
        String t = "var k : int\nclaim c: k^2 >= 0\nclaim d: forall s >= 1: s^2 >= s\n";
        List<ItemResult> items = TestSupport.checkText(t, 300);
        assertEquals(Verdict.PROVED, TestSupport.item(items, "c").verdict());
        assertNotEquals(Verdict.REFUTED, TestSupport.item(items, "d").verdict());
    }

    @Test
    void aLimitStepNeedsConfirmedLimitsNotJustTheCas() {
        // Symja says 0 for this limit (true value b); the step must not come out proved, nor crash
        String t = """
                var b : pos
                lemma l: limit(s -> oo) max(1, b * s) / s <= 0
                proof
                  limit(s -> oo) max(1, b * s) / s
                    = 0     by limit
                qed
                lemma m: limit(s -> oo) min(1, b * s) <= 0
                proof
                  limit(s -> oo) min(1, b * s)
                    = 0     by limit
                qed
                """;
        List<ItemResult> items = TestSupport.checkText(t, 300);
        assertNotEquals(Verdict.PROVED, TestSupport.item(items, "l").verdict());
        assertEquals(Verdict.REFUTED, TestSupport.item(items, "m").verdict());
    }

    @Test
    void expectRefutedOnALemmaHeaderCoversItsRefutedStep() {
        String t = """
                var x : pos
                lemma bad "false lemma" expect refuted: x <= x / 2
                proof
                  x
                    <= x + 1     by algebra
                qed
                """;
        ItemResult bad = TestSupport.item(TestSupport.checkText(t, 300), "bad");
        assertEquals(Verdict.REFUTED, bad.verdict());
        assertTrue(bad.asExpected());
    }
}

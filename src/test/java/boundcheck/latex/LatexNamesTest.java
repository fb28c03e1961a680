package boundcheck.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names print as LANGUAGE.md says: subscripts from {@code _}, Greek letters, primes, the author's macros. */
class LatexNamesTest {
    private final LatexNames names = new LatexNames(Map.of("S", "\\mathcal{S}"));

    @Test
    void subscriptsGreekAndPrimes() {
        assertEquals("\\rho_{h}", names.symbol("rho_h"));
        assertEquals("B_{UF}", names.symbol("B_UF"));
        assertEquals("B_{U}", names.symbol("B_U"));
        assertEquals("\\beta", names.symbol("beta"));
        assertEquals("\\Delta_{2}", names.symbol("Delta_2"));
        assertEquals("\\alpha_{3}", names.symbol("alpha3"));
        assertEquals("h'", names.symbol("h'"));
        assertEquals("U''", names.symbol("U''"));
        assertEquals("W_{c}'", names.symbol("W_c'"));
        assertEquals("B_{\\gamma}", names.symbol("B_gamma"));
        assertEquals("\\mathrm{zhang}", names.symbol("zhang"));
        assertEquals("d_{\\mathrm{mgu}}", names.symbol("d_mgu"));
        assertEquals("M_{U,h}", names.symbol("M_U_h"));
        assertEquals("\\mathrm{gap}_{\\mathrm{bound1}}", names.symbol("gap_bound1"));
    }

    @Test
    void theAuthorsMacroWins() {
        assertEquals("\\mathcal{S}", names.symbol("S"));
        assertTrue(names.isCompound("S"));
        assertTrue(names.isCompound("h'"));
        assertTrue(names.isCompound("B_U"));
        assertFalse(names.isCompound("x"));
    }

    @Test
    void textIsEscaped() {
        assertEquals("a\\_b \\& 50\\% \\{x\\} \\textbar{}\\textbar{}W\\textbar{}\\textbar{}", LatexNames.text("a_b & 50% {x} ||W||"));
        assertEquals("$\\le$ $\\beta$ $\\infty$", LatexNames.text("≤ β ∞"));
    }
}

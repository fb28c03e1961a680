package boundcheck.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import boundcheck.lang.Ast.Expr;
import boundcheck.lang.Diagnostics;
import boundcheck.lang.Parsing;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paper's notation, the author's order of terms, parentheses only where needed. */
class LatexPrinterTest {
    private final LatexPrinter p = new LatexPrinter(new LatexNames(Map.of()));

    private String tex(String source) {
        Diagnostics d = new Diagnostics();
        Expr e = Parsing.parseExpr(source, d);
        assertFalse(d.hasErrors(), d.errors().toString());
        return p.print(e);
    }

    @Test
    void section6Ours() {
        // B_W * (B_U^t - 1)/(B_U - 1) is (B_W (B_U^t - 1))/(B_U - 1): the tree decides, not the paper's layout
        assertEquals("d B_{V} \\min\\left\\{\\sqrt{d}, \\frac{B_{W} \\left({B_{U}}^{t} - 1\\right)}{B_{U} - 1}\\right\\} "
                        + "\\sqrt{\\log\\left(\\frac{{B_{U}}^{t} - 1}{B_{U} - 1}\\right)}",
                tex("d * B_V * min(sqrt(d), B_W * (B_U^t - 1)/(B_U - 1)) * sqrt(log((B_U^t - 1)/(B_U - 1)))"));
    }

    @Test
    void normsHadamardAndIndices() {
        assertEquals("\\left\\|U - U'\\right\\|_2", tex("||U - U'||_2"));
        assertEquals("\\left\\|W\\right\\|_F + \\left\\|W\\right\\|_{2,1}", tex("||W||_F + ||W||_{2,1}"));
        assertEquals("r_{t} \\odot h_{t - 1}", tex("r[t] .* h[t-1]"));
        assertEquals("{h'}_{t}", tex("h'[t]"));
    }

    @Test
    void authorsOrderAndMinimalParentheses() {
        assertEquals("B_{V} B_{W} \\left(M_{U} + M_{V} + M_{W}\\right) t", tex("B_V * B_W * (M_U + M_V + M_W) * t"));
        assertEquals("a - \\left(b - c\\right)", tex("a - (b - c)"));
        assertEquals("2 \\cdot 3", tex("2 * 3"));
        assertEquals("\\left(a + b\\right)^{2}", tex("(a + b)^2"));
        assertEquals("d t^{2} B_{V} B_{W} \\max\\left\\{1, {B_{U}}^{t}\\right\\}", tex("d * t^2 * B_V * B_W * max(1, B_U^t)"));
        assertEquals("\\sum_{j=0}^{t - 1} \\left(j + 1\\right) \\beta^{j} + 1", tex("sum(j = 0..t-1) (j + 1) * beta^j + 1"));
        assertEquals("\\lim_{t \\to \\infty} \\frac{f}{t}", tex("limit(t -> oo) f / t"));
        assertEquals("0.0015", tex("1.5e-3"));
        assertEquals("1.5 \\cdot 10^{-30}", tex("1.5e-30"));
        assertEquals("a \\left(-b\\right) + c - \\left(-y\\right)", tex("a * (-b) + c - (-y)"));
        assertEquals("\\frac{8}{m \\, \\mathrm{gam}}", tex("8/(m*gam)"));
        assertEquals("0 \\cdot \\mathrm{ct}_{0}", tex("0 * ct[0]"));
    }
}

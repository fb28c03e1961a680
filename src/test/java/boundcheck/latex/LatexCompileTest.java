package boundcheck.latex;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.lang.Diagnostics;
import boundcheck.lang.Loader;
import boundcheck.lang.Theory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of theorems/ as a standalone document compiles with pdflatex (statements and chains; the
 * documents with verdict marks and counterexamples are compiled by TheoremsRegressionTest, which has
 * the check's results).
 */
class LatexCompileTest {
    @TempDir Path dir;

    @Test
    void everyTheoremFileCompiles() throws Exception {
        Pdflatex.requireOrSkip();
        Diagnostics d = new Diagnostics();
        List<Theory> theories = Loader.load(List.of(Path.of("theorems")), d);
        assertFalse(d.hasErrors(), d.errors().toString());
        assertTrue(theories.size() >= 8);
        for (Theory t : theories) {
            String name = t.file.path().getFileName().toString().replace(".bnd", "");
            Pdflatex.compile(dir, name, LatexDocument.render(t, null, new LatexDocument.Options(true, false)));
        }
    }

    /** What `boundcheck latex --standalone --no-verdicts theorems/` prints: one document with every theory. */
    @Test
    void allTheoriesInOneDocumentCompile() throws Exception {
        Pdflatex.requireOrSkip();
        Diagnostics d = new Diagnostics();
        List<Theory> theories = Loader.load(List.of(Path.of("theorems")), d);
        assertFalse(d.hasErrors(), d.errors().toString());
        List<String> fragments = theories.stream().map(t -> LatexDocument.fragment(t, null, false)).toList();
        Pdflatex.compile(dir, "all", LatexDocument.standalone(fragments));
    }

    @Test
    void authorsMacrosAndAnAlignedChainCompile() throws Exception {
        Pdflatex.requireOrSkip();
        String source = String.join("\n",
                "theory demo \"Macros & chains\"",
                "var q, b : pos",
                "var n : nat",
                "let S(q, n) = (q^n - 1)/(q - 1)",
                "latex S \"\\mathcal{S}\"",
                "latex b \"\\bar{b}\"",
                "lemma l1 \"A chain\": where q > 1",
                "  forall n >= 1: b * S(q, n) >= b",
                "proof b * S(q, n) >= b * 1 by algebra",
                "  = b by algebra qed");
        Diagnostics d = new Diagnostics();
        java.nio.file.Path file = dir.resolve("demo.bnd");
        java.nio.file.Files.writeString(file, source);
        List<Theory> theories = Loader.load(List.of(file), d);
        assertFalse(d.hasErrors(), d.errors().toString());
        String tex = LatexDocument.render(theories.get(0), null, new LatexDocument.Options(true, false));
        assertTrue(tex.contains("\\mathcal{S}\\left(q, n\\right)"), tex);
        assertTrue(tex.contains("\\bar{b}"), tex);
        assertTrue(tex.contains("\\begin{align*}"), tex);
        Pdflatex.compile(dir, "demo", tex);
    }
}

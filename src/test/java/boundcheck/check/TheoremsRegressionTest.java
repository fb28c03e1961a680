package boundcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.cli.Main;
import boundcheck.lang.Diagnostics;
import boundcheck.lang.Loader;
import boundcheck.lang.Theory;
import boundcheck.report.FindingsReport;
import boundcheck.report.Sections;
import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paper's items in theorems/ with their recorded verdicts (test-data/golden/theorems.tsv, one
 * line per item: file, name, item verdict, step verdicts). Any changed verdict fails; so does an
 * item added or removed without updating the record. Regenerate deliberately with
 * {@code mvn test -Dtest=TheoremsRegressionTest -Dboundcheck.updateGolden=true} and review the diff.
 */
class TheoremsRegressionTest {
    private static final Path GOLDEN = Path.of("test-data/golden/theorems.tsv");
    private static final Path FINDINGS = Path.of("docs/findings.md");
    private static Map<String, String> actual;
    private static Results.Run run;
    private static List<Theory> theories;

    @BeforeAll
    static void run() throws Exception {
        actual = new LinkedHashMap<>();
        List<Path> files;
        try (var walk = Files.walk(Path.of("theorems"))) {
            files = walk.filter(p -> p.toString().endsWith(".bnd")).sorted().toList();
        }
        Diagnostics d = new Diagnostics();
        theories = Loader.load(files, d);
        if (d.hasErrors()) throw new AssertionError("errors in theorems/: " + d.errors());
        // exactly what `boundcheck check theorems/` does with its defaults (seed 0, 2000 samples, files in parallel)
        run = Main.checkAll(theories, 0, 2000, 2000, 0, name -> { });
        for (ItemResult i : run.items()) {
            // a star: a CAS call timed out in that step (tested or unsupported because of the wall clock)
            String steps = i.steps().stream().map(s -> s.verdict().word() + (s.casTimedOut() ? "*" : "")).collect(Collectors.joining(","));
            actual.put(i.file().getFileName() + "\t" + i.name(), i.verdict().word() + "\t" + steps + "\t" + (i.asExpected() ? "as-expected" : "UNEXPECTED"));
        }
        if (Boolean.getBoolean("boundcheck.updateGolden")) {
            List<String> lines = new ArrayList<>();
            lines.add("# file\titem\tverdict\tstep verdicts\texpectation  (generated; see TheoremsRegressionTest)");
            actual.forEach((k, v) -> lines.add(k + "\t" + v));
            Files.write(GOLDEN, lines);
            Files.writeString(FINDINGS, FindingsReport.render(run, "boundcheck check theorems/ --findings docs/findings.md"));
        }
    }

    private static Map<String, String> golden() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(GOLDEN)) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] parts = line.split("\t", 3);
            out.put(parts[0] + "\t" + parts[1], parts[2]);
        }
        return out;
    }

    @Test
    void noVerdictChanged() throws Exception {
        Map<String, String> expected = golden();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String now = actual.get(e.getKey());
            if (now != null && !sameUpToTimeouts(e.getValue(), now)) changed.add(e.getKey() + ": recorded " + e.getValue() + ", now " + now);
        }
        assertTrue(changed.isEmpty(), String.join("\n", changed));
    }

    /**
     * Equal, except that a step whose CAS call timed out (marked *) in either run may be proved in the other:
     * a 2 s timeout depends on the machine's load, and that is the only difference allowed.
     */
    static boolean sameUpToTimeouts(String recorded, String now) {
        if (recorded.equals(now)) return true;
        String[] a = recorded.split("\t"), b = now.split("\t");
        if (a.length != 3 || b.length != 3 || !a[2].equals(b[2])) return false;
        String[] sa = a[1].split(","), sb = b[1].split(",");
        if (sa.length != sb.length) return false;
        for (int i = 0; i < sa.length; i++) {
            String x = sa[i].replace("*", ""), y = sb[i].replace("*", "");
            if (x.equals(y)) continue;
            boolean timedOut = sa[i].endsWith("*") || sb[i].endsWith("*");
            boolean provedVsNot = java.util.Set.of(x, y).equals(java.util.Set.of("proved", "tested"))
                    || java.util.Set.of(x, y).equals(java.util.Set.of("proved", "unsupported"));
            if (!(timedOut && provedVsNot)) return false;
        }
        return true;
    }

    @Test
    void onlyTimeoutsMayExcuseAChange() {
        assertTrue(sameUpToTimeouts("tested\tproved,tested*\tas-expected", "proved\tproved,proved\tas-expected"));
        assertTrue(sameUpToTimeouts("proved\tproved,proved\tas-expected", "tested\tproved,tested*\tas-expected"));
        assertTrue(!sameUpToTimeouts("tested\tproved,tested\tas-expected", "proved\tproved,proved\tas-expected"));
        assertTrue(!sameUpToTimeouts("tested\tproved,tested*\tas-expected", "refuted\tproved,refuted\tas-expected"));
        assertTrue(!sameUpToTimeouts("tested\tproved,tested*\tas-expected", "proved\tproved,proved\tUNEXPECTED"));
    }

    @Test
    void noItemAddedOrRemovedWithoutUpdatingTheRecord() throws Exception {
        assertEquals(golden().keySet(), actual.keySet());
    }

    /** The documents `boundcheck latex --standalone theorems/` writes, verdict marks and counterexamples included. */
    @Test
    void latexWithVerdictsCompiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        boundcheck.latex.Pdflatex.requireOrSkip();
        for (Theory t : theories) {
            List<ItemResult> mine = run.items().stream().filter(i -> i.file().equals(t.file.path())).toList();
            String tex = boundcheck.latex.LatexDocument.render(t, mine, new boundcheck.latex.LatexDocument.Options(true, true));
            if (!mine.isEmpty()) assertTrue(tex.contains("\\bcverdict{"), t.file.path() + ": no verdict marks");
            boundcheck.latex.Pdflatex.compile(dir, t.file.path().getFileName().toString().replace(".bnd", ""), tex);
        }
    }

    @Test
    void everyItemIsAsAnnotated() {
        List<String> unexpected = actual.entrySet().stream().filter(e -> e.getValue().endsWith("UNEXPECTED")).map(Map.Entry::getKey).toList();
        assertTrue(unexpected.isEmpty(), "items whose verdict contradicts their annotation: " + unexpected);
    }

    /** docs/findings.md lists exactly the refuted steps of this run (by file, item and line). */
    @Test
    void findingsDocumentListsExactlyTheRefutedSteps() throws Exception {
        String doc = Files.readString(FINDINGS);
        java.util.Set<String> inDoc = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(`([^`]+)`, ([^:)]+):(\\d+)\\)").matcher(doc);
        while (m.find()) inDoc.add(m.group(2) + ":" + m.group(3) + " " + m.group(1));
        java.util.Set<String> now = new java.util.TreeSet<>();
        for (Sections.Finding f : Sections.findings(run)) {
            now.add(f.item().file() + ":" + (f.step() == null ? f.item().line() : f.step().line()) + " " + f.item().name());
        }
        assertEquals(now, inDoc, "regenerate with -Dboundcheck.updateGolden=true (or boundcheck check theorems/ --findings docs/findings.md)");
    }
}

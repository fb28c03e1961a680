package boundcheck.report;

import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.Run;
import boundcheck.check.Results.StepResult;
import boundcheck.check.Verdict;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report for people: one line per item, its steps below, counterexamples in full. */
public final class TextReport {
    private TextReport() {}

    private static String color(boolean on, Verdict v, String text) {
        if (!on) return text;
        String code = switch (v) {
            case PROVED -> "32";
            case TESTED -> "36";
            case CITED -> "34";
            case UNSUPPORTED -> "33";
            case REFUTED -> "31";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    public static String render(Run run, boolean colors) {
        StringBuilder b = new StringBuilder();
        b.append("boundcheck: seed ").append(run.seed()).append(", ").append(run.samples()).append(" samples per step\n");
        Path currentFile = null;
        for (ItemResult i : run.items()) {
            if (!i.file().equals(currentFile)) {
                currentFile = i.file();
                b.append("\n== ").append(currentFile).append('\n');
            }
            String mark = i.asExpected() ? (i.expectedRefuted() ? "  (expected refuted)" : "") : "  UNEXPECTED";
            // pad the word before colouring: escape codes would count towards the width
            b.append(color(colors, i.verdict(), String.format("%-12s", i.verdict().word())))
                    .append(' ').append(i.kind()).append(' ').append(i.name())
                    .append(i.label() == null ? "" : " \"" + i.label() + "\"").append("  [line ").append(i.line()).append(']').append(mark).append('\n');
            if (i.note() != null) b.append("      ").append(i.note()).append('\n');
            if (i.composition() != null) {
                var c = i.composition();
                b.append("      closed form: ").append(c.closedForm()).append('\n');
                if (c.paperForm() != null) b.append("      paper's form: ").append(c.paperForm()).append('\n');
                if (c.comparison() != null) b.append("      comparison: ").append(c.comparison()).append('\n');
                if (c.ratio() != null) b.append("      composed / paper = ").append(c.ratio()).append('\n');
                for (String g : c.growth()) b.append("      growth ").append(g).append('\n');
            }
            if (!i.uses().isEmpty()) {
                b.append("      uses: ");
                for (String u : i.uses()) {
                    String v = run.items().stream().filter(x -> x.file().equals(i.file()) && x.name().equals(u)).map(x -> x.verdict().word()).findFirst().orElse("?");
                    b.append(u).append(" (").append(v).append(") ");
                }
                b.append('\n');
            }
            for (StepResult s : i.steps()) {
                b.append("    ").append(color(colors, s.verdict(), String.format("%-11s", s.verdict().word())))
                        .append(" line ").append(s.line()).append(' ').append(s.relation().equals("conclusion") ? "conclusion: " : "").append(s.text());
                if (!s.rules().isEmpty()) b.append("   by ").append(String.join(", ", s.rules()));
                if (s.expectRefuted()) b.append("   (expect refuted)");
                b.append('\n');
                if (s.verdict() == Verdict.TESTED || s.verdict() == Verdict.PROVED) {
                    if (s.samples() > 0) b.append("        ").append(s.samples()).append(" instances, min margin ").append(fmt(s.minMargin())).append('\n');
                }
                for (String sc : s.sideConditions()) b.append("        - ").append(sc).append('\n');
                if (s.counterexample() != null) {
                    String values = s.counterexample().values().entrySet().stream()
                            .map(e -> e.getKey() + " = " + e.getValue().stripTrailingZeros().toPlainString()).collect(Collectors.joining(", "));
                    b.append("        counterexample: ").append(values.isEmpty() ? "(no variables)" : values).append('\n');
                    for (Map.Entry<String, Object> o : s.counterexample().objects().entrySet()) {
                        b.append("          ").append(o.getKey()).append(" = ").append(object(o.getValue())).append('\n');
                    }
                    b.append("        lhs = ").append(plain(s.counterexample().lhs())).append(", rhs = ").append(plain(s.counterexample().rhs())).append('\n');
                }
                if (s.note() != null) b.append("        note: ").append(s.note()).append('\n');
                if (s.casTimedOut()) b.append("        note: a CAS call timed out; a longer --cas-timeout may prove this step\n");
            }
        }
        b.append("\nby section:\n");
        for (Sections.Counts c : Sections.counts(run)) {
            b.append("  ").append(c.section()).append(": ");
            List<String> parts = new java.util.ArrayList<>();
            for (Verdict v : new Verdict[] {Verdict.PROVED, Verdict.TESTED, Verdict.REFUTED, Verdict.CITED, Verdict.UNSUPPORTED}) {
                int n = c.items().getOrDefault(v, 0);
                if (n > 0) parts.add(v.word() + " " + n);
            }
            b.append(String.join(", ", parts));
            if (c.unexpected() > 0) b.append(", UNEXPECTED ").append(c.unexpected());
            b.append('\n');
        }
        List<Sections.Finding> findings = Sections.findings(run);
        if (!findings.isEmpty()) {
            b.append("\nfindings (refuted steps):\n");
            for (Sections.Finding f : findings) {
                ItemResult i = f.item();
                b.append("  ").append(i.file().getFileName()).append(':').append(f.step() == null ? i.line() : f.step().line()).append(' ')
                        .append(i.name()).append(i.label() == null ? "" : " \"" + i.label() + "\"");
                if (f.step() != null) b.append(": ").append(f.step().relation().equals("conclusion") ? "conclusion: " : "").append(f.step().text());
                b.append(i.asExpected() ? "  (expected)" : "  UNEXPECTED").append('\n');
            }
        }
        b.append("\nsummary: ");
        for (Verdict v : new Verdict[] {Verdict.PROVED, Verdict.TESTED, Verdict.REFUTED, Verdict.CITED, Verdict.UNSUPPORTED}) {
            b.append(v.word()).append(' ').append(run.count(v)).append(", ");
        }
        b.append("unexpected ").append(run.unexpected()).append('\n');
        long steps = run.items().stream().mapToLong(i -> i.steps().size()).sum();
        long proved = run.items().stream().flatMap(i -> i.steps().stream()).filter(s -> s.verdict() == Verdict.PROVED).count();
        long tested = run.items().stream().flatMap(i -> i.steps().stream()).filter(s -> s.verdict() == Verdict.TESTED).count();
        b.append("steps: ").append(steps).append(" (proved ").append(proved).append(", tested ").append(tested).append("); ")
                .append(run.millis()).append(" ms, ").append(run.casCalls()).append(" CAS calls (").append(run.casMillis()).append(" ms, ")
                .append(run.casTimeouts()).append(" timed out)\n");
        List<ItemResult> slowest = run.items().stream().filter(i -> i.millis() >= 1000)
                .sorted(java.util.Comparator.comparingLong(ItemResult::millis).reversed()).limit(5).toList();
        if (!slowest.isEmpty()) {
            b.append("slowest: ").append(slowest.stream().map(i -> i.file().getFileName() + " " + i.name() + " " + i.millis() / 1000.0 + " s")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return b.toString();
    }

    /** A vector as [a, b], a matrix as [[a, b], [c, d]]. */
    static String object(Object o) {
        if (o instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        if (o instanceof List<?> l) return l.stream().map(TextReport::object).collect(Collectors.joining(", ", "[", "]"));
        return String.valueOf(o);
    }

    static String plain(BigDecimal v) { return v == null ? "oo" : v.stripTrailingZeros().toPlainString(); }

    private static String fmt(Double d) {
        if (d == null) return "n/a";
        return String.format("%.4g", d);
    }
}

package boundcheck.report;

import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.Run;
import boundcheck.check.Results.StepResult;
import boundcheck.check.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Verdict counts per section of the paper and the list of refuted steps, shared by the text and JSON reports. */
public final class Sections {
    private Sections() {}

    /** Item verdict counts of one section, in the order sections first appear. */
    public record Counts(String section, Map<Verdict, Integer> items, int unexpected) {}

    /** A refuted step (or refuted item without steps): where, what it claims, whether it was expected. */
    public record Finding(ItemResult item, StepResult step) {}

    public static String sectionOf(ItemResult i) {
        return i.section() == null ? i.file().getFileName().toString() : i.section();
    }

    public static List<Counts> counts(Run run) {
        Map<String, Map<Verdict, Integer>> bySection = new LinkedHashMap<>();
        Map<String, Integer> unexpected = new LinkedHashMap<>();
        for (ItemResult i : run.items()) {
            String s = sectionOf(i);
            bySection.computeIfAbsent(s, k -> new EnumMap<>(Verdict.class)).merge(i.verdict(), 1, Integer::sum);
            unexpected.merge(s, i.asExpected() ? 0 : 1, Integer::sum);
        }
        List<Counts> out = new ArrayList<>();
        bySection.forEach((s, m) -> out.add(new Counts(s, m, unexpected.get(s))));
        // the paper's order: "1 ...", ..., "6 ...", "A.1 ...", ..., "D.1 ...", then other headings
        out.sort(java.util.Comparator.comparing(Counts::section));
        return out;
    }

    /** Every refuted step of every item, in report order; an item refuted without a step appears once with {@code step == null}. */
    public static List<Finding> findings(Run run) {
        List<Finding> out = new ArrayList<>();
        for (ItemResult i : run.items()) {
            boolean any = false;
            for (StepResult s : i.steps()) {
                if (s.verdict() == Verdict.REFUTED) { out.add(new Finding(i, s)); any = true; }
            }
            if (!any && i.verdict() == Verdict.REFUTED) out.add(new Finding(i, null));
        }
        return out;
    }
}

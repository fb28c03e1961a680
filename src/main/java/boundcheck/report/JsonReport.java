package boundcheck.report;

import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.Run;
import boundcheck.check.Results.StepResult;
import boundcheck.check.Verdict;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;

/** The JSON report: field names exactly as LANGUAGE.md section 7. */
public final class JsonReport {
    private JsonReport() {}

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String render(Run run, String version) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", "boundcheck");
        root.put("version", version);
        root.put("seed", run.seed());
        root.put("samples_per_step", run.samples());
        ArrayNode items = root.putArray("items");
        for (ItemResult i : run.items()) {
            ObjectNode o = items.addObject();
            o.put("file", i.file().toString());
            o.put("line", i.line());
            o.put("kind", i.kind());
            o.put("name", i.name());
            if (i.label() == null) o.putNull("label"); else o.put("label", i.label());
            o.put("section", Sections.sectionOf(i));
            o.put("millis", i.millis());
            o.put("verdict", i.verdict().word());
            o.put("expected", i.expectedRefuted() ? "refuted" : "ok");
            o.put("as_expected", i.asExpected());
            ArrayNode uses = o.putArray("uses");
            i.uses().forEach(uses::add);
            // the lemmas used, with their verdicts (assumptions are taken as given)
            ArrayNode deps = o.putArray("dependencies");
            for (String u : i.uses()) {
                run.items().stream().filter(x -> x.file().equals(i.file()) && x.name().equals(u)).findFirst().ifPresent(d -> {
                    ObjectNode dn = deps.addObject();
                    dn.put("name", u);
                    dn.put("kind", d.kind());
                    dn.put("verdict", d.verdict().word());
                });
            }
            if (i.note() != null) o.put("note", i.note());
            if (i.composition() != null) {
                var c = i.composition();
                ObjectNode co = o.putObject("composition");
                co.put("composed", c.composed());
                co.put("closed_form", c.closedForm());
                if (c.paperForm() == null) co.putNull("paper_form"); else co.put("paper_form", c.paperForm());
                if (c.comparison() == null) co.putNull("comparison"); else co.put("comparison", c.comparison());
                if (c.ratio() == null) co.putNull("ratio"); else co.put("ratio", c.ratio());
                ArrayNode growth = co.putArray("growth");
                c.growth().forEach(growth::add);
            }
            ArrayNode steps = o.putArray("steps");
            for (StepResult s : i.steps()) {
                ObjectNode so = steps.addObject();
                so.put("line", s.line());
                so.put("relation", s.relation().equals("conclusion") ? "conclusion" : s.relation());
                so.put("text", s.text());
                ArrayNode rules = so.putArray("rules");
                s.rules().forEach(rules::add);
                so.put("verdict", s.verdict().word());
                so.put("expected", s.expectRefuted() ? "refuted" : "ok");
                so.put("samples", s.samples());
                if (s.minMargin() == null) so.putNull("min_margin"); else so.put("min_margin", s.minMargin());
                if (s.counterexample() == null) {
                    so.putNull("counterexample");
                } else {
                    ObjectNode c = so.putObject("counterexample");
                    ObjectNode values = c.putObject("values");
                    for (Map.Entry<String, BigDecimal> v : s.counterexample().values().entrySet()) values.put(v.getKey(), v.getValue());
                    for (Map.Entry<String, Object> obj : s.counterexample().objects().entrySet()) values.set(obj.getKey(), json(obj.getValue()));
                    c.put("lhs", s.counterexample().lhs());
                    c.put("rhs", s.counterexample().rhs());
                }
                ArrayNode side = so.putArray("side_conditions");
                s.sideConditions().forEach(side::add);
                if (s.note() != null) so.put("note", s.note());
                if (s.casTimedOut()) so.put("cas_timed_out", true);
            }
        }
        ArrayNode sections = root.putArray("sections");
        for (Sections.Counts c : Sections.counts(run)) {
            ObjectNode so = sections.addObject();
            so.put("section", c.section());
            for (Verdict v : new Verdict[] {Verdict.PROVED, Verdict.TESTED, Verdict.REFUTED, Verdict.CITED, Verdict.UNSUPPORTED}) {
                so.put(v.word(), c.items().getOrDefault(v, 0));
            }
            so.put("unexpected", c.unexpected());
        }
        ArrayNode findings = root.putArray("findings");
        for (Sections.Finding f : Sections.findings(run)) {
            ObjectNode fo = findings.addObject();
            fo.put("file", f.item().file().toString());
            fo.put("line", f.step() == null ? f.item().line() : f.step().line());
            fo.put("item", f.item().name());
            if (f.item().label() == null) fo.putNull("label"); else fo.put("label", f.item().label());
            fo.put("section", Sections.sectionOf(f.item()));
            if (f.step() == null) fo.putNull("claim"); else fo.put("claim", f.step().text());
            fo.put("expected", f.item().asExpected());
        }
        ObjectNode summary = root.putObject("summary");
        for (Verdict v : new Verdict[] {Verdict.PROVED, Verdict.TESTED, Verdict.REFUTED, Verdict.CITED, Verdict.UNSUPPORTED}) {
            summary.put(v.word(), run.count(v));
        }
        summary.put("unexpected", run.unexpected());
        ObjectNode steps = root.putObject("step_summary");
        for (Verdict v : Verdict.values()) {
            steps.put(v.word(), run.items().stream().flatMap(i -> i.steps().stream()).filter(s -> s.verdict() == v).count());
        }
        ObjectNode timing = root.putObject("timing");
        timing.put("millis", run.millis());
        timing.put("cas_calls", run.casCalls());
        timing.put("cas_millis", run.casMillis());
        timing.put("cas_timeouts", run.casTimeouts());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A vector as an array of numbers, a matrix as an array of rows. */
    private static com.fasterxml.jackson.databind.JsonNode json(Object o) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (o instanceof BigDecimal d) return f.numberNode(d);
        ArrayNode a = f.arrayNode();
        if (o instanceof java.util.List<?> l) for (Object x : l) a.add(json(x));
        return a;
    }
}

package boundcheck.report;

import boundcheck.eval.BoundEvaluation.AssumptionCheck;
import boundcheck.eval.BoundEvaluation.Constant;
import boundcheck.eval.BoundEvaluation.Target;
import boundcheck.eval.BoundEvaluation.WeightNorms;
import boundcheck.eval.EvalRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/** The report of {@code boundcheck eval}: a table for people, JSON for programs. */
public final class EvalReport {
    private EvalReport() {}

    private static final MathContext SHOWN = new MathContext(6);

    /** Six significant digits; large and small numbers in scientific notation. */
    public static String number(BigDecimal v) {
        if (v == null) return "-";
        BigDecimal r = v.round(SHOWN).stripTrailingZeros();
        int exponent = r.precision() - r.scale() - 1;
        if (exponent >= -4 && exponent < 9) return r.toPlainString();
        return r.toString().replace("E+", "e").replace("E", "e");
    }

    private static String number(double v) { return number(new BigDecimal(v)); }

    public static String text(EvalRun run) {
        StringBuilder b = new StringBuilder();
        b.append("theory ").append(run.theory()).append('\n');
        for (var f : run.weightFiles()) b.append("weights ").append(f).append('\n');
        if (!run.weights().isEmpty()) {
            b.append("\nquantities of the weights  (||.||_{2,1}: sum of the column norms, as in the paper)\n");
            b.append(String.format("  %-10s %-11s %14s %14s %14s %14s%n", "array", "shape", "||.||_2", "||.||_F", "||.||_{2,1}", "||.^T||_{2,1}"));
            for (WeightNorms w : run.weights()) {
                b.append(String.format("  %-10s %-11s %14s %14s %14s %14s%n", w.name(), w.shape(), number(w.spectral()), number(w.frobenius()),
                        w.twoOne() == null ? "-" : number(w.twoOne()), w.twoOneTranspose() == null ? "-" : number(w.twoOneTranspose())));
            }
        }
        b.append("\nconstants\n");
        int width = run.constants().stream().mapToInt(c -> c.name().length()).max().orElse(1);
        for (Constant c : run.constants()) {
            b.append(String.format("  %-" + width + "s = %-14s %s%n", c.name(), number(c.value()), c.source()));
        }
        List<AssumptionCheck> failing = run.assumptions().stream().filter(a -> Boolean.FALSE.equals(a.holds())).toList();
        if (!run.assumptions().isEmpty()) {
            b.append("\nassumptions at these constants: ").append(failing.isEmpty() ? "all " + run.assumptions().size() + " that can be evaluated hold\n" : "\n");
            for (AssumptionCheck a : failing) b.append("  FAILS ").append(a.name()).append(": ").append(a.statement()).append('\n');
        }
        b.append('\n');
        int w = Math.max(6, run.labels().stream().mapToInt(String::length).max().orElse(6));
        for (int i = 0; i < run.targets().size() && run.pointShown(); i++) {
            Target t = run.targets().get(i);
            String label = run.labels().get(i);
            b.append(String.format("  %-" + w + "s  %-14s", label, t.value() == null ? "(no value)" : number(t.value())));
            if (!label.equals(t.text())) b.append("  ").append(t.text());
            b.append(flags(t, run.vacuousAbove())).append('\n');
        }
        if (run.sweep() != null) {
            EvalRun.Sweep s = run.sweep();
            b.append("\n").append(String.format("  %-8s", s.var()));
            for (String l : run.labels()) b.append(String.format(" %14s", l.length() > 14 ? l.substring(0, 14) : l));
            b.append('\n');
            for (int i = 0; i < s.xs().size(); i++) {
                b.append(String.format("  %-8s", number(s.xs().get(i))));
                for (Target t : s.rows().get(i)) b.append(String.format(" %14s", t.value() == null ? "-" : number(t.value())));
                b.append('\n');
            }
            java.util.Set<String> missing = new java.util.TreeSet<>();
            for (List<Target> row : s.rows()) for (Target t : row) missing.addAll(t.undefined());
            if (!missing.isEmpty()) b.append("  (-: no value; undefined: ").append(String.join(", ", missing)).append(")\n");
        }
        return b.toString();
    }

    private static String flags(Target t, BigDecimal vacuousAbove) {
        if (!t.undefined().isEmpty()) return "  UNDEFINED: no value for " + String.join(", ", t.undefined());
        if (t.problem() != null) return "  " + t.problem();
        if (Boolean.TRUE.equals(t.vacuous())) return "  VACUOUS (>= " + vacuousAbove.toPlainString() + ": says nothing about an error probability)";
        if (Boolean.FALSE.equals(t.vacuous())) return "  non-vacuous (< " + vacuousAbove.toPlainString() + ")";
        return "";
    }

    public static String json(EvalRun run, String version) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("tool", "boundcheck");
        root.put("version", version);
        root.put("theory", run.theory().toString());
        ArrayNode files = root.putArray("weight_files");
        run.weightFiles().forEach(f -> files.add(f.toString()));
        ArrayNode weights = root.putArray("weights");
        for (WeightNorms w : run.weights()) {
            ObjectNode o = weights.addObject();
            o.put("name", w.name());
            o.put("shape", w.shape());
            o.put("spectral", w.spectral());
            o.put("frobenius", w.frobenius());
            if (w.twoOne() != null) o.put("two_one", w.twoOne());
            if (w.twoOneTranspose() != null) o.put("two_one_transpose", w.twoOneTranspose());
        }
        ArrayNode constants = root.putArray("constants");
        for (Constant c : run.constants()) {
            ObjectNode o = constants.addObject();
            o.put("name", c.name());
            o.put("value", c.value());
            o.put("source", c.source());
        }
        ArrayNode assumptions = root.putArray("assumptions");
        for (AssumptionCheck a : run.assumptions()) {
            ObjectNode o = assumptions.addObject();
            o.put("name", a.name());
            o.put("statement", a.statement());
            if (a.holds() == null) o.putNull("holds");
            else o.put("holds", a.holds());
        }
        root.put("vacuous_above", run.vacuousAbove());
        ArrayNode results = root.putArray("results");
        for (int i = 0; i < run.targets().size() && run.pointShown(); i++) results.add(target(mapper, run.labels().get(i), run.targets().get(i)));
        if (run.sweep() != null) {
            ObjectNode s = root.putObject("sweep");
            s.put("var", run.sweep().var());
            ArrayNode xs = s.putArray("values");
            run.sweep().xs().forEach(xs::add);
            ArrayNode series = s.putArray("series");
            for (int j = 0; j < run.labels().size(); j++) {
                ObjectNode o = series.addObject();
                o.put("label", run.labels().get(j));
                ArrayNode ys = o.putArray("values");
                for (List<Target> row : run.sweep().rows()) {
                    BigDecimal v = row.get(j).value();
                    if (v == null) ys.addNull();
                    else ys.add(v);
                }
            }
        }
        root.put("all_defined", run.allDefined());
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode target(ObjectMapper mapper, String label, Target t) {
        ObjectNode o = mapper.createObjectNode();
        o.put("label", label);
        o.put("expression", t.text());
        if (t.value() == null) o.putNull("value");
        else o.put("value", t.value());
        ArrayNode u = o.putArray("undefined");
        t.undefined().forEach(u::add);
        if (t.problem() != null) o.put("problem", t.problem());
        o.put("bound_on_probability", t.bound());
        if (t.vacuous() == null) o.putNull("vacuous");
        else o.put("vacuous", t.vacuous());
        return o;
    }
}

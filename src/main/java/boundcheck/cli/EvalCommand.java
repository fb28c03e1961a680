package boundcheck.cli;

import boundcheck.eval.BoundEvaluation;
import boundcheck.eval.EvalRun;
import boundcheck.eval.WeightFiles;
import boundcheck.lang.Ast.Expr;
import boundcheck.lang.Theory;
import boundcheck.plot.Charts;
import boundcheck.report.EvalReport;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code boundcheck eval}: a theory's bounds as numbers, at constants from {@code --set} and from a
 * network's weights; optionally swept over one constant and drawn as a chart. Options can come from a
 * file: {@code boundcheck eval @section6.args} (picocli's argument files).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a theory's definitions and bounds at given constants or at a trained network's weights.",
                "TARGET is an expression of the theory or the name of a definition (ours6 means ours6(t)); LABEL=TARGET names it.",
                "Without targets, every scalar definition is evaluated. Exit 0 when every target has a value, 1 when some",
                "constant is undefined (no number is printed for it), 2 on bad input.",
                "Options can come from a file: boundcheck eval @test-data/section6/section6.args"})
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "THEORY", description = "the .bnd file that defines the bounds")
    Path theoryFile;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "TARGET", description = "[LABEL=]EXPRESSION or a definition's name")
    List<String> targets = new ArrayList<>();

    @Option(names = "--bound", paramLabel = "[LABEL=]EXPR", description = "a target that bounds an error probability: flagged VACUOUS when >= --vacuous-above")
    List<String> bounds = new ArrayList<>();

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "a constant: a number, or an expression over weights and earlier constants (B_U='||U||_2', beta=rho_h*B_U); later settings replace earlier ones")
    List<String> sets = new ArrayList<>();

    @Option(names = "--weights", paramLabel = "FILE", description = ".npz (every array by its key), .npy or .csv (by file name); declared matrices give their dimensions")
    List<Path> weights = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--vacuous-above", defaultValue = "1", paramLabel = "X", description = "a --bound at or above X is vacuous (default: ${DEFAULT-VALUE})")
    String vacuousAboveText;

    BigDecimal vacuousAbove;

    @Option(names = "--sweep", paramLabel = "VAR=LO..HI[:STEP]", description = "evaluate every target for VAR = LO, LO+STEP, ..., HI (STEP default 1)")
    String sweep;

    @Option(names = "--plot", paramLabel = "FILE", description = "a chart, .png or .svg (repeatable): bars on a log scale, or lines against the swept constant; it shows the TARGETs (the --bound targets when there are none)")
    List<Path> plots = new ArrayList<>();

    @Option(names = "--title", description = "the chart's title")
    String title;

    // a label has no parentheses, so `sum(j = 0..t) j` is never read as one
    private static final Pattern LABELLED = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_ .*'-]*?)\\s*=(?!=)(.*)$");
    private static final Pattern SWEEP = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_]*'*)\\s*=\\s*([-0-9.eE+]+)\\s*\\.\\.\\s*([-0-9.eE+]+)\\s*(?::\\s*([0-9.eE+]+))?\\s*$");

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            Main.err.println("boundcheck: --format must be text or json, not '" + format + "'");
            return 2;
        }
        for (Path p : plots) {
            String n = p.getFileName().toString().toLowerCase();
            if (!n.endsWith(".png") && !n.endsWith(".svg")) {
                Main.err.println("boundcheck: --plot " + p + ": a chart file must end in .png or .svg");
                return 2;
            }
        }
        try {
            vacuousAbove = new BigDecimal(vacuousAboveText.strip());
        } catch (NumberFormatException e) {
            Main.err.println("boundcheck: --vacuous-above " + vacuousAboveText + ": not a number");
            return 2;
        }
        List<Theory> theories = Main.load(List.of(theoryFile));
        if (theories == null) return 2;
        if (theories.size() != 1) {
            Main.err.println("boundcheck: eval takes one .bnd file, not " + theoryFile);
            return 2;
        }
        try {
            return run(theories.get(0));
        } catch (BoundEvaluation.BadInput | WeightFiles.BadWeights e) {
            Main.err.println("boundcheck: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            Main.err.println("boundcheck: cannot draw the chart: " + e.getMessage());
            return 2;
        }
    }

    private int run(Theory theory) throws BoundEvaluation.BadInput, WeightFiles.BadWeights, java.io.IOException {
        BoundEvaluation ev = new BoundEvaluation(theory, WeightFiles.readAll(weights));
        for (String s : sets) ev.set(s);
        List<String> labels = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        List<Boolean> isBound = new ArrayList<>();
        for (String t : targets) add(ev, t, false, labels, exprs, isBound);
        for (String t : bounds) add(ev, t, true, labels, exprs, isBound);
        if (exprs.isEmpty()) {
            for (Expr e : ev.allDefinitions()) {
                labels.add(boundcheck.lang.Printer.print(e));
                exprs.add(e);
                isBound.add(false);
            }
        }
        List<BoundEvaluation.Target> results = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) results.add(ev.evaluate(exprs.get(i), isBound.get(i), vacuousAbove));
        EvalRun.Sweep swept = sweep == null ? null : sweep(ev, exprs, isBound);
        EvalRun run = new EvalRun(theoryFile, weights, ev.weightNorms(), ev.constants(), ev.assumptions(), labels, results, vacuousAbove, swept);
        // charts are drawn completely before any file is written
        Map<Path, byte[]> charts = new LinkedHashMap<>();
        String missing = plots.isEmpty() ? null : missingFromChart(run);
        if (missing == null) for (Path p : plots) charts.put(p, Charts.render(chart(run), p.getFileName().toString()));
        List<Path> written = new ArrayList<>();
        for (var c : charts.entrySet()) {
            if (!Main.writeAtomically(c.getKey(), c.getValue())) {
                // all charts or none
                for (Path w : written) java.nio.file.Files.deleteIfExists(w);
                return 2;
            }
            written.add(c.getKey());
        }
        Main.out.print(format.equals("json") ? EvalReport.json(run, Main.VERSION.substring("boundcheck ".length())) + "\n" : EvalReport.text(run));
        if (!charts.isEmpty()) Main.err.println("wrote " + String.join(", ", charts.keySet().stream().map(Path::toString).toList()));
        if (missing != null) Main.err.println("boundcheck: no chart written: " + missing);
        return run.allDefined() ? 0 : 1;
    }

    private static void add(BoundEvaluation ev, String spec, boolean bound, List<String> labels, List<Expr> exprs, List<Boolean> isBound)
            throws BoundEvaluation.BadInput {
        Matcher m = LABELLED.matcher(spec);
        String label = null, text = spec;
        if (m.matches() && !m.group(2).isBlank()) {
            label = m.group(1).strip();
            text = m.group(2);
        }
        Expr e = ev.target(text);
        labels.add(label != null ? label : boundcheck.lang.Printer.print(e));
        exprs.add(e);
        isBound.add(bound);
    }

    private EvalRun.Sweep sweep(BoundEvaluation ev, List<Expr> exprs, List<Boolean> isBound) throws BoundEvaluation.BadInput {
        Matcher m = SWEEP.matcher(sweep);
        if (!m.matches()) throw new BoundEvaluation.BadInput("--sweep " + sweep + ": expected VAR=LO..HI or VAR=LO..HI:STEP, e.g. t=1..100");
        String var = m.group(1);
        if (!ev.isConstant(var)) throw new BoundEvaluation.BadInput("--sweep " + sweep + ": '" + var + "' is not a constant of the theory");
        BigDecimal lo, hi, step;
        try {
            lo = new BigDecimal(m.group(2));
            hi = new BigDecimal(m.group(3));
            step = m.group(4) == null ? BigDecimal.ONE : new BigDecimal(m.group(4));
        } catch (NumberFormatException e) {
            throw new BoundEvaluation.BadInput("--sweep " + sweep + ": not a number");
        }
        if (step.signum() <= 0 || hi.compareTo(lo) < 0) throw new BoundEvaluation.BadInput("--sweep " + sweep + ": needs LO <= HI and a positive STEP");
        if (hi.subtract(lo).divide(step, java.math.MathContext.DECIMAL64).compareTo(BigDecimal.valueOf(10_000)) > 0) {
            throw new BoundEvaluation.BadInput("--sweep " + sweep + ": more than 10000 points");
        }
        List<BigDecimal> xs = new ArrayList<>();
        List<List<BoundEvaluation.Target>> rows = new ArrayList<>();
        for (BigDecimal x = lo; x.compareTo(hi) <= 0; x = x.add(step)) {
            String why = ev.outsideDomain(var, x);
            if (why != null) throw new BoundEvaluation.BadInput("--sweep " + sweep + ": " + var + " = " + x.toPlainString() + " " + why);
            xs.add(x);
            List<BoundEvaluation.Target> row = new ArrayList<>();
            for (int i = 0; i < exprs.size(); i++) row.add(ev.evaluate(exprs.get(i), isBound.get(i), vacuousAbove, Map.of(var, x)));
            rows.add(row);
        }
        return new EvalRun.Sweep(var, xs, rows);
    }

    private JFreeChart chart(EvalRun run) {
        String heading = title != null ? title : "bounds of " + run.theory().getFileName();
        if (run.sweep() != null) {
            EvalRun.Sweep s = run.sweep();
            double[] xs = s.xs().stream().mapToDouble(BigDecimal::doubleValue).toArray();
            List<Double[]> series = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int j : charted(run)) {
                Double[] ys = new Double[xs.length];
                for (int i = 0; i < xs.length; i++) ys[i] = plottable(s.rows().get(i).get(j).value());
                series.add(ys);
                names.add(run.labels().get(j));
            }
            return Charts.lines(heading, s.var(), xs, names, series);
        }
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i : run.pointShown() ? charted(run) : List.<Integer>of()) {
            Double v = plottable(run.targets().get(i).value());
            if (v == null) continue;
            names.add(run.labels().get(i));
            values.add(v);
        }
        return Charts.bars(heading, names, values);
    }

    /** Why a chart would be incomplete (a charted target without a value somewhere), or null. */
    private static String missingFromChart(EvalRun run) {
        for (int j : charted(run)) {
            boolean atPoint = run.pointShown() && run.targets().get(j).value() == null;
            boolean inSweep = run.sweep() != null && run.sweep().rows().stream().anyMatch(r -> r.get(j).value() == null);
            if (atPoint || inSweep) return run.labels().get(j) + " has no value" + (inSweep && !atPoint ? " at some " + run.sweep().var() : "");
        }
        return null;
    }

    /** The targets a chart shows: the plain targets, or the --bound ones when there are no others. */
    private static List<Integer> charted(EvalRun run) {
        List<Integer> plain = new ArrayList<>(), bounds = new ArrayList<>();
        for (int i = 0; i < run.targets().size(); i++) (run.targets().get(i).bound() ? bounds : plain).add(i);
        return plain.isEmpty() ? bounds : plain;
    }

    /** A positive value a log axis in doubles can show, or null (left out of the chart; the table has it). */
    private static Double plottable(BigDecimal v) {
        if (v == null || v.signum() <= 0) return null;
        double d = v.doubleValue();
        return Double.isFinite(d) && d > 1e-300 ? d : null;
    }
}

package boundcheck.cli;

import boundcheck.cas.Cas;
import boundcheck.check.Checker;
import boundcheck.lang.Theory;
import boundcheck.numeric.DoubleArith;
import boundcheck.numeric.Evaluator;
import boundcheck.numeric.Instance;
import boundcheck.numeric.Problem;
import boundcheck.numeric.TensorEvaluator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Numeric instances per second for one lemma's statement at fixed scalars: every instance draws
 * fresh vectors and matrices (scaled to the assumptions), runs the recurrences and evaluates both
 * sides, exactly as the falsifier does. Prints one JSON line, comparable with bench/lemma2_numpy.py.
 */
@Command(name = "bench-instances", mixinStandardHelpOptions = true, description = "Numeric instances per second for a lemma's statement at fixed values (--set NAME=VALUE).")
final class BenchInstances implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH") Path path;

    @Option(names = "--item", required = true, description = "the lemma or theorem whose statement is evaluated") String item;

    @Option(names = "--set", description = "a scalar's value, e.g. --set d_h=128 (every variable of the statement needs one)")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--n", defaultValue = "50", description = "timed instances (default: ${DEFAULT-VALUE}), after 5 warm-up ones") int n;

    @Option(names = "--seed", defaultValue = "0") long seed;

    @Override
    public Integer call() {
        List<Theory> theories = Main.load(List.of(path));
        if (theories == null) return 2;
        Theory theory = theories.get(0);
        if (!theory.lemmas.containsKey(item)) {
            Main.err.println(path + ": error: no lemma or theorem named '" + item + "'");
            return 2;
        }
        Problem p;
        try (Cas cas = new Cas(2000)) {
            p = new Checker(cas, seed, 1).statementProblem(theory, item);
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (String v : p.variables().keySet()) {
            if (!values.containsKey(v)) {
                Main.err.println(path + ": error: no value for '" + v + "': pass --set " + v + "=...");
                return 2;
            }
            try {
                scalars.put(v, Double.parseDouble(values.get(v)));
            } catch (NumberFormatException e) {
                Main.err.println("boundcheck: error: --set " + v + "=" + values.get(v) + " is not a number");
                return 2;
            }
        }
        Set<String> continuous = new HashSet<>();
        p.variables().forEach((k, d) -> { if (!d.kind().isInteger()) continuous.add(k); });
        SplittableRandom random = new SplittableRandom(seed);
        int violations = 0, unusable = 0;
        long start = 0;
        double worst = 0;
        for (int i = -5; i < n; i++) {
            if (i == 0) start = System.nanoTime();
            Instance inst = new Instance(p.objects(), scalars, random.nextLong() & ((1L << 52) - 1), false, p.lets());
            try {
                List<Double> lr = new TensorEvaluator<>(DoubleArith.INSTANCE, inst, continuous, p.lets(), scalars).sides(p.lhs(), p.rhs());
                double l = lr.get(0), r = lr.get(1);
                if (i >= 0 && l > r * (1 + 1e-9)) violations++;
                if (i >= 0 && r > 0) worst = Math.max(worst, l / r);
            } catch (Evaluator.Unusable | Evaluator.Unsupported e) {
                if (i >= 0) unusable++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Main.out.printf(java.util.Locale.ROOT, "{\"tool\": \"boundcheck\", \"item\": \"%s\", \"instances\": %d, \"seconds\": %.3f, \"instances_per_second\": %.1f, "
                        + "\"violations\": %d, \"unusable\": %d, \"max_lhs_over_rhs\": %.3e, \"seed\": %d, \"values\": %s}%n",
                item, n, seconds, n / seconds, violations, unusable, worst, seed, jsonValues(scalars));
        return 0;
    }

    private static String jsonValues(Map<String, Double> scalars) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Double> e : scalars.entrySet()) {
            if (b.length() > 1) b.append(", ");
            b.append('"').append(e.getKey()).append("\": ").append(e.getValue());
        }
        return b.append('}').toString();
    }
}

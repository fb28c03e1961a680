package boundcheck.numeric;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;

/**
 * Looks for a counterexample to a {@link Problem}: seeded random and edge instances, instances on
 * the boundary of the hypotheses, then hill-climbing on the normalised margin from the worst points.
 * A candidate is reported only after a high-precision re-check, and is shrunk to simple values first.
 */
public final class Falsifier {
    private static final double[] POS_EDGES = {1e-6, 1e-3, 0.01, 0.1, 0.5, 0.9, 0.99, 1, 1.01, 1.1, 1.5, 2, 3, 5, 10, 100, 1000};
    private static final int MAX_REJECTS = 60;

    private final Problem problem;
    private final SplittableRandom random;
    private final Evaluator<Double> fast;
    private final Evaluator<Apfloat> exact;
    private final Evaluator<Apfloat> precise;
    private final List<String> order;
    private final Set<String> continuous = new HashSet<>();
    /** Hidden coordinates of an instance with objects: the seed its vectors and matrices are drawn from, and the round flag. */
    static final String SEED = "#seed", ROUND = "#round";
    /** Sequences are run for at most this many steps by default (an unbounded t is capped). */
    static final long MAX_STEPS = 30;

    public Falsifier(Problem problem, long seed) {
        this.problem = problem;
        this.random = new SplittableRandom(seed);
        for (Map.Entry<String, Domain> v : problem.variables().entrySet()) {
            if (!v.getValue().kind().isInteger()) continuous.add(v.getKey());
        }
        this.fast = new Evaluator<>(DoubleArith.INSTANCE, continuous, problem.lets());
        this.exact = new Evaluator<>(HighPrecision.INSTANCE, continuous, problem.lets());
        this.precise = new Evaluator<>(HighPrecision.PRECISE, continuous, problem.lets());
        this.order = samplingOrder();
    }

    /** Variables whose domain bounds mention other variables come after those. */
    private List<String> samplingOrder() {
        List<String> out = new ArrayList<>();
        Set<String> pending = new java.util.LinkedHashSet<>(problem.variables().keySet());
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (String v : List.copyOf(pending)) {
                Interval iv = problem.variables().get(v).interval();
                Set<String> deps = new HashSet<>();
                if (iv != null) { deps.addAll(Exprs.freeNames(iv.lo())); deps.addAll(Exprs.freeNames(iv.hi())); }
                deps.retainAll(problem.variables().keySet());
                deps.remove(v);
                if (out.containsAll(deps)) { out.add(v); pending.remove(v); progress = true; }
            }
            if (!progress) { out.addAll(pending); break; }
        }
        return out;
    }

    // ---- sampling -------------------------------------------------------------------

    private double positive() {
        double u = random.nextDouble();
        if (u < 0.4) return POS_EDGES[random.nextInt(POS_EDGES.length)];
        if (u < 0.8) return Math.exp((random.nextDouble() * 2 - 1) * Math.log(1000));
        return random.nextDouble() * 3;
    }

    private long smallInt(long lo) {
        double u = random.nextDouble();
        if (u < 0.5) return lo + random.nextInt(6);
        if (u < 0.85) return lo + random.nextInt(15);
        return lo + random.nextInt(61);
    }

    private Double bound(Expr e, Map<String, Double> env) {
        if (e instanceof Infinity) return null;
        if (e instanceof Neg n && n.operand() instanceof Infinity) return null;
        return fast.eval(e, env);
    }

    private double draw(Domain d, Map<String, Double> env) {
        Interval iv = d.interval();
        Double lo = iv == null ? null : bound(iv.lo(), env);
        Double hi = iv == null ? null : bound(iv.hi(), env);
        switch (d.kind()) {
            case NAT, POSINT, DIM, INT -> {
                long min = switch (d.kind()) {
                    case NAT -> 0;
                    case POSINT, DIM -> 1;
                    default -> -20;
                };
                if (lo != null) min = Math.max(min, (long) Math.ceil(lo - (iv.loOpen() ? -1e-9 : 1e-9)) + (iv.loOpen() && lo == Math.rint(lo) ? 1 : 0));
                long max = d.kind() == DomainKind.DIM ? 8 : problem.hasObjects() ? MAX_STEPS : Long.MAX_VALUE;
                if (hi != null) max = Math.min(max, (long) Math.floor(hi + 1e-9) - (iv.hiOpen() && hi == Math.rint(hi) ? 1 : 0));
                if (max < min) throw new Evaluator.Unusable("empty integer range");
                if (max - min >= 0 && max - min <= 60) { // (max - min overflows for unbounded ranges)
                    double u = random.nextDouble();
                    if (u < 0.2) return min;
                    if (u < 0.4) return max;
                    // dimensions 1 and 2 are the edge cases of most norm relations
                    if (u < 0.5 && d.kind() == DomainKind.DIM && min <= 2 && 2 <= max) return 2;
                    return min + random.nextLong(max - min + 1);
                }
                long drawn = smallInt(min);
                if (d.kind() == DomainKind.INT && lo == null && random.nextBoolean()) drawn = -smallInt(0) + (random.nextBoolean() ? 0 : -1);
                return Math.min(max, drawn);
            }
            default -> {
                double base = switch (d.kind()) {
                    case NONNEG -> random.nextDouble() < 0.1 ? 0 : positive();
                    case REAL -> random.nextDouble() < 0.1 ? 0 : (random.nextBoolean() ? 1 : -1) * positive();
                    default -> positive();
                };
                if (lo == null && hi == null) return base;
                double a = lo == null ? hi - 2 * Math.max(1, Math.abs(hi)) : lo;
                double b = hi == null ? lo + 2 * Math.max(1, Math.abs(lo)) : hi;
                double u = random.nextDouble();
                double width = b - a;
                if (u < 0.1) return iv.loOpen() ? a + width * 1e-6 : a;
                if (u < 0.2) return iv.hiOpen() ? b - width * 1e-6 : b;
                if (u < 0.3 && a < 1 && 1 < b) return 1;
                if (hi == null && u < 0.5) return a + base;
                return a + width * random.nextDouble();
            }
        }
    }

    /** An assignment satisfying domains and constraints, or null after too many rejections. */
    private Map<String, Double> sample(int[] rejected) {
        for (int attempt = 0; attempt < MAX_REJECTS; attempt++) {
            Map<String, Double> env = new LinkedHashMap<>();
            try {
                for (String v : order) env.put(v, draw(problem.variables().get(v), env));
                if (problem.hasObjects()) {
                    env.put(SEED, (double) (random.nextLong() & ((1L << 52) - 1)));
                    env.put(ROUND, random.nextDouble() < 0.1 ? 1.0 : 0.0);
                }
                if (!problem.solutions().isEmpty() && (random.nextDouble() < 0.3 || hasEquality())) {
                    applyBoundaries(env);
                }
                if (feasible(env)) return env;
            } catch (Evaluator.Unusable | Evaluator.Unsupported ignored) {
                // re-draw
            }
            rejected[0]++;
        }
        return null;
    }

    private boolean hasEquality() {
        for (Relation r : problem.constraints()) if (r.rel() == Rel.EQ) return true;
        return false;
    }

    /** Puts the instance on the boundary of one inequality constraint and on every equality constraint. */
    private void applyBoundaries(Map<String, Double> env) {
        List<Problem.Boundary> inequalities = new ArrayList<>();
        for (Problem.Boundary b : problem.solutions()) {
            if (b.constraint().rel() == Rel.EQ) env.put(b.var(), fast.eval(b.value(), env));
            else inequalities.add(b);
        }
        if (!inequalities.isEmpty() && random.nextDouble() < 0.5) {
            Problem.Boundary b = inequalities.get(random.nextInt(inequalities.size()));
            double v = fast.eval(b.value(), env);
            if (problem.variables().get(b.var()).kind().isInteger()) v = Math.rint(v);
            env.put(b.var(), v);
        }
    }

    private boolean feasible(Map<String, Double> env) {
        for (Map.Entry<String, Domain> v : problem.variables().entrySet()) {
            double x = env.get(v.getKey());
            DomainKind k = v.getValue().kind();
            if (Double.isNaN(x) || Double.isInfinite(x)) return false;
            if (k.isInteger() && x != Math.rint(x)) return false;
            if ((k == DomainKind.POS || k == DomainKind.POSINT || k == DomainKind.DIM) && x <= 0) return false;
            if ((k == DomainKind.NAT || k == DomainKind.NONNEG) && x < 0) return false;
            Interval iv = v.getValue().interval();
            if (iv != null) {
                Double lo = bound(iv.lo(), env), hi = bound(iv.hi(), env);
                if (lo != null && (iv.loOpen() ? x <= lo : x < lo)) return false;
                if (hi != null && (iv.hiOpen() ? x >= hi : x > hi)) return false;
            }
        }
        if (problem.hasObjects()) {
            TensorEvaluator<Double> te = tensor(env);
            for (Statement st : problem.objects().constraints()) {
                if (te.instance().enforced(st) || !st.binders().isEmpty()) continue;
                Relation r = st.relation();
                double l = te.scalar(r.lhs()), rt = te.scalar(r.rhs());
                if (!holdsDouble(r.rel(), l, rt)) return false;
            }
        }
        for (Relation r : problem.constraints()) {
            if (!holdsDouble(r.rel(), fast.eval(r.lhs(), env), fast.eval(r.rhs(), env))) return false;
        }
        return true;
    }

    private static boolean holdsDouble(Rel rel, double l, double rt) {
        double tol = 1e-12 * Math.max(1, Math.max(Math.abs(l), Math.abs(rt)));
        return switch (rel) {
            case LE -> l <= rt;
            case LT -> l < rt;
            case GE -> l >= rt;
            case GT -> l > rt;
            case EQ -> Math.abs(l - rt) <= tol;
            case NE -> l != rt;
            default -> true;
        };
    }

    // ---- instances with objects ----------------------------------------------------------------

    private static Map<String, Double> scalarsOf(Map<String, Double> env) {
        Map<String, Double> out = new HashMap<>(env);
        out.remove(SEED);
        out.remove(ROUND);
        return out;
    }

    private Instance instance(Map<String, Double> env) {
        Double seed = env.get(SEED), round = env.get(ROUND);
        return new Instance(problem.objects(), scalarsOf(env), seed == null ? 0 : seed.longValue(), round != null && round == 1.0, problem.lets());
    }

    private final Map<Expr, Boolean> shapes = new java.util.IdentityHashMap<>();
    private Map<String, Double> lastEnv;
    private TensorEvaluator<Double> lastTensor;

    /** The evaluator of one instance; the feasibility check and the measurement share it (sequences run once). */
    private TensorEvaluator<Double> tensor(Map<String, Double> env) {
        if (lastTensor != null && env.equals(lastEnv)) return lastTensor;
        lastEnv = new HashMap<>(env);
        lastTensor = new TensorEvaluator<>(DoubleArith.INSTANCE, instance(env), continuous, problem.lets(), scalarsOf(env), shapes);
        return lastTensor;
    }

    private double[] sides(Map<String, Double> env) {
        if (!problem.hasObjects()) return new double[] {fast.eval(problem.lhs(), env), fast.eval(problem.rhs(), env)};
        List<Double> lr = tensor(env).sides(problem.lhs(), problem.rhs());
        return new double[] {lr.get(0), lr.get(1)};
    }

    // ---- margins ----------------------------------------------------------------------

    /** Positive when the relation holds with room; the scale is |lhs| + |rhs|. */
    private static double margin(Rel rel, double l, double r) {
        return switch (rel) {
            case LE, LT -> r - l;
            case GE, GT -> l - r;
            case EQ -> -Math.abs(l - r);
            case NE -> Math.abs(l - r);
            default -> 0;
        };
    }

    private record Point(Map<String, Double> env, double margin, double normalized) {}

    private Point measure(Map<String, Double> env) {
        double[] lr = sides(env);
        double l = lr[0], r = lr[1];
        double m = margin(problem.rel(), l, r);
        double scale = Math.abs(l) + Math.abs(r) + 1e-300;
        if (Math.abs(m) <= 1e-9 * scale) m = 0; // rounding, not a margin
        return new Point(env, m, m / scale);
    }

    private boolean candidate(Point p) {
        double tol = problem.rel() == Rel.EQ ? 1e-9 : (problem.rel().isStrict() || problem.rel() == Rel.NE ? -1e-12 : 1e-12);
        return problem.rel() == Rel.EQ ? p.normalized() < -tol : p.normalized() < -tol || (problem.rel().isStrict() && p.margin() <= 0);
    }

    /** Up to {@code n} distinct instances that satisfy the domains and constraints (exact values). */
    public List<Map<String, BigDecimal>> feasiblePoints(int n) {
        int[] rejected = {0};
        List<Map<String, BigDecimal>> out = new ArrayList<>();
        Set<Map<String, BigDecimal>> seen = new HashSet<>();
        for (int i = 0; i < 20 * n && out.size() < n; i++) {
            Map<String, Double> env = sample(rejected);
            if (env == null) continue;
            // short decimals: easier for the CAS and for a person reading a counterexample
            Map<String, Double> rounded = new LinkedHashMap<>(env);
            for (String v : continuous) {
                if (rounded.containsKey(v)) rounded.put(v, new BigDecimal(rounded.get(v)).round(new MathContext(3)).doubleValue());
            }
            try {
                if (feasible(rounded)) env = rounded;
            } catch (Evaluator.Unusable | Evaluator.Unsupported ignored) {
                // keep the unrounded instance
            }
            Map<String, BigDecimal> p = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : env.entrySet()) {
                BigDecimal b = new BigDecimal(Double.toString(e.getValue()));
                p.put(e.getKey(), b.scale() > 0 ? b.stripTrailingZeros() : b.setScale(0));
            }
            if (seen.add(p)) out.add(p);
        }
        return out;
    }

    // ---- the search --------------------------------------------------------------------

    /**
     * High-precision re-checks of candidates that did not hold up, per run. After this many, only
     * candidates violating the relation by more than 1e-6 (relative) are re-checked: a relation that
     * holds with equality on the boundary of the assumptions keeps producing rounding-level
     * candidates, and each re-check of a network costs a full 60- and 120-digit evaluation.
     */
    private static final int UNCONFIRMED_BUDGET = 6;
    private int unconfirmed;

    private Counterexample confirmWithinBudget(Point p, Set<Map<String, BigDecimal>> tried) {
        if (unconfirmed >= UNCONFIRMED_BUDGET && p.normalized() > -1e-6) return null;
        Counterexample c = confirmAndShrink(p.env(), tried);
        if (c == null) unconfirmed++;
        return c;
    }

    public FalsifierResult run(int samples) {
        unconfirmed = 0;
        int[] rejected = {0};
        int unusable = 0, usable = 0;
        double minMargin = Double.POSITIVE_INFINITY;
        List<Point> worst = new ArrayList<>();
        Set<Map<String, BigDecimal>> tried = new HashSet<>();
        for (int i = 0; i < samples; i++) {
            Map<String, Double> env = sample(rejected);
            if (env == null) continue;
            Point p;
            try {
                p = measure(env);
            } catch (Evaluator.Unusable u) {
                unusable++;
                continue;
            } catch (Evaluator.Unsupported u) {
                return new FalsifierResult(0, rejected[0], unusable, Double.NaN, null, u.getMessage());
            }
            usable++;
            minMargin = Math.min(minMargin, p.margin());
            if (candidate(p)) {
                Counterexample c = confirmWithinBudget(p, tried);
                if (c != null) return new FalsifierResult(usable, rejected[0], unusable, minMargin, c, null);
            }
            worst.add(p);
            if (worst.size() > 64) {
                worst.sort(Comparator.comparingDouble(Point::normalized));
                worst.subList(16, worst.size()).clear();
            }
        }
        worst.sort(Comparator.comparingDouble(Point::normalized));
        for (Point start : worst.subList(0, Math.min(4, worst.size()))) {
            Point p = start;
            double sigma = 0.5;
            // hill climbing: a twentieth of the samples per start (at least 50 for scalars; networks cost a run each, at least 12)
            for (int step = 0; step < Math.max(problem.hasObjects() ? 12 : 50, samples / 20); step++) {
                Map<String, Double> next = perturb(p.env(), sigma);
                Point q;
                try {
                    if (!feasible(next)) continue;
                    q = measure(next);
                } catch (Evaluator.Unusable | Evaluator.Unsupported u) {
                    continue;
                }
                usable++;
                minMargin = Math.min(minMargin, q.margin());
                if (candidate(q)) {
                    Counterexample c = confirmWithinBudget(q, tried);
                    if (c != null) return new FalsifierResult(usable, rejected[0], unusable, minMargin, c, null);
                }
                if (q.normalized() < p.normalized()) p = q;
                else sigma = Math.max(1e-4, sigma * 0.97);
            }
        }
        if (usable == 0 && rejected[0] > 0) {
            return new FalsifierResult(0, rejected[0], unusable, Double.NaN, null, null);
        }
        return new FalsifierResult(usable, rejected[0], unusable, usable == 0 ? Double.NaN : minMargin, null, null);
    }

    private Map<String, Double> perturb(Map<String, Double> env, double sigma) {
        Map<String, Double> next = new LinkedHashMap<>(env);
        List<String> vars = new ArrayList<>(problem.variables().keySet());
        if (problem.hasObjects() && (vars.isEmpty() || random.nextDouble() < 0.15)) {
            next.put(SEED, (double) (random.nextLong() & ((1L << 52) - 1))); // other objects, same scalars
            return next;
        }
        if (vars.isEmpty()) return next;
        String v = vars.get(random.nextInt(vars.size()));
        double x = env.get(v);
        if (continuous.contains(v)) {
            double factor = Math.exp(sigma * (random.nextDouble() * 2 - 1));
            next.put(v, x == 0 ? sigma * (random.nextDouble() - 0.5) : x * factor);
        } else {
            next.put(v, x + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(2)));
        }
        return next;
    }

    // ---- re-check and shrink -------------------------------------------------------------

    private static Map<String, BigDecimal> exactValues(Map<String, Double> env) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : env.entrySet()) out.put(e.getKey(), new BigDecimal(e.getValue()));
        return out;
    }

    private Counterexample confirmAndShrink(Map<String, Double> env, Set<Map<String, BigDecimal>> tried) {
        Map<String, BigDecimal> point = exactValues(env);
        if (!tried.add(point)) return null;
        if (recheck(point) == null) return null;
        Map<String, BigDecimal> shrunk = shrink(point);
        return recheck(shrunk);
    }

    /** Whether an exact instance satisfies the domains and the constraints (high precision). */
    public boolean feasibleExact(Map<String, BigDecimal> point) {
        Map<String, Apfloat> env = new HashMap<>();
        for (Map.Entry<String, BigDecimal> e : point.entrySet()) env.put(e.getKey(), HighPrecision.INSTANCE.of(e.getValue()));
        try {
            return feasibleExact(point, env, HighPrecision.INSTANCE, exact);
        } catch (Evaluator.Unusable | Evaluator.Unsupported | ArithmeticException e) {
            return false;
        }
    }

    /**
     * The counterexample at {@code point} if it holds in high precision (hypotheses included) at 60
     * and at 120 digits, else null.
     */
    public Counterexample recheck(Map<String, BigDecimal> point) {
        if (problem.hasObjects() && !violatedInDoubles(point)) return null;
        Counterexample at60 = recheck(point, HighPrecision.INSTANCE, exact);
        if (at60 == null) return null;
        return recheck(point, HighPrecision.PRECISE, precise) == null ? null : at60;
    }

    /**
     * With objects a high-precision evaluation costs milliseconds (tanh by exp, Jacobi sweeps, t
     * steps): shrinking tries a candidate in doubles first and re-checks only what still fails there.
     */
    private boolean violatedInDoubles(Map<String, BigDecimal> point) {
        Map<String, Double> env = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> e : point.entrySet()) env.put(e.getKey(), e.getValue().doubleValue());
        try {
            return feasible(env) && candidate(measure(env));
        } catch (Evaluator.Unusable | Evaluator.Unsupported e) {
            return false;
        }
    }

    private Counterexample recheck(Map<String, BigDecimal> point, HighPrecision hp, Evaluator<Apfloat> exact) {
        Map<String, Apfloat> env = new HashMap<>();
        for (Map.Entry<String, BigDecimal> e : point.entrySet()) env.put(e.getKey(), hp.of(e.getValue()));
        try {
            if (!feasibleExact(point, env, hp, exact)) return null;
            Apfloat l, r;
            Map<String, Object> objects = Map.of();
            Map<String, BigDecimal> values = point;
            if (problem.hasObjects()) {
                Map<String, Double> doubles = new HashMap<>();
                for (Map.Entry<String, BigDecimal> e : point.entrySet()) doubles.put(e.getKey(), e.getValue().doubleValue());
                Instance inst = instance(doubles);
                Map<String, Apfloat> scalars = new HashMap<>(env);
                scalars.remove(SEED);
                scalars.remove(ROUND);
                TensorEvaluator<Apfloat> te = new TensorEvaluator<>(hp, inst, continuous, problem.lets(), scalars);
                if (!objectConstraintsHold(te, hp)) return null;
                List<Apfloat> lr = te.sides(problem.lhs(), problem.rhs());
                l = lr.get(0);
                r = lr.get(1);
                objects = inst.printable();
                values = new LinkedHashMap<>(point);
                values.remove(SEED);
                values.remove(ROUND);
            } else {
                l = exact.eval(problem.lhs(), env);
                r = exact.eval(problem.rhs(), env);
            }
            Apfloat diff = hp.sub(l, r);
            Apfloat scale = hp.add(hp.abs(l), hp.abs(r));
            boolean zero = hp.negligible(diff, scale);
            boolean violated = switch (problem.rel()) {
                case LE -> !zero && diff.signum() > 0;
                case LT -> diff.signum() >= 0 && (!zero || exactNumber(diff));
                case GE -> !zero && diff.signum() < 0;
                case GT -> diff.signum() <= 0 && (!zero || exactNumber(diff));
                case EQ -> !zero;
                case NE -> zero && exactNumber(diff);
                default -> false;
            };
            if (!violated) return null;
            return new Counterexample(values, decimal(l), decimal(r), objects);
        } catch (Evaluator.Unusable | Evaluator.Unsupported | ArithmeticException e) {
            return null;
        }
    }

    private static boolean exactNumber(Apfloat a) { return a instanceof org.apfloat.Aprational; }

    /** The assumptions on objects, in high precision: norm bounds of every drawn object and the others as relations. */
    private boolean objectConstraintsHold(TensorEvaluator<Apfloat> te, HighPrecision hp) {
        for (Statement st : problem.objects().constraints()) {
            Relation r = st.relation();
            if (!st.binders().isEmpty()) {
                if (!te.instance().enforced(st)) return false; // cannot confirm a quantified relation on objects
                if (!te.familyBoundHolds(st)) return false;
                continue;
            }
            Apfloat l = te.scalar(r.lhs()), rt = te.scalar(r.rhs());
            boolean ok = r.rel() == Rel.APPROX || r.rel().holds(hp.compare(l, rt));
            if (!ok) return false;
        }
        return true;
    }

    private static BigDecimal decimal(Apfloat a) {
        return new BigDecimal(HighPrecision.approx(a).precision(30).toString(true)).round(new MathContext(17));
    }

    private boolean feasibleExact(Map<String, BigDecimal> point, Map<String, Apfloat> env, HighPrecision hp, Evaluator<Apfloat> exact) {
        for (Map.Entry<String, Domain> v : problem.variables().entrySet()) {
            BigDecimal x = point.get(v.getKey());
            if (x == null) return false;
            DomainKind k = v.getValue().kind();
            if (k.isInteger() && x.stripTrailingZeros().scale() > 0) return false;
            if ((k == DomainKind.POS || k == DomainKind.POSINT || k == DomainKind.DIM) && x.signum() <= 0) return false;
            if ((k == DomainKind.NAT || k == DomainKind.NONNEG) && x.signum() < 0) return false;
            Interval iv = v.getValue().interval();
            if (iv != null) {
                Apfloat xv = hp.of(x);
                if (!(iv.lo() instanceof Infinity) && !(iv.lo() instanceof Neg)) {
                    int c = hp.compare(xv, exact.eval(iv.lo(), env));
                    if (iv.loOpen() ? c <= 0 : c < 0) return false;
                }
                if (!(iv.hi() instanceof Infinity)) {
                    int c = hp.compare(xv, exact.eval(iv.hi(), env));
                    if (iv.hiOpen() ? c >= 0 : c > 0) return false;
                }
            }
        }
        for (Relation r : problem.constraints()) {
            Apfloat l = exact.eval(r.lhs(), env), rt = exact.eval(r.rhs(), env);
            Apfloat d = hp.sub(l, rt);
            boolean zero = hp.negligible(d, hp.add(hp.abs(l), hp.abs(rt)));
            boolean ok = switch (r.rel()) {
                case LE -> d.signum() <= 0 || zero && !exactNumber(d);
                case LT -> d.signum() < 0 && !(zero && !exactNumber(d));
                case GE -> d.signum() >= 0 || zero && !exactNumber(d);
                case GT -> d.signum() > 0 && !(zero && !exactNumber(d));
                case EQ -> zero;
                case NE -> !zero;
                default -> true;
            };
            if (!ok) return false;
        }
        return true;
    }

    /**
     * A shrinking step keeps a candidate that fails in high precision; with objects the 120-digit
     * confirmation waits for the final point (the caller re-checks it at both precisions).
     */
    private boolean shrinkCheck(Map<String, BigDecimal> trial) {
        if (!problem.hasObjects()) return recheck(trial) != null;
        if (!violatedInDoubles(trial)) return false;
        // a budget of high-precision evaluations per shrink: each runs the networks at 60 digits
        if (shrinkBudget <= 0) return false;
        shrinkBudget--;
        return recheck(trial, HighPrecision.INSTANCE, exact) != null;
    }

    /** High-precision trials left for the current shrink of a problem with objects. */
    private int shrinkBudget;
    private static final int SHRINK_BUDGET = 24;

    /** Simpler values, one variable at a time, while the violation survives the high-precision check. */
    private Map<String, BigDecimal> shrink(Map<String, BigDecimal> point) {
        shrinkBudget = SHRINK_BUDGET;
        Map<String, BigDecimal> current = new LinkedHashMap<>(point);
        for (int pass = 0; pass < 4; pass++) {
            boolean changed = false;
            // objects with small integer entries and round scale factors, when the violation survives
            if (current.containsKey(ROUND) && current.get(ROUND).signum() == 0) {
                Map<String, BigDecimal> trial = new LinkedHashMap<>(current);
                trial.put(ROUND, BigDecimal.ONE);
                if (shrinkCheck(trial)) { current = trial; changed = true; }
            }
            // joint moves first: the same small value everywhere, or every real value scaled down
            for (Map<String, BigDecimal> trial : jointMoves(current)) {
                if (shrinkCheck(trial)) { current = trial; changed = true; break; }
            }
            for (String v : order) {
                for (BigDecimal candidate : simpler(current.get(v), problem.variables().get(v).kind().isInteger())) {
                    if (candidate.compareTo(current.get(v)) == 0) break;
                    Map<String, BigDecimal> trial = new LinkedHashMap<>(current);
                    trial.put(v, candidate);
                    // an equality hypothesis ties variables together: re-solve the tied ones
                    resolveEqualities(trial, v);
                    if (shrinkCheck(trial)) {
                        current = trial;
                        changed = true;
                        break;
                    }
                }
            }
            if (!changed) break;
        }
        return current;
    }

    private List<Map<String, BigDecimal>> jointMoves(Map<String, BigDecimal> current) {
        List<Map<String, BigDecimal>> out = new ArrayList<>();
        for (long k = 0; k <= 5; k++) {
            Map<String, BigDecimal> t = new LinkedHashMap<>();
            for (String v : current.keySet()) t.put(v, v.startsWith("#") ? current.get(v) : BigDecimal.valueOf(k));
            if (!sameValues(t, current)) out.add(t);
        }
        for (String factor : new String[] {"0.01", "0.1", "0.5"}) {
            Map<String, BigDecimal> t = new LinkedHashMap<>(current);
            for (String v : current.keySet()) {
                if (continuous.contains(v)) t.put(v, current.get(v).multiply(new BigDecimal(factor)).round(new MathContext(3)).stripTrailingZeros());
            }
            if (!sameValues(t, current)) out.add(t);
        }
        return out;
    }

    private static boolean sameValues(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        for (String k : a.keySet()) if (a.get(k).compareTo(b.get(k)) != 0) return false;
        return true;
    }

    private void resolveEqualities(Map<String, BigDecimal> trial, String changed) {
        for (Problem.Boundary b : problem.solutions()) {
            if (b.constraint().rel() != Rel.EQ || b.var().equals(changed)) continue;
            try {
                Map<String, Apfloat> env = new HashMap<>();
                for (Map.Entry<String, BigDecimal> e : trial.entrySet()) env.put(e.getKey(), HighPrecision.INSTANCE.of(e.getValue()));
                Apfloat v = exact.eval(b.value(), env);
                trial.put(b.var(), new BigDecimal(HighPrecision.approx(v).toString(true)));
                if (v instanceof org.apfloat.Aprational r && !(v instanceof org.apfloat.Apint)) {
                    BigDecimal n = new BigDecimal(r.numerator().toBigInteger()), d = new BigDecimal(r.denominator().toBigInteger());
                    try {
                        trial.put(b.var(), n.divide(d));
                    } catch (ArithmeticException nonTerminating) {
                        trial.put(b.var(), n.divide(d, new MathContext(40)));
                    }
                } else if (v instanceof org.apfloat.Apint i) {
                    trial.put(b.var(), new BigDecimal(i.toBigInteger()));
                }
            } catch (RuntimeException ignored) {
                // keep the value
            }
        }
    }

    /** Candidate values simpler than {@code x}, simplest first, ending with {@code x} itself. */
    public static List<BigDecimal> simpler(BigDecimal x, boolean integer) {
        List<BigDecimal> out = new ArrayList<>();
        for (long k : new long[] {0, 1, 2, 3, 4, 5}) out.add(BigDecimal.valueOf(k));
        if (x.signum() < 0) for (long k : new long[] {-1, -2, -3}) out.add(BigDecimal.valueOf(k));
        BigDecimal rounded = x.setScale(0, java.math.RoundingMode.HALF_UP);
        out.add(rounded);
        if (!integer) {
            out.add(new BigDecimal("0.5"));
            out.add(new BigDecimal("0.1"));
            for (int digits = 1; digits <= 4; digits++) out.add(x.round(new MathContext(digits)));
        } else {
            // halve the distance to the smallest value
            BigDecimal y = x;
            for (int i = 0; i < 6 && y.abs().compareTo(BigDecimal.valueOf(6)) > 0; i++) {
                y = y.divide(BigDecimal.valueOf(2)).setScale(0, java.math.RoundingMode.DOWN);
                out.add(y);
            }
        }
        out.add(x);
        List<BigDecimal> unique = new ArrayList<>();
        for (BigDecimal b : out) {
            BigDecimal s = b.stripTrailingZeros();
            if (unique.stream().noneMatch(u -> u.compareTo(s) == 0)) unique.add(s.scale() < 0 ? s.setScale(0) : s);
        }
        return unique;
    }
}

package boundcheck.numeric;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The concrete vectors and matrices of one instance, drawn from a seed and the instance's scalars so
 * that every norm assumption on them holds. Objects are drawn lazily and each from its own stream
 * (seed, name, index), so an instance is the same whatever is evaluated first, and the same scalars
 * with the same seed give the same objects (hill-climbing and shrinking move scalars, dimensions and
 * the {@code round} flag, never the objects behind their back).
 *
 * <p>Values are doubles whose decimal forms ({@link Double#toString}) are what a counterexample
 * prints and what the high-precision re-check evaluates.
 */
public final class Instance {
    /** A norm bound {@code ||name[index]||_kind <= bound} from an assumption, with its binder if any. */
    record NormBound(String name, String binder, Expr bound, NormKind kind, Rel binderRel, Expr binderBound) {}

    /** Equality cases are drawn at this fraction of the bound, so rounding never leaves the assumption. */
    private static final double ON_BOUNDARY = 1 - 1e-12;

    private final ObjectModel model;
    private final Map<String, Double> scalars;
    private final long seed;
    private final boolean round;
    private final Evaluator<Double> scalarEval;
    private final Map<String, List<NormBound>> bounds = new HashMap<>();
    private final Map<String, double[][]> matrices = new TreeMap<>();
    private final Map<String, double[]> vectors = new TreeMap<>();

    public Instance(ObjectModel model, Map<String, Double> scalars, long seed, boolean round, Map<String, LetDecl> lets) {
        this.model = model;
        this.scalars = scalars;
        this.seed = seed;
        this.round = round;
        this.scalarEval = new Evaluator<>(DoubleArith.INSTANCE, java.util.Set.of(), lets);
        for (Statement s : model.constraints()) {
            NormBound b = normBound(s);
            if (b != null) bounds.computeIfAbsent(b.name(), k -> new ArrayList<>()).add(b);
        }
    }

    public ObjectModel model() { return model; }

    public long seed() { return seed; }

    /** Reads {@code ||x|| <= E} or {@code forall s >= c: ||x[s]|| <= E} with E free of objects; null otherwise. */
    NormBound normBound(Statement s) {
        Relation r = s.relation();
        Expr small = r.rel().isUpper() ? r.lhs() : r.rel().isLower() ? r.rhs() : null;
        Expr big = r.rel().isUpper() ? r.rhs() : r.rhs() == small ? null : r.lhs();
        if (small == null || !(Exprs.strip(small) instanceof Norm n)) return null;
        if (mentionsObject(big)) return null;
        Expr arg = Exprs.strip(n.arg());
        if (s.binders().isEmpty() && arg instanceof Name name && isObject(name.id())) {
            return new NormBound(name.id(), null, big, n.kind(), null, null);
        }
        if (s.binders().size() == 1 && arg instanceof Index ix && Exprs.strip(ix.base()) instanceof Name fam
                && Exprs.strip(ix.index()) instanceof Name v && v.id().equals(s.binders().get(0).var()) && isFamily(fam.id())) {
            Binder b = s.binders().get(0);
            return new NormBound(fam.id(), v.id(), big, n.kind(), b.rel(), b.bound());
        }
        return null;
    }

    /** Whether the statement is enforced by construction (a norm bound) rather than checked after drawing. */
    public boolean enforced(Statement s) { return normBound(s) != null; }

    boolean mentionsObject(Expr e) {
        for (String n : Exprs.freeNames(e)) if (isObject(n) || model.seqs().containsKey(n)) return true;
        return Exprs.contains(e, x -> x instanceof Norm || x instanceof Index);
    }

    private boolean isObject(String n) { return model.vecs().containsKey(n) || model.mats().containsKey(n); }

    private boolean isFamily(String n) {
        return model.vecs().containsKey(n) && model.vecs().get(n).indexVar() != null
                || model.mats().containsKey(n) && model.mats().get(n).indexVar() != null;
    }

    private int dim(Expr e) {
        double d = scalarEval.eval(e, scalars);
        if (d != Math.rint(d) || d < 1 || d > 4096) throw new Evaluator.Unusable("dimension " + d + " is not a positive integer");
        return (int) d;
    }

    private SplittableRandom stream(String name, long index) {
        long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        return new SplittableRandom(h * 1_000_003L + index);
    }

    // ---- drawing ------------------------------------------------------------------------------

    public double[][] matrix(String name) { return matrix(name, Long.MIN_VALUE); }

    public double[][] matrix(String name, long index) {
        String key = index == Long.MIN_VALUE ? name : name + "[" + index + "]";
        double[][] m = matrices.get(key);
        if (m != null) return m;
        MatDecl d = model.mats().get(name);
        SplittableRandom rnd = stream(name, index);
        if (d.orthogonal()) {
            m = drawOrthogonal(rnd, dim(d.rows())); // exactly orthogonal in its printed decimals; not rescaled
        } else {
            m = drawMatrix(rnd, dim(d.rows()), dim(d.cols()));
            scale(rnd, m, name, index);
        }
        matrices.put(key, m);
        return m;
    }

    public double[] vector(String name) { return vector(name, Long.MIN_VALUE); }

    public double[] vector(String name, long index) {
        String key = index == Long.MIN_VALUE ? name : name + "[" + index + "]";
        double[] v = vectors.get(key);
        if (v != null) return v;
        VecDecl d = model.vecs().get(name);
        int n = dim(d.dim());
        SplittableRandom family = stream(name, -1);
        // a family is sometimes one vector repeated (inputs that push the state the same way every step)
        boolean constant = index != Long.MIN_VALUE && family.nextDouble() < 0.3;
        SplittableRandom rnd = constant ? family : stream(name, index);
        v = drawVector(rnd, n);
        double[][] asRow = {v};
        scale(rnd, asRow, name, index);
        vectors.put(key, asRow[0]);
        return asRow[0];
    }

    private double gaussian(SplittableRandom r) {
        double g = r.nextGaussian();
        return round ? Math.max(-3, Math.min(3, Math.rint(1.5 * g))) : g;
    }

    private double[][] drawMatrix(SplittableRandom r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        double u = r.nextDouble();
        if (u < 0.08) return m; // zero
        if (u < 0.2) { // rank one
            double[] a = new double[rows], b = new double[cols];
            for (int i = 0; i < rows; i++) a[i] = gaussian(r);
            for (int j = 0; j < cols; j++) b[j] = gaussian(r);
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i][j] = a[i] * b[j];
            return m;
        }
        if (u < 0.3) { // all singular values equal
            for (int i = 0; i < Math.min(rows, cols); i++) m[i][i] = r.nextBoolean() ? 1 : -1;
            return m;
        }
        if (u < 0.4) { // signs
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i][j] = r.nextBoolean() ? 1 : -1;
            return m;
        }
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i][j] = gaussian(r);
        return m;
    }

    /** Cosine and sine pairs of Pythagorean triples with terminating decimals: rotations that stay exact when printed. */
    private static final double[][] EXACT_ROTATIONS = {{0.6, 0.8}, {0.8, 0.6}, {0.28, 0.96}, {0.96, 0.28}, {0.936, 0.352}, {0.352, 0.936}};

    /**
     * A signed permutation times rotations on disjoint coordinate pairs by exact angles: every entry is 0,
     * +-1 or one of the decimals above, so Q^T Q = I holds exactly in the decimals a counterexample prints
     * (a Haar-random Q would be orthogonal only up to rounding, and the 60-digit re-check would see that).
     */
    private double[][] drawOrthogonal(SplittableRandom r, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) q[i][perm[i]] = r.nextBoolean() ? 1 : -1;
        if (round && r.nextBoolean()) return q;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
        for (int p = 0; p + 1 < n; p += 2) {
            if (r.nextDouble() < 0.2) continue;
            double[] cs = EXACT_ROTATIONS[r.nextInt(EXACT_ROTATIONS.length)];
            int a = order[p], b = order[p + 1];
            // rows a and b of q rotated: each column holds one nonzero in {a, b} at most, so entries stay exact
            for (int col = 0; col < n; col++) {
                double x = q[a][col], y = q[b][col];
                q[a][col] = cs[0] * x - cs[1] * y;
                q[b][col] = cs[1] * x + cs[0] * y;
            }
        }
        return q;
    }

    private double[] drawVector(SplittableRandom r, int n) {
        double[] v = new double[n];
        double u = r.nextDouble();
        if (u < 0.08) return v;
        if (u < 0.2) { v[r.nextInt(n)] = r.nextBoolean() ? 1 : -1; return v; }
        if (u < 0.3) { java.util.Arrays.fill(v, r.nextBoolean() ? 1 : -1); return v; }
        if (u < 0.55) {
            // targeted: along the top right singular vector of a matrix this vector can multiply
            for (Map.Entry<String, MatDecl> m : new TreeMap<>(model.mats()).entrySet()) {
                if (m.getValue().indexVar() != null || dim(m.getValue().cols()) != n || r.nextBoolean()) continue;
                double[] top = topRight(m.getKey());
                if (top == null) continue;
                double sign = r.nextBoolean() ? 1 : -1;
                for (int i = 0; i < n; i++) v[i] = sign * (round ? Math.rint(4 * top[i]) : top[i]);
                return v;
            }
        }
        for (int i = 0; i < n; i++) v[i] = gaussian(r);
        return v;
    }

    private final Map<String, double[]> topRight = new HashMap<>();

    /** The top right singular vector of a matrix (null for the zero matrix), once per instance. */
    private double[] topRight(String matrix) {
        if (topRight.containsKey(matrix)) return topRight.get(matrix);
        double[][] a = matrix(matrix);
        double[] top = Linalg.spectral(a) == 0 ? null : new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getV().getColumn(0);
        topRight.put(matrix, top);
        return top;
    }

    /** Scales the drawn object so that each of its norm bounds holds, on the boundary in half of the draws. */
    private void scale(SplittableRandom r, double[][] m, String name, long index) {
        List<NormBound> own = bounds.getOrDefault(name, List.of());
        double ratio = Double.POSITIVE_INFINITY;
        for (NormBound b : own) {
            if ((b.binder() == null) != (index == Long.MIN_VALUE)) continue;
            Map<String, Double> env = scalars;
            if (b.binder() != null) {
                // the bound holds for the binder's range only (forall s >= 1); outside it the object is free
                env = new HashMap<>(scalars);
                env.put(b.binder(), (double) index);
                if (!binderHolds(b, index)) continue;
            }
            double bound = scalarEval.eval(b.bound(), env);
            if (bound < 0) throw new Evaluator.Unusable("negative norm bound");
            double norm = norm(m, b.kind(), index == Long.MIN_VALUE && model.mats().containsKey(name));
            if (norm > 0) ratio = Math.min(ratio, bound / norm);
        }
        double factor;
        if (Double.isInfinite(ratio)) {
            factor = Math.exp((r.nextDouble() * 2 - 1) * Math.log(10));
        } else {
            factor = r.nextDouble() < 0.5 ? ratio * ON_BOUNDARY : ratio * Math.sqrt(r.nextDouble());
        }
        if (round) factor = roundDown(factor);
        if (round) {
            // short decimals times a two-digit factor, multiplied exactly: what is printed stays short
            BigDecimal f = new BigDecimal(Double.toString(factor));
            for (double[] row : m) for (int j = 0; j < row.length; j++) row[j] = new BigDecimal(Double.toString(row[j])).multiply(f).doubleValue();
        } else {
            // a double's shortest decimal (Double.toString) reads back as the same double: what is
            // printed is what is evaluated, with no rounding step needed here
            for (double[] row : m) for (int j = 0; j < row.length; j++) row[j] = row[j] * factor;
        }
    }

    private boolean binderHolds(NormBound b, long index) {
        double lo = scalarEval.eval(b.binderBound(), scalars);
        return switch (b.binderRel()) {
            case GE -> index >= lo;
            case GT -> index > lo;
            case LE -> index <= lo;
            case LT -> index < lo;
            default -> true;
        };
    }

    private static double roundDown(double x) {
        if (x <= 0) return x;
        BigDecimal b = new BigDecimal(x).round(new java.math.MathContext(2, java.math.RoundingMode.DOWN));
        return b.doubleValue();
    }

    private static double norm(double[][] m, NormKind kind, boolean matrix) {
        List<Double> data = new ArrayList<>();
        for (double[] row : m) for (double x : row) data.add(x);
        if (!matrix) {
            return switch (kind) {
                case INF -> Linalg.normInf(DoubleArith.INSTANCE, data);
                case ONE -> Linalg.norm1(DoubleArith.INSTANCE, data);
                default -> Linalg.norm2(DoubleArith.INSTANCE, data);
            };
        }
        Value.Matrix<Double> v = new Value.Matrix<>(m.length, m[0].length, data);
        return switch (kind) {
            case FROBENIUS -> Linalg.frobenius(DoubleArith.INSTANCE, v);
            case TWO_ONE -> Linalg.twoOne(DoubleArith.INSTANCE, v);
            case INF -> Linalg.inf(DoubleArith.INSTANCE, v);
            case ONE -> Linalg.one(DoubleArith.INSTANCE, v);
            default -> Linalg.spectral(m);
        };
    }

    /** Every object drawn so far, as the decimals a counterexample prints: vectors as lists, matrices as lists of rows. */
    public Map<String, Object> printable() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> m : matrices.entrySet()) {
            List<List<BigDecimal>> rows = new ArrayList<>();
            for (double[] row : m.getValue()) rows.add(decimals(row));
            out.put(m.getKey(), rows);
        }
        List<Map.Entry<String, double[]>> vs = new ArrayList<>(vectors.entrySet());
        vs.sort((a, b) -> compareKeys(a.getKey(), b.getKey()));
        for (Map.Entry<String, double[]> v : vs) out.put(v.getKey(), decimals(v.getValue()));
        return out;
    }

    /** x[2] before x[10]. */
    private static int compareKeys(String a, String b) {
        int ia = a.indexOf('['), ib = b.indexOf('[');
        String na = ia < 0 ? a : a.substring(0, ia), nb = ib < 0 ? b : b.substring(0, ib);
        if (!na.equals(nb) || ia < 0 || ib < 0) return a.compareTo(b);
        return Long.compare(Long.parseLong(a.substring(ia + 1, a.length() - 1)), Long.parseLong(b.substring(ib + 1, b.length() - 1)));
    }

    private static List<BigDecimal> decimals(double[] v) {
        List<BigDecimal> out = new ArrayList<>();
        for (double x : v) out.add(new BigDecimal(Double.toString(x)).stripTrailingZeros());
        return out;
    }
}

package boundcheck.numeric;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import boundcheck.lang.MatrixBuiltins;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates expressions over vectors, matrices, activations and sequences at one {@link Instance}, in
 * an {@link Arith}. Subtrees that are scalar only go to the scalar {@link Evaluator} (removable
 * singularities, limits); sequences are computed by running their recurrences, memoised per index.
 */
public final class TensorEvaluator<T> {
    private static final int MAX_SEQ_INDEX = 10_000;

    private final Arith<T> arith;
    private final Instance instance;
    private final Evaluator<T> scalar;
    private final Map<String, LetDecl> lets;
    private final ObjectModel model;
    private final Map<String, Value<T>> objects = new HashMap<>();
    private final Map<String, Value<T>> seqMemo = new HashMap<>();
    private final Map<Expr, Value<T>> normCache = new java.util.IdentityHashMap<>();
    private final Map<String, Activation<T>> activations = new HashMap<>();
    private final Map<String, Boolean> scalarLets = new HashMap<>();
    private final Map<String, T> scalars;

    public TensorEvaluator(Arith<T> arith, Instance instance, Set<String> continuous, Map<String, LetDecl> lets, Map<String, T> scalars) {
        this(arith, instance, continuous, lets, scalars, new java.util.IdentityHashMap<>());
    }

    /** {@code shapeCache}: which nodes are scalar-only; may be shared by the evaluators of one problem's instances. */
    public TensorEvaluator(Arith<T> arith, Instance instance, Set<String> continuous, Map<String, LetDecl> lets, Map<String, T> scalars,
                           Map<Expr, Boolean> shapeCache) {
        this.scalarOnlyCache = shapeCache;
        this.arith = arith;
        this.instance = instance;
        this.scalar = new Evaluator<>(arith, continuous, lets);
        this.lets = lets;
        this.model = instance.model();
        this.scalars = scalars;
    }

    public Instance instance() { return instance; }

    /**
     * A quantified norm bound ({@code forall s >= 1: ||x[s]|| <= B_x}) at every member of the family
     * evaluated so far, in this arithmetic.
     */
    public boolean familyBoundHolds(Statement st) {
        Instance.NormBound b = instance.normBound(st);
        Binder binder = st.binders().get(0);
        for (Map.Entry<String, Value<T>> o : new HashMap<>(objects).entrySet()) {
            String key = o.getKey();
            if (!key.startsWith(b.name() + "[")) continue;
            long k = Long.parseLong(key.substring(b.name().length() + 1, key.length() - 1));
            Map<String, Value<T>> local = new HashMap<>();
            local.put(binder.var(), new Value.Scalar<>(arith.of(k)));
            T lo = asScalar(eval(binder.bound(), local), "bound");
            int c = arith.compare(arith.of(k), lo);
            boolean inRange = switch (binder.rel()) {
                case GE -> c >= 0;
                case GT -> c > 0;
                case LE -> c <= 0;
                case LT -> c < 0;
                default -> true;
            };
            if (!inRange) continue;
            T n = norm(o.getValue(), b.kind()), bound = asScalar(eval(b.bound(), local), "bound");
            if (arith.compare(n, bound) > 0) return false;
        }
        return true;
    }

    /**
     * The two sides of a relation as numbers. An equation between vectors or matrices becomes
     * {@code ||l||_inf + ||l - r||_inf = ||l||_inf}: it holds exactly when the objects are equal, and
     * its scale is theirs, so rounding is judged relative to the entries.
     */
    public List<T> sides(Expr lhs, Expr rhs) {
        Value<T> l, r;
        try {
            l = eval(lhs, new HashMap<>());
            r = eval(rhs, new HashMap<>());
        } catch (ArithmeticException | org.apfloat.ApfloatRuntimeException | NumberFormatException ex) {
            throw new Evaluator.Unusable(String.valueOf(ex.getMessage()));
        }
        if (l instanceof Value.Scalar<T> a && r instanceof Value.Scalar<T> c) {
            if (arith.invalid(a.v()) || arith.invalid(c.v())) throw new Evaluator.Unusable("not a finite number");
            return List.of(a.v(), c.v());
        }
        if (l instanceof Value.Scalar || r instanceof Value.Scalar) throw new Evaluator.Unsupported("a relation between a scalar and a vector or matrix");
        Value<T> d = zip(l, r, arith::sub, "=");
        T size = Linalg.normInf(arith, data(l)), diff = Linalg.normInf(arith, data(d));
        return List.of(arith.add(size, diff), size);
    }

    /** The value of any expression (a vector for {@code h[t]}), for tests and reports. */
    public Value<T> value(Expr e) { return eval(e, new HashMap<>()); }

    /** A scalar result, or {@link Evaluator.Unusable} / {@link Evaluator.Unsupported}. */
    public T scalar(Expr e) {
        Value<T> v;
        try {
            v = eval(e, new HashMap<>());
        } catch (ArithmeticException | org.apfloat.ApfloatRuntimeException | NumberFormatException ex) {
            throw new Evaluator.Unusable(String.valueOf(ex.getMessage()));
        }
        if (!(v instanceof Value.Scalar<T> s)) throw new Evaluator.Unsupported("a relation between vectors or matrices is not a number");
        if (arith.invalid(s.v())) throw new Evaluator.Unusable("not a finite number");
        return s.v();
    }

    // ---- scalar subtrees -------------------------------------------------------------------------

    private final Map<Expr, Boolean> scalarOnlyCache;

    /** Cached by node while the local names are all scalars (index variables): then the answer depends on the node only. */
    private boolean scalarOnly(Expr e, Map<String, Value<T>> local) {
        for (Value<T> v : local.values()) if (!(v instanceof Value.Scalar)) return scalarOnlyUncached(e, local);
        Boolean known = scalarOnlyCache.get(e);
        if (known == null) {
            known = scalarOnlyUncached(e, local);
            scalarOnlyCache.put(e, known);
        }
        return known;
    }

    private boolean scalarOnlyUncached(Expr e, Map<String, Value<T>> local) {
        if (e instanceof Norm || e instanceof Index) return false;
        if (e instanceof Binary b && b.op() == BinOp.HADAMARD) return false;
        if (e instanceof Name n) {
            if (local.containsKey(n.id())) return local.get(n.id()) instanceof Value.Scalar;
            if (model.vecs().containsKey(n.id()) || model.mats().containsKey(n.id()) || model.seqs().containsKey(n.id())) return false;
            if (lets.containsKey(n.id()) && lets.get(n.id()).params().isEmpty()) return letScalar(n.id());
            return true;
        }
        if (e instanceof Call c) {
            if (model.funs().containsKey(c.fn()) || MatrixBuiltins.is(c)) return false;
            if (lets.containsKey(c.fn()) && !letScalar(c.fn())) return false;
        }
        if (e instanceof Aggregate a) {
            Map<String, Value<T>> inner = new HashMap<>(local);
            inner.put(a.var(), new Value.Scalar<>(arith.of(0)));
            for (Expr k : Exprs.children(e)) if (!scalarOnly(k, inner)) return false;
            return true;
        }
        for (Expr k : Exprs.children(e)) if (!scalarOnly(k, local)) return false;
        return true;
    }

    private boolean letScalar(String name) {
        Boolean known = scalarLets.get(name);
        if (known != null) return known;
        scalarLets.put(name, true); // recursion guard; lets cannot be recursive anyway
        Map<String, Value<T>> params = new HashMap<>();
        for (String p : lets.get(name).params()) params.put(p, new Value.Scalar<>(arith.of(0)));
        boolean s = scalarOnly(lets.get(name).body(), params);
        scalarLets.put(name, s);
        return s;
    }

    /**
     * Index arithmetic ({@code s - 1}, {@code t}) without building an environment for the scalar
     * evaluator: names, numbers, + - *. Null for anything else (that goes to the scalar evaluator).
     */
    private T quickScalar(Expr e, Map<String, Value<T>> local) {
        if (e instanceof Num n) return arith.of(n.value());
        if (e instanceof Name n) {
            Value<T> v = local.get(n.id());
            if (v instanceof Value.Scalar<T> s) return s.v();
            if (v == null && !lets.containsKey(n.id())) return scalars.get(n.id());
            return null;
        }
        if (e instanceof Binary b && (b.op() == BinOp.ADD || b.op() == BinOp.SUB || b.op() == BinOp.MUL)) {
            T l = quickScalar(b.left(), local);
            if (l == null) return null;
            T r = quickScalar(b.right(), local);
            if (r == null) return null;
            T v = b.op() == BinOp.ADD ? arith.add(l, r) : b.op() == BinOp.SUB ? arith.sub(l, r) : arith.mul(l, r);
            return arith.invalid(v) ? null : v;
        }
        return null;
    }

    private Map<String, T> scalarEnv(Map<String, Value<T>> local) {
        Map<String, T> env = new HashMap<>(scalars);
        for (Map.Entry<String, Value<T>> e : local.entrySet()) {
            if (e.getValue() instanceof Value.Scalar<T> s) env.put(e.getKey(), s.v());
        }
        return env;
    }

    // ---- values ----------------------------------------------------------------------------------

    Value<T> eval(Expr e, Map<String, Value<T>> local) {
        if (scalarOnly(e, local)) {
            T quick = quickScalar(e, local);
            return new Value.Scalar<>(quick != null ? quick : scalar.eval(e, scalarEnv(local)));
        }
        if (e instanceof Name n) return name(n.id(), local);
        if (e instanceof Neg n) return scale(arith.of(-1), eval(n.operand(), local));
        if (e instanceof Binary b) return binary(b, local);
        if (e instanceof Call c) return call(c, local);
        if (e instanceof Index ix) return index(ix, local);
        if (e instanceof Norm n) {
            // a norm that does not depend on a sum's index is computed once (spectral norms cost a decomposition)
            boolean closed = java.util.Collections.disjoint(Exprs.freeNames(n.arg()), local.keySet());
            if (closed && normCache.containsKey(n)) return normCache.get(n);
            Value<T> v = new Value.Scalar<>(norm(eval(n.arg(), local), n.kind()));
            if (closed) normCache.put(n, v);
            return v;
        }
        if (e instanceof Abs a) return new Value.Scalar<>(arith.abs(asScalar(eval(a.arg(), local), "|.|")));
        if (e instanceof Aggregate a) return aggregate(a, local);
        throw new Evaluator.Unsupported("no numeric meaning for " + e.getClass().getSimpleName() + " over vectors");
    }

    private Value<T> name(String id, Map<String, Value<T>> local) {
        if (local.containsKey(id)) return local.get(id);
        if (model.mats().containsKey(id)) return objects.computeIfAbsent(id, k -> matrix(instance.matrix(k)));
        if (model.vecs().containsKey(id)) return objects.computeIfAbsent(id, k -> vector(instance.vector(k)));
        if (lets.containsKey(id) && lets.get(id).params().isEmpty()) return eval(lets.get(id).body(), new HashMap<>());
        if (scalars.containsKey(id)) return new Value.Scalar<>(scalars.get(id));
        throw new Evaluator.Unsupported("no numeric value for '" + id + "'");
    }

    private T convert(double d) {
        if (arith instanceof DoubleArith) return cast(d);
        // the entry's decimal, held as a working-precision float: exact (17 digits fit), and products of
        // entries are rounded to the precision instead of growing into huge exact rationals
        if (arith instanceof HighPrecision hp) {
            @SuppressWarnings("unchecked") T v = (T) new org.apfloat.Apfloat(Double.toString(d).replace("E", "e"), hp.digits());
            return v;
        }
        return arith.of(new BigDecimal(Double.toString(d)));
    }

    @SuppressWarnings("unchecked")
    private T cast(double d) { return (T) Double.valueOf(d); }

    private Value<T> matrix(double[][] m) {
        List<T> data = new ArrayList<>();
        for (double[] row : m) for (double x : row) data.add(convert(x));
        return new Value.Matrix<>(m.length, m.length == 0 ? 0 : m[0].length, data);
    }

    private Value<T> vector(double[] v) {
        List<T> data = new ArrayList<>(v.length);
        for (double x : v) data.add(convert(x));
        return new Value.Vector<>(data);
    }

    private T asScalar(Value<T> v, String where) {
        if (v instanceof Value.Scalar<T> s) return s.v();
        throw new Evaluator.Unsupported(where + " of a vector or matrix");
    }

    private T check(T v) {
        if (arith.invalid(v)) throw new Evaluator.Unusable("overflow");
        return v;
    }

    private Value<T> map(Value<T> v, java.util.function.UnaryOperator<T> f) {
        if (v instanceof Value.Scalar<T> s) return new Value.Scalar<>(check(f.apply(s.v())));
        if (v instanceof Value.Vector<T> x) return new Value.Vector<>(x.v().stream().map(f).map(this::check).toList());
        Value.Matrix<T> m = (Value.Matrix<T>) v;
        return new Value.Matrix<>(m.rows(), m.cols(), m.data().stream().map(f).map(this::check).toList());
    }

    private Value<T> scale(T c, Value<T> v) { return map(v, x -> arith.mul(c, x)); }

    private List<T> data(Value<T> v) {
        if (v instanceof Value.Vector<T> x) return x.v();
        return ((Value.Matrix<T>) v).data();
    }

    private Value<T> zip(Value<T> a, Value<T> b, java.util.function.BinaryOperator<T> f, String op) {
        if (a instanceof Value.Scalar<T> s && b instanceof Value.Scalar<T> t) return new Value.Scalar<>(check(f.apply(s.v(), t.v())));
        // a scalar with a vector: entrywise (1 - r)
        if (a instanceof Value.Scalar<T> s) return map(b, x -> f.apply(s.v(), x));
        if (b instanceof Value.Scalar<T> t) return map(a, x -> f.apply(x, t.v()));
        List<T> x = data(a), y = data(b);
        boolean shapes = a instanceof Value.Vector && b instanceof Value.Vector ? x.size() == y.size()
                : a instanceof Value.Matrix<T> m && b instanceof Value.Matrix<T> n && m.rows() == n.rows() && m.cols() == n.cols();
        if (!shapes) throw new Evaluator.Unusable("sizes do not match in " + op);
        List<T> out = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) out.add(check(f.apply(x.get(i), y.get(i))));
        if (a instanceof Value.Vector) return new Value.Vector<>(out);
        Value.Matrix<T> m = (Value.Matrix<T>) a;
        return new Value.Matrix<>(m.rows(), m.cols(), out);
    }

    private Value<T> binary(Binary b, Map<String, Value<T>> local) {
        Value<T> l = eval(b.left(), local), r = eval(b.right(), local);
        switch (b.op()) {
            case ADD: return zip(l, r, arith::add, "+");
            case SUB: return zip(l, r, arith::sub, "-");
            case HADAMARD: return zip(l, r, arith::mul, ".*");
            case DIV: {
                T d = asScalar(r, "division by");
                if (arith.signum(d) == 0) throw new Evaluator.Unusable("division by zero");
                return map(l, x -> arith.div(x, d));
            }
            case POW: return new Value.Scalar<>(check(arith.pow(asScalar(l, "power"), asScalar(r, "power"))));
            default: return product(l, r);
        }
    }

    private Value<T> product(Value<T> l, Value<T> r) {
        if (l instanceof Value.Scalar<T> s) return scale(s.v(), r);
        if (r instanceof Value.Scalar<T> s) return scale(s.v(), l);
        if (l instanceof Value.Matrix<T> a && r instanceof Value.Vector<T> x) {
            if (a.cols() != x.size()) throw new Evaluator.Unusable("matrix-vector sizes do not match");
            List<T> out = new ArrayList<>(a.rows());
            for (int i = 0; i < a.rows(); i++) {
                T s = arith.of(0);
                for (int j = 0; j < a.cols(); j++) s = arith.add(s, arith.mul(a.at(i, j), x.v().get(j)));
                out.add(check(s));
            }
            return new Value.Vector<>(out);
        }
        if (l instanceof Value.Matrix<T> a && r instanceof Value.Matrix<T> c) {
            if (a.cols() != c.rows()) throw new Evaluator.Unusable("matrix sizes do not match");
            List<T> out = new ArrayList<>(a.rows() * c.cols());
            for (int i = 0; i < a.rows(); i++) {
                for (int j = 0; j < c.cols(); j++) {
                    T s = arith.of(0);
                    for (int k = 0; k < a.cols(); k++) s = arith.add(s, arith.mul(a.at(i, k), c.at(k, j)));
                    out.add(check(s));
                }
            }
            return new Value.Matrix<>(a.rows(), c.cols(), out);
        }
        throw new Evaluator.Unsupported("product of two vectors");
    }

    private Value<T> call(Call c, Map<String, Value<T>> local) {
        if (MatrixBuiltins.is(c)) return builtin(c, local);
        if (model.funs().containsKey(c.fn())) {
            Activation<T> f = activation(c.fn());
            return map(eval(c.args().get(0), local), x -> f.apply(arith, x));
        }
        if (lets.containsKey(c.fn())) {
            LetDecl l = lets.get(c.fn());
            Map<String, Value<T>> inner = new HashMap<>();
            for (int i = 0; i < l.params().size(); i++) inner.put(l.params().get(i), eval(c.args().get(i), local));
            return eval(l.body(), inner);
        }
        List<T> args = new ArrayList<>();
        for (Expr a : c.args()) args.add(asScalar(eval(a, local), c.fn()));
        Map<String, T> env = new HashMap<>();
        List<Expr> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            env.put("arg#" + i, args.get(i));
            names.add(new Name("arg#" + i, Pos.NONE));
        }
        return new Value.Scalar<>(scalar.eval(new Call(c.fn(), names, c.pos()), env));
    }

    /** The matrices of {@link MatrixBuiltins}, entry by entry in this arithmetic. */
    private Value<T> builtin(Call c, Map<String, Value<T>> local) {
        T zero = arith.of(0), one = arith.of(1);
        switch (c.fn()) {
            case "eye": {
                int n = dimension(c.args().get(0), local);
                List<T> data = new ArrayList<>();
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) data.add(i == j ? one : zero);
                return new Value.Matrix<>(n, n, data);
            }
            case "transpose": {
                Value.Matrix<T> m = asMatrix(eval(c.args().get(0), local), "transpose");
                List<T> data = new ArrayList<>();
                for (int j = 0; j < m.cols(); j++) for (int i = 0; i < m.rows(); i++) data.add(m.at(i, j));
                return new Value.Matrix<>(m.cols(), m.rows(), data);
            }
            case "conv": {
                Value.Matrix<T> f = asMatrix(eval(c.args().get(0), local), "conv");
                int k = f.rows(), n = dimension(c.args().get(1), local);
                if (n < k) throw new Evaluator.Unusable("conv(F, n) needs n >= k (n = " + n + ", k = " + k + ")");
                int blockRows = n - k + 1;
                List<T> data = new ArrayList<>();
                // C_i: row j holds filter i (column i of F) shifted right by j
                for (int i = 0; i < f.cols(); i++) {
                    for (int j = 0; j < blockRows; j++) {
                        for (int col = 0; col < n; col++) data.add(col >= j && col < j + k ? f.at(col - j, i) : zero);
                    }
                }
                return new Value.Matrix<>(f.cols() * blockRows, n, data);
            }
            case "pool": {
                int k = dimension(c.args().get(0), local), n = dimension(c.args().get(1), local);
                T w = arith.div(one, arith.of(k));
                List<T> data = new ArrayList<>();
                for (int i = 0; i < n; i++) for (int col = 0; col < k * n; col++) data.add(col % n == i ? w : zero);
                return new Value.Matrix<>(n, k * n, data);
            }
            default: { // pad
                Value<T> v = eval(c.args().get(0), local);
                if (!(v instanceof Value.Vector<T> x)) throw new Evaluator.Unusable("pad(v, p) takes a vector");
                int p = dimension(c.args().get(1), local);
                List<T> data = new ArrayList<>(x.v());
                for (int i = 0; i < p; i++) data.add(zero);
                return new Value.Vector<>(data);
            }
        }
    }

    private int dimension(Expr e, Map<String, Value<T>> local) {
        long n = integer(e, local);
        if (n < 0 || n > 10_000) throw new Evaluator.Unusable("dimension " + n + " out of range");
        return (int) n;
    }

    private Value.Matrix<T> asMatrix(Value<T> v, String what) {
        if (v instanceof Value.Matrix<T> m) return m;
        throw new Evaluator.Unusable(what + " takes a matrix");
    }

    private Activation<T> activation(String name) {
        Activation<T> a = activations.get(name);
        if (a == null) {
            a = Activation.of(model.funs().get(name), arith, e -> scalar.eval(e, scalars));
            activations.put(name, a);
        }
        return a;
    }

    private long integer(Expr e, Map<String, Value<T>> local) {
        Long v = arith.asInteger(asScalar(eval(e, local), "index"));
        if (v == null) {
            double d = arith.toDouble(asScalar(eval(e, local), "index"));
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
            throw new Evaluator.Unusable("index is not an integer");
        }
        return v;
    }

    private Value<T> index(Index ix, Map<String, Value<T>> local) {
        Expr base = Exprs.strip(ix.base());
        if (base instanceof Name n && !local.containsKey(n.id())) {
            String id = n.id();
            if (model.seqs().containsKey(id)) return seq(id, integer(ix.index(), local));
            if (model.vecs().containsKey(id) && model.vecs().get(id).indexVar() != null) {
                long k = integer(ix.index(), local);
                return objects.computeIfAbsent(id + "[" + k + "]", key -> vector(instance.vector(id, k)));
            }
            if (model.mats().containsKey(id) && model.mats().get(id).indexVar() != null) {
                long k = integer(ix.index(), local);
                return objects.computeIfAbsent(id + "[" + k + "]", key -> matrix(instance.matrix(id, k)));
            }
        }
        Value<T> v = eval(ix.base(), local);
        if (v instanceof Value.Vector<T> x) {
            long k = integer(ix.index(), local);
            if (k < 1 || k > x.size()) throw new Evaluator.Unusable("index " + k + " outside 1.." + x.size());
            return new Value.Scalar<>(x.v().get((int) k - 1));
        }
        throw new Evaluator.Unsupported("indexing a " + (v instanceof Value.Matrix ? "matrix" : "scalar"));
    }

    /** {@code h[k]}: the equation for index k if one is given for it, else the general one at k (memoised). */
    private Value<T> seq(String name, long k) {
        String key = name + "#" + k;
        Value<T> memo = seqMemo.get(key);
        if (memo != null) return memo;
        if (k < 0 || k > MAX_SEQ_INDEX) throw new Evaluator.Unusable("sequence index " + k + " out of range");
        SeqDecl general = null;
        Value<T> out = null;
        long lowestBase = Long.MAX_VALUE;
        for (SeqDecl d : model.seqs().get(name)) {
            Expr idx = Exprs.strip(d.index());
            if (idx instanceof Name v) { general = d; continue; }
            long base = integer(idx, new HashMap<>());
            lowestBase = Math.min(lowestBase, base);
            if (base == k) out = baseValue(name, d);
        }
        if (out == null) {
            if (general == null || k < lowestBase) throw new Evaluator.Unusable(name + "[" + k + "] is not defined");
            // run the recurrence upwards so deep indices do not recurse deeply
            for (long j = lowestBase + 1; j < k; j++) seq(name, j);
            Map<String, Value<T>> inner = new HashMap<>();
            inner.put(((Name) Exprs.strip(general.index())).id(), new Value.Scalar<>(arith.of(k)));
            out = eval(general.body(), inner);
        }
        seqMemo.put(key, out);
        return out;
    }

    /** A base case; a literal 0 is the zero vector of the size the recurrence produces. */
    private Value<T> baseValue(String name, SeqDecl d) {
        Expr body = Exprs.strip(d.body());
        if (body instanceof Num n && n.value().signum() == 0) {
            Integer size = seqSize(name);
            if (size == null) return new Value.Scalar<>(arith.of(0));
            List<T> zeros = new ArrayList<>();
            for (int i = 0; i < size; i++) zeros.add(arith.of(0));
            return new Value.Vector<>(zeros);
        }
        return eval(d.body(), new HashMap<>());
    }

    /** The number of rows of the recurrence's outermost product, from its shape (null for a scalar sequence). */
    private Integer seqSize(String name) {
        for (SeqDecl d : model.seqs().get(name)) {
            if (!(Exprs.strip(d.index()) instanceof Name)) continue;
            return rows(d.body());
        }
        return null;
    }

    private Integer rows(Expr e) {
        e = Exprs.strip(e);
        if (e instanceof Call c && model.funs().containsKey(c.fn())) return rows(c.args().get(0));
        if (e instanceof Call c && MatrixBuiltins.is(c)) {
            Value<T> v = eval(c, Map.of());
            return v instanceof Value.Matrix<T> m ? m.rows() : ((Value.Vector<T>) v).size();
        }
        if (e instanceof Binary b) {
            if (b.op() == BinOp.MUL) {
                Integer l = rows(b.left());
                return l != null ? l : rows(b.right());
            }
            Integer l = rows(b.left());
            return l != null ? l : rows(b.right());
        }
        if (e instanceof Neg n) return rows(n.operand());
        if (e instanceof Name n && model.mats().containsKey(n.id())) return ((Value.Matrix<T>) name(n.id(), Map.of())).rows();
        if (e instanceof Name n && model.vecs().containsKey(n.id())) return ((Value.Vector<T>) name(n.id(), Map.of())).size();
        if (e instanceof Index ix && Exprs.strip(ix.base()) instanceof Name n && model.vecs().containsKey(n.id())) {
            return ((Value.Vector<T>) vector(instance.vector(n.id(), 1))).size();
        }
        return null;
    }

    private T norm(Value<T> v, NormKind kind) {
        if (v instanceof Value.Scalar<T> s) return arith.abs(s.v());
        if (v instanceof Value.Vector<T> x) {
            return switch (kind) {
                case INF -> Linalg.normInf(arith, x.v());
                case ONE -> Linalg.norm1(arith, x.v());
                case DEFAULT, TWO -> Linalg.norm2(arith, x.v());
                default -> throw new Evaluator.Unsupported("norm " + kind.suffix + " of a vector");
            };
        }
        Value.Matrix<T> m = (Value.Matrix<T>) v;
        return switch (kind) {
            case FROBENIUS -> Linalg.frobenius(arith, m);
            case TWO_ONE -> Linalg.twoOne(arith, m);
            case INF -> Linalg.inf(arith, m);
            case ONE -> Linalg.one(arith, m);
            default -> Linalg.spectral(arith, m);
        };
    }

    private Value<T> aggregate(Aggregate a, Map<String, Value<T>> local) {
        long lo = integer(a.lo(), local), hi = integer(a.hi(), local);
        if (hi - lo + 1 > 100_000) throw new Evaluator.Unusable("range too long");
        Long excluded = a.exclude() == null ? null : integer(a.exclude(), local);
        Map<String, Value<T>> inner = new HashMap<>(local);
        Value<T> acc = null;
        for (long j = lo; j <= hi; j++) {
            if (excluded != null && excluded == j) continue;
            inner.put(a.var(), new Value.Scalar<>(arith.of(j)));
            Value<T> v = eval(a.body(), inner);
            if (acc == null) { acc = v; continue; }
            acc = switch (a.kind()) {
                case SUM -> zip(acc, v, arith::add, "sum");
                case PROD -> new Value.Scalar<>(check(arith.mul(asScalar(acc, "prod"), asScalar(v, "prod"))));
                case MAX -> arith.compare(asScalar(v, "max"), asScalar(acc, "max")) > 0 ? v : acc;
                case MIN -> arith.compare(asScalar(v, "min"), asScalar(acc, "min")) < 0 ? v : acc;
            };
        }
        if (acc == null) {
            if (a.kind() == AggKind.SUM) return new Value.Scalar<>(arith.of(0));
            if (a.kind() == AggKind.PROD) return new Value.Scalar<>(arith.of(1));
            throw new Evaluator.Unusable("max or min over an empty range");
        }
        return acc;
    }
}

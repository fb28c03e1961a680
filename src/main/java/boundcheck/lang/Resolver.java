package boundcheck.lang;

import boundcheck.lang.Ast.*;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Name resolution and type checks: undeclared names, wrong arity, vector/scalar mix-ups, mixed
 * {@code <=}/{@code >=} chains, unknown rules. Reports every error it finds, not just the first.
 */
public final class Resolver {
    /** The type of an expression; {@code ZERO} is the literal 0, usable as a zero vector or matrix. */
    public enum Type { SCALAR, VECTOR, MATRIX, ZERO, ERROR }

    /** Rules every theory knows (LANGUAGE.md section 5); some take an argument. */
    public static final Set<String> CORE_RULES = Set.of("algebra", "positivity", "mono", "triangle", "submult",
            "hadamard", "norm_equiv", "geometric", "unroll", "limit", "numeric", "IH", "def", "lipschitz",
            "zero_at_zero", "bounded");
    private static final Set<String> RULES_WITH_FUN = Set.of("lipschitz", "zero_at_zero", "bounded");
    private static final Map<String, Integer> BUILTINS = Map.of("sqrt", 1, "log", 1, "exp", 1, "abs", 1);

    private final Path file;
    private final Diagnostics diagnostics;
    private Theory theory;

    private Resolver(Path file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /** Resolves a parsed file; returns its theory (errors, if any, are in {@code diagnostics}). */
    public static Theory resolve(TheoryFile tree, Diagnostics diagnostics) {
        Resolver r = new Resolver(tree.path(), diagnostics);
        r.theory = new Theory(tree);
        r.declare();
        r.check();
        return r.theory;
    }

    private void error(Pos pos, String message) { diagnostics.error(file, pos, message); }

    // ---- pass 1: declarations -------------------------------------------------------

    private final Map<String, Pos> declared = new HashMap<>();

    private void declareName(String name, Pos pos) {
        Pos previous = declared.putIfAbsent(name, pos);
        if (previous != null) error(pos, "'" + name + "' is already declared at line " + previous.line());
        if (BUILTINS.containsKey(name) || MatrixBuiltins.ARITY.containsKey(name) || name.equals("min") || name.equals("max")) {
            error(pos, "'" + name + "' is a built-in function and cannot be redeclared");
        }
    }

    private void declare() {
        for (Item item : theory.file.items()) {
            if (item instanceof VarDecl v) { declareName(v.name(), v.pos()); theory.vars.put(v.name(), v.domain()); }
            else if (item instanceof LetDecl l) { declareName(l.name(), l.pos()); theory.lets.put(l.name(), l); }
            else if (item instanceof VecDecl v) { declareName(v.name(), v.pos()); theory.vecs.put(v.name(), v); }
            else if (item instanceof MatDecl m) { declareName(m.name(), m.pos()); theory.mats.put(m.name(), m); }
            else if (item instanceof FunDecl f) { declareName(f.name(), f.pos()); theory.funs.put(f.name(), f); }
            else if (item instanceof SeqDecl s) {
                if (!theory.seqs.containsKey(s.name())) declareName(s.name(), s.pos());
                theory.seqs.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
            else if (item instanceof Assumption a) { declareName(a.name(), a.pos()); theory.assumptions.put(a.name(), a); }
            else if (item instanceof Lemma l) { declareName(l.name(), l.pos()); theory.lemmas.put(l.name(), l); }
            else if (item instanceof Claim c) { declareName(c.name(), c.pos()); theory.claims.put(c.name(), c); }
            else if (item instanceof Compose c) { declareName(c.name(), c.pos()); theory.composes.put(c.name(), c); }
        }
    }

    // ---- pass 2: bodies ----------------------------------------------------------------

    private void check() {
        for (Item item : theory.file.items()) {
            if (item instanceof VarDecl v) {
                if (v.domain().interval() != null) {
                    scalar(v.domain().interval().lo(), Set.of());
                    scalar(v.domain().interval().hi(), Set.of());
                }
            } else if (item instanceof LetDecl l) {
                type(l.body(), new HashSet<>(l.params()));
                for (String p : l.params()) {
                    if (theory.isObject(p)) error(l.pos(), "parameter '" + p + "' shadows a vector, matrix or sequence");
                }
            } else if (item instanceof VecDecl v) {
                scalar(v.dim(), Set.of());
            } else if (item instanceof MatDecl m) {
                scalar(m.rows(), Set.of());
                scalar(m.cols(), Set.of());
            } else if (item instanceof FunDecl f) {
                checkFun(f);
            } else if (item instanceof SeqDecl s) {
                Set<String> locals = new HashSet<>();
                if (s.index() instanceof Name n && !theory.vars.containsKey(n.id())) locals.add(n.id());
                else scalar(s.index(), Set.of());
                type(s.body(), locals);
            } else if (item instanceof Assumption a) {
                for (Statement st : a.statements()) statement(st, new HashSet<>());
            } else if (item instanceof Lemma l) {
                checkLemma(l);
            } else if (item instanceof Claim c) {
                checkClaim(c);
            } else if (item instanceof Notation n) {
                boolean symbol = theory.vars.containsKey(n.name()) || theory.lets.containsKey(n.name())
                        || theory.isObject(n.name()) || theory.funs.containsKey(n.name());
                if (!symbol) error(n.pos(), "latex notation for '" + n.name() + "', which is not a declared symbol");
                else if (theory.notations.putIfAbsent(n.name(), n.tex()) != null) {
                    error(n.pos(), "'" + n.name() + "' already has a latex notation");
                }
                if (n.tex().isBlank()) error(n.pos(), "empty latex notation for '" + n.name() + "'");
                else if (!balanced(n.tex())) error(n.pos(), "latex notation for '" + n.name() + "' has unbalanced braces: " + n.tex());
            } else if (item instanceof Compose c) {
                Set<String> locals = new HashSet<>();
                for (Relation w : c.where()) relation(w, locals);
                scalar(c.composed(), locals);
                if (c.paper() != null) scalar(c.paper(), locals);
                if (c.growthVar() != null && !theory.vars.containsKey(c.growthVar())) {
                    error(c.pos(), "growth variable '" + c.growthVar() + "' is not a declared variable");
                }
            }
        }
    }

    /** Braces balance, escaped ones (\\{ \\}) aside: an unbalanced macro would break every document it is printed in. */
    private static boolean balanced(String tex) {
        int depth = 0;
        for (int i = 0; i < tex.length(); i++) {
            char c = tex.charAt(i);
            if (c == '\\') { i++; continue; }
            if (c == '{') depth++;
            if (c == '}' && --depth < 0) return false;
        }
        return depth == 0;
    }

    private void checkFun(FunDecl f) {
        for (FunProp p : f.props()) {
            switch (p.name()) {
                case "lipschitz", "bounded" -> {
                    if (p.arg() == null) error(p.pos(), "'" + p.name() + "' needs a constant, e.g. " + p.name() + " 1");
                    else scalar(p.arg(), Set.of());
                }
                case "zero_at_zero", "monotone" -> {
                    if (p.arg() != null || p.interval() != null) error(p.pos(), "'" + p.name() + "' takes no argument");
                }
                case "range" -> {
                    if (p.interval() == null) error(p.pos(), "'range' needs an interval, e.g. range (0, 1)");
                }
                default -> error(p.pos(), "unknown property '" + p.name() + "' (expected lipschitz, zero_at_zero, bounded, range)");
            }
        }
        if (f.sample() != null && !Set.of("tanh", "sigmoid", "relu", "identity").contains(f.sample())) {
            error(f.pos(), "unknown sample function '" + f.sample() + "' (expected tanh, sigmoid, relu or identity)");
        }
    }

    private Set<String> statement(Statement st, Set<String> locals) {
        Set<String> inner = new HashSet<>(locals);
        for (Binder b : st.binders()) {
            scalar(b.bound(), inner);
            if (theory.isObject(b.var()) || theory.lets.containsKey(b.var())) {
                error(b.pos(), "cannot quantify over '" + b.var() + "': it is not a scalar variable");
            }
            inner.add(b.var());
        }
        relation(st.relation(), inner);
        return inner;
    }

    private void relation(Relation r, Set<String> locals) {
        Type l = type(r.lhs(), locals), rt = type(r.rhs(), locals);
        if (l == Type.ERROR || rt == Type.ERROR) return;
        if (r.rel() == Rel.EQ || r.rel() == Rel.NE) {
            if (l != rt && l != Type.ZERO && rt != Type.ZERO) {
                error(r.pos(), "cannot compare a " + name(l) + " with a " + name(rt));
            }
        } else if (!isScalar(l) || !isScalar(rt)) {
            error(r.pos(), "'" + r.rel().symbol + "' compares scalars, but the " + (isScalar(l) ? "right" : "left")
                    + " side is a " + name(isScalar(l) ? rt : l) + " (take a norm: ||...||)");
        }
        if (r.rel() == Rel.APPROX) error(r.pos(), "'~=' is only used in a claim, as `lhs ~= value within tolerance`");
    }

    private void checkLemma(Lemma l) {
        Set<String> locals = new HashSet<>();
        for (Relation w : l.where()) relation(w, locals);
        Set<String> inner = statement(l.statement(), locals);
        if (l.proof() instanceof DirectProof d) {
            chain(d.chain(), inner, false, l);
        } else if (l.proof() instanceof InductionProof ind) {
            if (!inner.contains(ind.var()) && !theory.vars.containsKey(ind.var())) {
                error(ind.pos(), "induction variable '" + ind.var() + "' is not declared");
            } else if (theory.vars.containsKey(ind.var()) && !theory.vars.get(ind.var()).kind().isInteger()) {
                error(ind.pos(), "induction needs an integer variable; '" + ind.var() + "' is " + theory.vars.get(ind.var()).kind().name().toLowerCase());
            }
            chain(ind.base(), inner, false, l);
            chain(ind.step(), inner, true, l);
        }
    }

    private void checkClaim(Claim c) {
        Set<String> locals = new HashSet<>();
        for (Relation w : c.where()) relation(w, locals);
        if (c.body() instanceof RelationClaim rc) {
            statement(rc.statement(), locals);
        } else if (c.body() instanceof ApproxClaim ac) {
            scalar(ac.lhs(), locals);
            scalar(ac.value(), locals);
            scalar(ac.tolerance(), locals);
        } else {
            IntervalClaim ic = (IntervalClaim) c.body();
            scalar(ic.expr(), locals);
            scalar(ic.interval().lo(), locals);
            scalar(ic.interval().hi(), locals);
        }
    }

    private void chain(Chain chain, Set<String> locals, boolean inductionStep, Lemma lemma) {
        Type first = type(chain.first(), locals);
        Type previous = first;
        Rel direction = null;
        for (Step step : chain.steps()) {
            Type t = type(step.expr(), locals);
            if (step.rel() == Rel.NE || step.rel() == Rel.APPROX) {
                error(step.pos(), "a chain step relates by =, <=, <, >= or >, not '" + step.rel().symbol + "'");
            } else if (step.rel() != Rel.EQ) {
                if (direction != null && direction.isUpper() != step.rel().isUpper()) {
                    error(step.pos(), "this chain mixes '" + direction.symbol + "' and '" + step.rel().symbol
                            + "': a chain proves an upper or a lower bound, not both");
                }
                if (direction == null) direction = step.rel();
                if ((t != Type.ERROR && !isScalar(t)) || (previous != Type.ERROR && !isScalar(previous))) {
                    error(step.pos(), "'" + step.rel().symbol + "' compares scalars, but this step relates a "
                            + name(isScalar(previous) ? t : previous) + " (take a norm: ||...||)");
                }
            } else if (t != Type.ERROR && previous != Type.ERROR && t != previous && t != Type.ZERO && previous != Type.ZERO) {
                error(step.pos(), "this step equates a " + name(previous) + " with a " + name(t));
            }
            previous = t;
            for (RuleRef rule : step.rules()) checkRule(rule, inductionStep, lemma);
        }
    }

    private void checkRule(RuleRef rule, boolean inductionStep, Lemma current) {
        String n = rule.name();
        if (n.equals("def")) {
            if (rule.arg() == null) error(rule.pos(), "'def' needs the name it unfolds, e.g. by def h");
            else if (!theory.lets.containsKey(rule.arg()) && !theory.seqs.containsKey(rule.arg()) && !theory.funs.containsKey(rule.arg())) {
                error(rule.pos(), "'def " + rule.arg() + "': '" + rule.arg() + "' is not a let, seq or fun");
            }
            return;
        }
        if (RULES_WITH_FUN.contains(n)) {
            if (rule.arg() == null) error(rule.pos(), "'" + n + "' needs the activation it uses, e.g. by " + n + " sigma_h");
            else if (!theory.funs.containsKey(rule.arg())) error(rule.pos(), "'" + n + " " + rule.arg() + "': '" + rule.arg() + "' is not a declared fun");
            return;
        }
        if (rule.arg() != null) {
            error(rule.pos(), "rule '" + n + "' takes no argument (found '" + rule.arg() + "'); separate rules with commas");
            return;
        }
        if (n.equals("IH") && !inductionStep) {
            error(rule.pos(), "'IH' is only available in the step of a proof by induction");
            return;
        }
        if (CORE_RULES.contains(n) || theory.assumptions.containsKey(n)) return;
        if (theory.lemmas.containsKey(n)) {
            if (current != null && n.equals(current.name())) {
                error(rule.pos(), "lemma '" + n + "' cannot be used in its own proof (use IH in an induction)");
            } else if (current != null && theory.lemmas.get(n).pos().line() > current.pos().line()) {
                // citing only earlier lemmas rules out circular proofs
                error(rule.pos(), "lemma '" + n + "' is stated later (line " + theory.lemmas.get(n).pos().line() + "); cite only lemmas stated before this one");
            }
            return;
        }
        error(rule.pos(), "unknown rule '" + n + "' (not a core rule, an assumption or a lemma of this theory)");
    }

    // ---- expression types -------------------------------------------------------------

    private static boolean isScalar(Type t) { return t == Type.SCALAR || t == Type.ZERO || t == Type.ERROR; }

    private static String name(Type t) { return t == Type.ZERO ? "scalar" : t.name().toLowerCase(); }

    private void scalar(Expr e, Set<String> locals) {
        Type t = type(e, locals);
        if (!isScalar(t)) error(e.pos(), "expected a scalar here, found a " + name(t));
    }

    private Type type(Expr e, Set<String> locals) {
        if (e instanceof Num n) return n.value().signum() == 0 ? Type.ZERO : Type.SCALAR;
        if (e instanceof Infinity) return Type.SCALAR;
        if (e instanceof Name n) return nameType(n, locals);
        if (e instanceof Call c) return call(c, locals);
        if (e instanceof Neg n) return type(n.operand(), locals);
        if (e instanceof Abs a) {
            Type t = type(a.arg(), locals);
            if (!isScalar(t)) error(a.pos(), "|...| is the absolute value of a scalar; use ||...|| for the norm of a " + name(t));
            return Type.SCALAR;
        }
        if (e instanceof Norm n) return norm(n, locals);
        if (e instanceof Index i) return index(i, locals);
        if (e instanceof Aggregate a) {
            Set<String> inner = new HashSet<>(locals);
            scalar(a.lo(), locals);
            scalar(a.hi(), locals);
            if (declared.containsKey(a.var()) || locals.contains(a.var())) {
                // a shadowed index would let facts about the outer name leak into the sum
                error(a.pos(), "the index '" + a.var() + "' is already a name in scope; choose another index name");
            }
            inner.add(a.var());
            if (a.exclude() != null) scalar(a.exclude(), inner);
            Type body = type(a.body(), inner);
            if ((a.kind() != AggKind.SUM) && !isScalar(body)) error(a.pos(), a.kind().name().toLowerCase() + " over a " + name(body) + " is not defined");
            return body == Type.ZERO ? Type.SCALAR : body;
        }
        if (e instanceof Limit l) {
            Set<String> inner = new HashSet<>(locals);
            scalar(l.target(), locals);
            inner.add(l.var());
            scalar(l.body(), inner);
            return Type.SCALAR;
        }
        return binary((Binary) e, locals);
    }

    private Type nameType(Name n, Set<String> locals) {
        String id = n.id();
        if (locals.contains(id) || theory.vars.containsKey(id)) return Type.SCALAR;
        if (theory.lets.containsKey(id)) {
            LetDecl l = theory.lets.get(id);
            if (!l.params().isEmpty()) {
                error(n.pos(), "'" + id + "' takes " + l.params().size() + " argument" + (l.params().size() == 1 ? "" : "s") + ": " + id + "(" + String.join(", ", l.params()) + ")");
                return Type.ERROR;
            }
            return letType(l);
        }
        if (theory.vecs.containsKey(id)) {
            if (theory.vecs.get(id).indexVar() != null) { error(n.pos(), "'" + id + "' is a family of vectors; index it: " + id + "[" + theory.vecs.get(id).indexVar() + "]"); return Type.ERROR; }
            return Type.VECTOR;
        }
        if (theory.mats.containsKey(id)) {
            if (theory.mats.get(id).indexVar() != null) { error(n.pos(), "'" + id + "' is a family of matrices; index it"); return Type.ERROR; }
            return Type.MATRIX;
        }
        if (theory.seqs.containsKey(id)) { error(n.pos(), "'" + id + "' is a sequence; index it: " + id + "[t]"); return Type.ERROR; }
        if (theory.funs.containsKey(id)) { error(n.pos(), "'" + id + "' is an activation; apply it: " + id + "(...)"); return Type.ERROR; }
        if (theory.assumptions.containsKey(id) || theory.lemmas.containsKey(id) || theory.claims.containsKey(id)) {
            error(n.pos(), "'" + id + "' names a statement, not a value"); return Type.ERROR;
        }
        error(n.pos(), "undeclared name '" + id + "'");
        return Type.ERROR;
    }

    private final Map<String, Type> letTypes = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    private Type letType(LetDecl l) {
        Type known = letTypes.get(l.name());
        if (known != null) return known;
        if (!inProgress.add(l.name())) { error(l.pos(), "definition of '" + l.name() + "' refers to itself"); return Type.ERROR; }
        // errors inside the body are reported when the let itself is checked
        Diagnostics scratch = new Diagnostics();
        Resolver inner = new Resolver(file, scratch);
        inner.theory = theory;
        inner.letTypes.putAll(letTypes);
        inner.inProgress.addAll(inProgress);
        // a let may mention a sequence whose equation uses the let: share what is in progress
        inner.seqTypes.putAll(seqTypes);
        Type t = inner.type(l.body(), new HashSet<>(l.params()));
        inProgress.remove(l.name());
        if (scratch.hasErrors() && t != Type.ERROR && inner.inProgress.isEmpty()) t = Type.ERROR;
        letTypes.put(l.name(), t);
        return t;
    }

    private Type call(Call c, Set<String> locals) {
        String fn = c.fn();
        List<Type> args = new ArrayList<>();
        for (Expr a : c.args()) args.add(type(a, locals));
        if (fn.equals("min") || fn.equals("max")) {
            for (int i = 0; i < args.size(); i++) {
                if (!isScalar(args.get(i))) error(c.args().get(i).pos(), fn + " takes scalars, found a " + name(args.get(i)));
            }
            return Type.SCALAR;
        }
        if (MatrixBuiltins.ARITY.containsKey(fn)) {
            int n = MatrixBuiltins.ARITY.get(fn);
            if (args.size() != n) { error(c.pos(), fn + " takes " + n + " argument" + (n == 1 ? "" : "s") + ", found " + args.size()); return Type.ERROR; }
            switch (fn) {
                case "eye" -> { if (!isScalar(args.get(0))) error(c.pos(), "eye(n) takes a dimension"); }
                case "transpose" -> { if (args.get(0) != Type.MATRIX) error(c.pos(), "transpose takes a matrix, found a " + name(args.get(0))); }
                case "conv" -> {
                    if (args.get(0) != Type.MATRIX) error(c.pos(), "conv(F, n) takes a matrix of filters (one per column), found a " + name(args.get(0)));
                    if (!isScalar(args.get(1))) error(c.pos(), "conv(F, n): n is the input dimension");
                }
                case "pool" -> { if (!isScalar(args.get(0)) || !isScalar(args.get(1))) error(c.pos(), "pool(k, n) takes two dimensions"); }
                default -> { // pad
                    if (args.get(0) != Type.VECTOR) error(c.pos(), "pad(v, p) takes a vector, found a " + name(args.get(0)));
                    if (!isScalar(args.get(1))) error(c.pos(), "pad(v, p): p is the number of zeros");
                }
            }
            return fn.equals("pad") ? Type.VECTOR : Type.MATRIX;
        }
        if (BUILTINS.containsKey(fn)) {
            if (args.size() != BUILTINS.get(fn)) { error(c.pos(), fn + " takes 1 argument, found " + args.size()); return Type.ERROR; }
            if (!isScalar(args.get(0))) error(c.pos(), fn + " takes a scalar, found a " + name(args.get(0)) + (fn.equals("abs") ? " (use ||...|| for a norm)" : ""));
            return Type.SCALAR;
        }
        if (theory.funs.containsKey(fn)) {
            if (args.size() != 1) { error(c.pos(), "activation " + fn + " takes 1 argument, found " + args.size()); return Type.ERROR; }
            return args.get(0) == Type.ZERO ? Type.SCALAR : args.get(0);
        }
        if (theory.lets.containsKey(fn)) {
            LetDecl l = theory.lets.get(fn);
            if (l.params().size() != args.size()) {
                error(c.pos(), "'" + fn + "' takes " + l.params().size() + " argument" + (l.params().size() == 1 ? "" : "s") + ", found " + args.size());
                return Type.ERROR;
            }
            for (int i = 0; i < args.size(); i++) {
                if (!isScalar(args.get(i))) error(c.args().get(i).pos(), "parameters of '" + fn + "' are scalars, found a " + name(args.get(i)));
            }
            return letType(l);
        }
        if (locals.contains(fn) || theory.vars.containsKey(fn)) {
            error(c.pos(), "'" + fn + "' is a scalar, not a function (write " + fn + " * (...) for a product)");
            return Type.ERROR;
        }
        error(c.pos(), "undeclared function '" + fn + "'");
        return Type.ERROR;
    }

    private Type norm(Norm n, Set<String> locals) {
        Type t = type(n.arg(), locals);
        if (t == Type.ERROR) return Type.SCALAR;
        if (t == Type.SCALAR) {
            error(n.pos(), "norm of a scalar; use |...| for the absolute value");
        } else if (t == Type.VECTOR && (n.kind() == NormKind.FROBENIUS || n.kind() == NormKind.TWO_ONE)) {
            error(n.pos(), "norm '" + n.kind().suffix + "' is a matrix norm, but its argument is a vector");
        }
        return Type.SCALAR;
    }

    private Type index(Index i, Set<String> locals) {
        scalar(i.index(), locals);
        if (i.base() instanceof Name n) {
            String id = n.id();
            if (theory.seqs.containsKey(id)) return seqType(id);
            if (theory.vecs.containsKey(id)) return theory.vecs.get(id).indexVar() != null ? Type.VECTOR : Type.SCALAR;
            if (theory.mats.containsKey(id)) {
                if (theory.mats.get(id).indexVar() != null) return Type.MATRIX;
                error(i.pos(), "'" + id + "' is a matrix; index an entry as (" + id + " * v)[i] or declare a family");
                return Type.ERROR;
            }
        }
        Type base = type(i.base(), locals);
        if (base == Type.VECTOR) return Type.SCALAR;
        if (base != Type.ERROR) error(i.pos(), "cannot index a " + name(base));
        return Type.ERROR;
    }

    private final Map<String, Type> seqTypes = new HashMap<>();

    private Type seqType(String id) {
        Type known = seqTypes.get(id);
        if (known != null) return known;
        seqTypes.put(id, Type.VECTOR); // recursion through h[s-1] assumes a vector; fixed below
        Type result = Type.ZERO;
        Diagnostics scratch = new Diagnostics();
        Resolver inner = new Resolver(file, scratch);
        inner.theory = theory;
        inner.seqTypes.putAll(seqTypes);
        inner.letTypes.putAll(letTypes);
        inner.inProgress.addAll(inProgress);
        for (SeqDecl s : theory.seqs.get(id)) {
            Set<String> locals = new HashSet<>();
            if (s.index() instanceof Name n) locals.add(n.id());
            Type t = inner.type(s.body(), locals);
            if (t != Type.ZERO && t != Type.ERROR) result = t;
        }
        if (result == Type.ZERO) result = Type.SCALAR;
        seqTypes.put(id, result);
        return result;
    }

    private Type binary(Binary b, Set<String> locals) {
        Type l = type(b.left(), locals), r = type(b.right(), locals);
        if (l == Type.ERROR || r == Type.ERROR) return Type.ERROR;
        String op = b.op().symbol;
        switch (b.op()) {
            case ADD, SUB -> {
                if (l == r) return l;
                if (l == Type.ZERO) return r;
                if (r == Type.ZERO) return l;
                if (isScalar(l) && r == Type.VECTOR) return Type.VECTOR; // 1 - r is entrywise
                if (isScalar(r) && l == Type.VECTOR) return Type.VECTOR;
                error(b.pos(), "cannot " + (b.op() == BinOp.ADD ? "add" : "subtract") + " a " + name(l) + " and a " + name(r));
                return Type.ERROR;
            }
            case MUL -> {
                if (isScalar(l)) return r == Type.ZERO ? Type.SCALAR : r;
                if (isScalar(r)) return l;
                if (l == Type.MATRIX) return r;
                error(b.pos(), "cannot multiply a " + name(l) + " by a " + name(r) + (l == Type.VECTOR && r == Type.VECTOR ? " (use .* for the entrywise product)" : ""));
                return Type.ERROR;
            }
            case DIV -> {
                if (isScalar(r)) return l == Type.ZERO ? Type.SCALAR : l;
                error(b.pos(), "cannot divide by a " + name(r));
                return Type.ERROR;
            }
            case POW -> {
                if (isScalar(l) && isScalar(r)) return Type.SCALAR;
                error(b.pos(), "'^' takes scalars, found a " + name(isScalar(l) ? r : l));
                return Type.ERROR;
            }
            default -> { // HADAMARD
                if (l == r && l != Type.SCALAR) return l;
                if (l == Type.ZERO || r == Type.ZERO) return l == Type.ZERO ? r : l;
                error(b.pos(), "'" + op + "' multiplies two vectors or two matrices entrywise, found a " + name(l) + " and a " + name(r));
                return Type.ERROR;
            }
        }
    }
}

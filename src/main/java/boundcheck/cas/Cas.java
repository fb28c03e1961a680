package boundcheck.cas;

import boundcheck.lang.Ast.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Symbolic algebra service. Every call runs on a worker thread that owns one {@code EvalEngine},
 * with a time limit; a call that fails, times out or returns something untranslatable gives
 * {@code Optional.empty()}, never a guess.
 */
public final class Cas implements AutoCloseable {
    static {
        // Must run before any Symja class loads: case-sensitive names, Mathematica semantics.
        org.matheclipse.parser.client.ParserConfig.PARSER_USE_LOWERCASE_SYMBOLS = false;
    }

    /** Facts Symja may assume: variables with a sign, and relations. */
    public record Assumptions(Map<String, DomainKind> domains, List<Relation> relations) {
        public static final Assumptions NONE = new Assumptions(Map.of(), List.of());
    }

    private final long timeoutMillis;
    private ExecutorService worker;
    private org.matheclipse.core.eval.EvalEngine engine;
    private long calls, nanos, timeouts;

    public Cas(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        startWorker();
    }

    private void startWorker() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "symja");
            t.setDaemon(true);
            return t;
        });
        Future<?> init = worker.submit(() -> {
            org.matheclipse.core.basic.Config.UNPROTECT_ALLOWED = false;
            org.matheclipse.core.basic.Config.FILESYSTEM_ENABLED = false;
            org.matheclipse.core.basic.Config.MAX_AST_SIZE = 20_000;
            org.matheclipse.core.basic.Config.MAX_BIT_LENGTH = 200_000;
            org.matheclipse.core.basic.Config.MAX_POLYNOMIAL_DEGREE = 200;
            org.matheclipse.core.basic.Config.MAX_OUTPUT_SIZE = 100_000;
            org.matheclipse.core.basic.Config.MAX_INPUT_LEAVES = 20_000L;
            org.matheclipse.core.basic.Config.MAX_LOOP_COUNT = 100_000L;
            engine = new org.matheclipse.core.eval.EvalEngine(false);
            org.matheclipse.core.eval.EvalEngine.set(engine);
            engine.setQuietMode(true);
            // The first Simplify loads most of Symja (about 1-2 s): do it here, outside any time limit,
            // so that the first real question is not the one that times out.
            engine.evaluate(org.matheclipse.core.expression.F.Simplify(org.matheclipse.core.expression.F.Subtract(
                    org.matheclipse.core.expression.F.Sqr(org.matheclipse.core.expression.F.Plus(org.matheclipse.core.expression.F.Dummy("w"), org.matheclipse.core.expression.F.C1)),
                    org.matheclipse.core.expression.F.C1)));
            engine.evaluate(org.matheclipse.core.expression.F.Limit(org.matheclipse.core.expression.F.Divide(org.matheclipse.core.expression.F.C1, org.matheclipse.core.expression.F.Dummy("w")),
                    org.matheclipse.core.expression.F.Rule(org.matheclipse.core.expression.F.Dummy("w"), org.matheclipse.core.expression.F.CInfinity)));
            // URLFetch reaches the network regardless of FILESYSTEM_ENABLED: remove it.
            org.matheclipse.core.expression.S.URLFetch.setEvaluator(org.matheclipse.core.eval.interfaces.ICoreFunctionEvaluator.ARGS_EVALUATOR);
        });
        try {
            init.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot start Symja", e);
        }
    }

    /** Runs {@code job} on the worker; empty on timeout or any Symja failure. */
    /** Results by request (timeouts included), so a repeated question costs nothing and gets the same answer. */
    private final java.util.Map<String, Optional<?>> memo = new java.util.HashMap<>();
    /** Requests whose answer is a timeout, fresh or from the memo. */
    private final java.util.Set<String> timedOut = new java.util.HashSet<>();
    private long timedOutAnswers;

    @SuppressWarnings("unchecked")
    private <T> Optional<T> run(String what, Function<Translation, T> job) {
        Optional<?> known = memo.get(what);
        if (known != null) {
            if (timedOut.contains(what)) timedOutAnswers++;
            return (Optional<T>) known;
        }
        long before = timeouts;
        Optional<T> result = runUncached(what, job);
        if (timeouts > before) {
            timedOut.add(what);
            timedOutAnswers++;
        }
        memo.put(what, result);
        return result;
    }

    /**
     * How many answers so far were timeouts (memo hits included): a verdict reached while this grew rests on
     * the wall clock, and may be stronger on a faster or idler machine.
     */
    public long timedOutAnswers() { return timedOutAnswers; }

    private <T> Optional<T> runUncached(String what, Function<Translation, T> job) {
        long start = System.nanoTime();
        calls++;
        Future<T> f = worker.submit(() -> {
            engine.setStopRequested(false);
            return job.apply(new Translation());
        });
        try {
            return Optional.ofNullable(f.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            timeouts++;
            if (System.getenv("BOUNDCHECK_DEBUG_CAS") != null) System.err.println("cas timeout: " + what);
            engine.stopRequest();
            f.cancel(true);
            try {
                if (!worker.awaitTermination(0, TimeUnit.MILLISECONDS)) {
                    // give the engine half a second to honour the stop request, else replace it
                    try { f.get(500, TimeUnit.MILLISECONDS); } catch (Exception ignored) { }
                    if (!f.isDone()) { worker.shutdownNow(); startWorker(); }
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    private org.matheclipse.core.interfaces.IExpr eval(org.matheclipse.core.interfaces.IExpr e) {
        org.matheclipse.core.interfaces.IExpr r = engine.evaluate(e);
        if (engine.isStopRequested()) throw new IllegalStateException("stopped");
        return r;
    }

    private static String key(Assumptions a) {
        StringBuilder b = new StringBuilder(" | ");
        new java.util.TreeMap<>(a.domains()).forEach((k, v) -> b.append(k).append(':').append(v).append(' '));
        for (Relation r : a.relations()) b.append(boundcheck.lang.Printer.print(r)).append("; ");
        return b.toString();
    }

    private static org.matheclipse.core.interfaces.IExpr assumptions(Translation tr, Assumptions a) {
        List<org.matheclipse.core.interfaces.IExpr> facts = new ArrayList<>();
        for (Map.Entry<String, DomainKind> d : a.domains().entrySet()) {
            var s = tr.symbol(d.getKey());
            switch (d.getValue()) {
                case POS, POSINT, DIM -> facts.add(org.matheclipse.core.expression.F.Greater(s, org.matheclipse.core.expression.F.C0));
                case NAT, NONNEG -> facts.add(org.matheclipse.core.expression.F.GreaterEqual(s, org.matheclipse.core.expression.F.C0));
                default -> facts.add(org.matheclipse.core.expression.F.Element(s, org.matheclipse.core.expression.S.Reals));
            }
        }
        for (Relation r : a.relations()) {
            var l = tr.to(r.lhs());
            var rt = tr.to(r.rhs());
            switch (r.rel()) {
                case LE -> facts.add(org.matheclipse.core.expression.F.LessEqual(l, rt));
                case LT -> facts.add(org.matheclipse.core.expression.F.Less(l, rt));
                case GE -> facts.add(org.matheclipse.core.expression.F.GreaterEqual(l, rt));
                case GT -> facts.add(org.matheclipse.core.expression.F.Greater(l, rt));
                case EQ -> facts.add(org.matheclipse.core.expression.F.Equal(l, rt));
                default -> { }
            }
        }
        if (facts.isEmpty()) return org.matheclipse.core.expression.S.True;
        return org.matheclipse.core.expression.F.And(facts.toArray(new org.matheclipse.core.interfaces.IExpr[0]));
    }

    /** True when Symja reduces {@code e} to exactly 0 (by Simplify, or by Together of the expansion). */
    public boolean isZero(Expr e, Assumptions a) {
        return run("isZero " + boundcheck.lang.Printer.print(e) + key(a), tr -> {
            var x = tr.to(e);
            var s = eval(org.matheclipse.core.expression.F.Simplify(x, assumptions(tr, a)));
            if (s.isZero()) return true;
            var t = eval(org.matheclipse.core.expression.F.unaryAST1(org.matheclipse.core.expression.S.Together,
                    org.matheclipse.core.expression.F.Expand(x)));
            return t.isZero();
        }).orElse(false);
    }

    /** Symja's {@code Simplify[e >= 0, assumptions]} gave {@code True}. */
    public boolean provesNonnegative(Expr e, Assumptions a, boolean strict) {
        return run("nonneg" + (strict ? "> " : ">= ") + boundcheck.lang.Printer.print(e) + key(a), tr -> {
            var x = tr.to(e);
            var rel = strict ? org.matheclipse.core.expression.F.Greater(x, org.matheclipse.core.expression.F.C0)
                    : org.matheclipse.core.expression.F.GreaterEqual(x, org.matheclipse.core.expression.F.C0);
            return eval(org.matheclipse.core.expression.F.Simplify(rel, assumptions(tr, a))).isTrue();
        }).orElse(false);
    }

    /** Normal forms of {@code e} (Together, Factor, Simplify), translated back; the kernel's sign rules read them. */
    public List<Expr> normalForms(Expr e, Assumptions a) {
        return run("normalForms " + boundcheck.lang.Printer.print(e) + key(a), tr -> {
            var x = tr.to(e);
            List<Expr> out = new ArrayList<>();
            for (var form : List.of(
                    org.matheclipse.core.expression.F.unaryAST1(org.matheclipse.core.expression.S.Together, x),
                    org.matheclipse.core.expression.F.Factor(org.matheclipse.core.expression.F.unaryAST1(org.matheclipse.core.expression.S.Together, x)),
                    org.matheclipse.core.expression.F.Simplify(x, assumptions(tr, a)))) {
                try {
                    out.add(tr.from(eval(form)));
                } catch (Translation.Untranslatable | IllegalStateException ignored) {
                    // skip forms we cannot read back
                }
            }
            return out;
        }).orElse(List.of());
    }

    /**
     * The shortest of the forms Symja gives for {@code e} (Simplify, Together, Factor; FullSimplify was tried and times out on these bounds), translated
     * back; {@code e} itself when none is shorter or none translates. Used for closed forms of compositions.
     */
    public Expr simplest(Expr e, Assumptions a) {
        return run("simplest " + boundcheck.lang.Printer.print(e) + key(a), tr -> {
            var x = tr.to(e);
            Expr best = e;
            int bestLength = boundcheck.lang.Printer.print(e).length();
            for (var form : List.of(
                    org.matheclipse.core.expression.F.Simplify(x, assumptions(tr, a)),
                    org.matheclipse.core.expression.F.unaryAST1(org.matheclipse.core.expression.S.Together, x),
                    org.matheclipse.core.expression.F.Factor(org.matheclipse.core.expression.F.unaryAST1(org.matheclipse.core.expression.S.Together, x)))) {
                try {
                    Expr candidate = tr.from(eval(form));
                    int length = boundcheck.lang.Printer.print(candidate).length();
                    if (length < bestLength) { best = candidate; bestLength = length; }
                } catch (Translation.Untranslatable | IllegalStateException ignored) {
                    // a form we cannot read back
                }
            }
            return best;
        }).orElse(e);
    }

    /** {@code Limit[body, var -> target]} with the other names symbolic; empty when Symja gives no finite answer. */
    public Optional<Expr> limit(Expr body, String var, Expr target) {
        return run("limit " + var + " -> " + boundcheck.lang.Printer.print(target) + ": " + boundcheck.lang.Printer.print(body), tr -> {
            var r = eval(org.matheclipse.core.expression.F.Limit(tr.to(body),
                    org.matheclipse.core.expression.F.Rule(tr.symbol(var), tr.to(target))));
            if (r.isIndeterminate() || r.isAST(org.matheclipse.core.expression.S.Limit)) return null;
            if (r.isAST(org.matheclipse.core.expression.S.Interval)) return null;
            try {
                return tr.from(r);
            } catch (Translation.Untranslatable u) {
                return null;
            }
        });
    }

    /** Solves {@code lhs = rhs} for {@code var}; the solutions, translated back. */
    public List<Expr> solve(Expr lhs, Expr rhs, String var) {
        return run("solve for " + var + ": " + boundcheck.lang.Printer.print(lhs) + " = " + boundcheck.lang.Printer.print(rhs), tr -> {
            var r = eval(org.matheclipse.core.expression.F.Solve(
                    org.matheclipse.core.expression.F.Equal(tr.to(lhs), tr.to(rhs)), tr.symbol(var)));
            List<Expr> out = new ArrayList<>();
            if (!r.isList()) return out;
            for (var sol : (org.matheclipse.core.interfaces.IAST) r) {
                if (sol.isList() && sol.argSize() == 1 && sol.first().isRuleAST()) {
                    try {
                        out.add(tr.from(((org.matheclipse.core.interfaces.IAST) sol.first()).arg2()));
                    } catch (Translation.Untranslatable ignored) {
                        // skip
                    }
                }
            }
            return out;
        }).orElse(List.of());
    }

    public long calls() { return calls; }

    public long nanos() { return nanos; }

    public long timeouts() { return timeouts; }

    @Override
    public void close() { worker.shutdownNow(); }
}

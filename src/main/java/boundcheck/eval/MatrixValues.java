package boundcheck.eval;

import boundcheck.lang.Ast.*;
import boundcheck.numeric.Linalg;
import java.util.Map;
import java.util.function.Function;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The value of a {@code --set} expression over weight arrays, in doubles (the precision the weights
 * were saved in): matrices and vectors combine by {@code +}, {@code -}, products and {@code transpose},
 * and become numbers through norms ({@code ||U||_2} spectral, {@code ||U||_F}, {@code ||U||_{2,1}} the
 * sum of the column norms as in the paper, {@code ||U||_1}, {@code ||U||_inf}).
 */
final class MatrixValues {
    private final Map<String, WeightFiles.Array> weights;
    private final Function<String, Double> scalars;

    MatrixValues(Map<String, WeightFiles.Array> weights, Function<String, Double> scalars) {
        this.weights = weights;
        this.scalars = scalars;
    }

    static final class Unsupported extends RuntimeException {
        Unsupported(String why) { super(why, null, false, false); }
    }

    double scalar(Expr e) {
        Object v = eval(e);
        if (v instanceof Double d) return d;
        throw new Unsupported("the value is a " + kind(v) + ", not a number; take a norm, e.g. ||" + boundcheck.lang.Printer.print(e) + "||_2");
    }

    private Object eval(Expr e) {
        if (e instanceof Num n) return n.value().doubleValue();
        if (e instanceof Name n) {
            WeightFiles.Array a = weights.get(n.id());
            if (a != null && !a.isScalar()) {
                return a.isMatrix() ? new Array2DRowRealMatrix(a.matrix(), false) : new ArrayRealVector(a.data(), false);
            }
            if (a != null) return a.data()[0];
            Double s = scalars.apply(n.id());
            if (s == null) {
                throw new Unsupported("'" + n.id() + "' has no value yet (neither a weight array nor a constant set before it"
                        + (weights.isEmpty() ? "; no --weights given)" : "; arrays: " + String.join(", ", weights.keySet()) + ")"));
            }
            return s;
        }
        if (e instanceof Neg n) return scale(-1, eval(n.operand()));
        if (e instanceof Abs a) return Math.abs(scalar(a.arg()));
        if (e instanceof Norm n) return norm(eval(n.arg()), n.kind());
        if (e instanceof Call c) return call(c);
        if (e instanceof Binary b) return binary(b);
        throw new Unsupported("this kind of expression is not available in --set: " + boundcheck.lang.Printer.print(e));
    }

    private Object call(Call c) {
        if (c.fn().equals("transpose") && c.args().size() == 1) {
            Object m = eval(c.args().get(0));
            if (m instanceof RealMatrix r) return r.transpose();
            throw new Unsupported("transpose takes a matrix");
        }
        double[] args = new double[c.args().size()];
        for (int i = 0; i < args.length; i++) args[i] = scalar(c.args().get(i));
        return switch (c.fn()) {
            case "sqrt" -> Math.sqrt(args[0]);
            case "log" -> Math.log(args[0]);
            case "exp" -> Math.exp(args[0]);
            case "abs" -> Math.abs(args[0]);
            case "min" -> java.util.Arrays.stream(args).min().orElseThrow();
            case "max" -> java.util.Arrays.stream(args).max().orElseThrow();
            default -> throw new Unsupported("'" + c.fn() + "' is not available in --set (use sqrt, log, exp, abs, min, max, transpose and norms)");
        };
    }

    private Object binary(Binary b) {
        Object l = eval(b.left()), r = eval(b.right());
        switch (b.op()) {
            case ADD, SUB -> {
                double sign = b.op() == BinOp.ADD ? 1 : -1;
                if (l instanceof Double x && r instanceof Double y) return x + sign * y;
                if (l instanceof RealMatrix x && r instanceof RealMatrix y && sameShape(x, y)) return sign > 0 ? x.add(y) : x.subtract(y);
                if (l instanceof RealVector x && r instanceof RealVector y && x.getDimension() == y.getDimension()) return sign > 0 ? x.add(y) : x.subtract(y);
                throw new Unsupported("cannot add a " + kind(l) + " and a " + kind(r));
            }
            case MUL -> {
                if (l instanceof Double x) return scale(x, r);
                if (r instanceof Double y) return scale(y, l);
                if (l instanceof RealMatrix x && r instanceof RealMatrix y && x.getColumnDimension() == y.getRowDimension()) return x.multiply(y);
                if (l instanceof RealMatrix x && r instanceof RealVector y && x.getColumnDimension() == y.getDimension()) return x.operate(y);
                throw new Unsupported("cannot multiply a " + kind(l) + " by a " + kind(r));
            }
            case DIV -> {
                if (r instanceof Double y) return scale(1 / y, l);
                throw new Unsupported("division by a " + kind(r));
            }
            case POW -> {
                if (l instanceof Double x && r instanceof Double y) return Math.pow(x, y);
                throw new Unsupported("powers of a " + kind(l));
            }
            default -> throw new Unsupported("'" + b.op().symbol + "' is not available in --set");
        }
    }

    private static boolean sameShape(RealMatrix x, RealMatrix y) {
        return x.getRowDimension() == y.getRowDimension() && x.getColumnDimension() == y.getColumnDimension();
    }

    private static Object scale(double s, Object v) {
        if (v instanceof Double d) return s * d;
        if (v instanceof RealMatrix m) return m.scalarMultiply(s);
        return ((RealVector) v).mapMultiply(s);
    }

    private static double norm(Object v, NormKind kind) {
        if (v instanceof Double d) return Math.abs(d);
        if (v instanceof RealVector x) {
            return switch (kind) {
                case DEFAULT, TWO, FROBENIUS -> x.getNorm();
                case INF -> x.getLInfNorm();
                case ONE -> x.getL1Norm();
                case TWO_ONE -> throw new Unsupported("the (2,1) norm is for matrices");
            };
        }
        RealMatrix m = (RealMatrix) v;
        double[][] a = m.getData();
        return switch (kind) {
            case DEFAULT, TWO -> Linalg.spectral(a);
            case FROBENIUS -> m.getFrobeniusNorm();
            case TWO_ONE -> twoOne(m);
            case ONE -> m.getNorm1();
            case INF -> m.getNormInfty();
        };
    }

    /** The paper's (2,1) norm: the sum of the Euclidean norms of the columns. */
    static double twoOne(RealMatrix m) {
        double s = 0;
        for (int j = 0; j < m.getColumnDimension(); j++) s += m.getColumnVector(j).getNorm();
        return s;
    }

    private static String kind(Object v) {
        return v instanceof Double ? "number" : v instanceof RealMatrix m ? m.getRowDimension() + " x " + m.getColumnDimension() + " matrix"
                : ((RealVector) v).getDimension() + "-vector";
    }
}

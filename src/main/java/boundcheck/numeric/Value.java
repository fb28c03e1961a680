package boundcheck.numeric;

import java.util.List;

/**
 * A value of the language at one instance: a scalar, a vector (column) or a matrix (row-major), in
 * the arithmetic {@code T} of the evaluation (doubles for search, high precision for re-checks).
 */
public sealed interface Value<T> permits Value.Scalar, Value.Vector, Value.Matrix {
    record Scalar<T>(T v) implements Value<T> {}

    record Vector<T>(List<T> v) implements Value<T> {
        public int size() { return v.size(); }
    }

    record Matrix<T>(int rows, int cols, List<T> data) implements Value<T> {
        public T at(int i, int j) { return data.get(i * cols + j); }
    }
}

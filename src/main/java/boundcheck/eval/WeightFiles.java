package boundcheck.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Arrays from the files numpy and PyTorch users save: every array of an {@code .npz} by its key, an
 * {@code .npy} or a {@code .csv} (comma-separated rows of numbers, no header) by its file name without
 * the extension. Zero-dimensional and one-element arrays are scalars.
 */
public final class WeightFiles {
    private WeightFiles() {}

    /** A named array: {@code shape} of length 0 (scalar), 1 (vector) or 2 (matrix, row-major {@code data}). */
    public record Array(String name, int[] shape, double[] data, Path source) {
        public boolean isScalar() { return data.length == 1 && shape.length <= 1 || shape.length == 0; }

        public boolean isMatrix() { return shape.length == 2; }

        public double[][] matrix() {
            double[][] m = new double[shape[0]][shape[1]];
            for (int i = 0; i < shape[0]; i++) System.arraycopy(data, i * shape[1], m[i], 0, shape[1]);
            return m;
        }

        public String shapeText() {
            return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Integer::toString).toList()) + ")";
        }
    }

    /** A file that cannot be used; the message names the file and says why. */
    public static final class BadWeights extends Exception {
        public BadWeights(String message) { super(message); }
    }

    public static List<Array> read(Path file) throws BadWeights {
        if (!Files.isRegularFile(file)) throw new BadWeights(file + ": no such file");
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".npz")) return npz(file);
            if (lower.endsWith(".npy")) return List.of(array(stem(file), Npy.read(file), file));
            if (lower.endsWith(".csv")) return List.of(csv(file));
        } catch (BadWeights e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadWeights(file + ": cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        throw new BadWeights(file + ": weights must be .npz, .npy or .csv");
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static List<Array> npz(Path file) throws BadWeights, IOException {
        List<Array> out = new ArrayList<>();
        for (var e : Npy.readZip(file)) out.add(array(e.getKey(), e.getValue(), file));
        return out;
    }

    private static Array array(String name, Npy.Raw a, Path file) throws BadWeights {
        int[] shape = a.shape();
        if (shape.length > 2) throw new BadWeights(file + ": array '" + name + "' has " + shape.length + " dimensions; only scalars, vectors and matrices are used");
        double[] values = a.data();
        for (double v : values) if (!Double.isFinite(v)) throw new BadWeights(file + ": array '" + name + "' has a NaN or infinite entry");
        return new Array(name, shape, values, file);
    }

    private static Array csv(Path file) throws BadWeights, IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    row[j] = Double.parseDouble(cells[j].strip());
                } catch (NumberFormatException e) {
                    throw new BadWeights(file + ":" + (i + 1) + ":" + (j + 1) + ": not a number: '" + cells[j].strip() + "'"
                            + (cells.length == 1 && cells[0].strip().contains(" ") ? " (values must be separated by commas: np.savetxt(f, X, delimiter=\",\"))"
                            : i == 0 ? " (no header line: numbers only)" : ""));
                }
                if (!Double.isFinite(row[j])) throw new BadWeights(file + ":" + (i + 1) + ":" + (j + 1) + ": not a finite number");
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new BadWeights(file + ":" + (i + 1) + ":1: " + row.length + " columns, the first row has " + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) throw new BadWeights(file + ": no numbers");
        int r = rows.size(), c = rows.get(0).length;
        double[] data = new double[r * c];
        for (int i = 0; i < r; i++) System.arraycopy(rows.get(i), 0, data, i * c, c);
        return new Array(stem(file), new int[] {r, c}, data, file);
    }

    /** All arrays of several files by name; a name given twice is an error (which file would win is a guess). */
    public static Map<String, Array> readAll(List<Path> files) throws BadWeights {
        Map<String, Array> out = new LinkedHashMap<>();
        for (Path f : files) {
            for (Array a : read(f)) {
                Array before = out.putIfAbsent(a.name(), a);
                if (before != null) throw new BadWeights(f + ": array '" + a.name() + "' is also in " + before.source());
            }
        }
        return out;
    }
}

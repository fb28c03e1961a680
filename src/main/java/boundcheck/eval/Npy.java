package boundcheck.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * numpy's {@code .npy} format (version 1-3: magic, header dictionary, raw data) and {@code .npz} (a zip
 * of {@code .npy} files). Written here rather than taken from org.jetbrains.bio:npy because that reader
 * fails on zero-dimensional arrays ({@code np.savez(f, m=4096)}), which is how numpy saves scalars.
 * Reads little- and big-endian floats and integers, C and Fortran order, into row-major doubles.
 */
final class Npy {
    private Npy() {}

    record Raw(int[] shape, double[] data) {}

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiub])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static Raw read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** Every array of an {@code .npz}, by its key (the entry name without {@code .npy}), in the zip's order. */
    static List<java.util.Map.Entry<String, Raw>> readZip(Path file) throws IOException {
        List<java.util.Map.Entry<String, Raw>> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) continue;
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    out.add(java.util.Map.entry(name, parse(readAll(in))));
                } catch (IOException bad) {
                    throw new IOException("entry '" + name + "': " + bad.getMessage());
                }
            }
        }
        return out;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static Raw parse(byte[] bytes) throws IOException {
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IOException("not a .npy array (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer head = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength, start;
        if (major == 1) { headerLength = head.getShort(8) & 0xffff; start = 10; }
        else if (major == 2 || major == 3) { headerLength = head.getInt(8); start = 12; }
        else throw new IOException("unknown .npy version " + major);
        if (start + headerLength > bytes.length) throw new IOException("truncated header");
        String header = new String(bytes, start, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find()) throw new IOException("unsupported dtype in header " + header.strip() + " (numbers only: float, int, uint, bool)");
        if (!f.find() || !s.find()) throw new IOException("malformed header " + header.strip());
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = d.group(2).charAt(0);
        int size = Integer.parseInt(d.group(3));
        boolean fortran = f.group(1).equals("True");
        List<Integer> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) if (!part.isBlank()) dims.add(Integer.parseInt(part.strip()));
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        long count = 1;
        for (int n : shape) count *= n;
        ByteBuffer data = ByteBuffer.wrap(bytes, start + headerLength, bytes.length - start - headerLength).slice().order(order);
        if ((long) data.remaining() < count * size) throw new IOException("truncated data: " + count + " values of " + size + " bytes expected");
        double[] values = new double[(int) count];
        for (int i = 0; i < count; i++) values[i] = value(data, i * size, kind, size);
        if (fortran && shape.length == 2) values = transposeFortran(values, shape[0], shape[1]);
        else if (fortran && shape.length > 2) throw new IOException("Fortran-order arrays of more than two dimensions are not supported");
        return new Raw(shape, values);
    }

    private static double value(ByteBuffer b, int at, char kind, int size) throws IOException {
        return switch (kind) {
            case 'f' -> switch (size) {
                case 8 -> b.getDouble(at);
                case 4 -> b.getFloat(at);
                default -> throw new IOException("float of " + size + " bytes (save as float32 or float64)");
            };
            case 'i' -> switch (size) {
                case 8 -> b.getLong(at);
                case 4 -> b.getInt(at);
                case 2 -> b.getShort(at);
                case 1 -> b.get(at);
                default -> throw new IOException("int of " + size + " bytes");
            };
            case 'u', 'b' -> switch (size) {
                case 8 -> unsigned(b.getLong(at));
                case 4 -> b.getInt(at) & 0xffffffffL;
                case 2 -> b.getShort(at) & 0xffff;
                case 1 -> b.get(at) & 0xff;
                default -> throw new IOException("unsigned int of " + size + " bytes");
            };
            default -> throw new IOException("dtype kind " + kind);
        };
    }

    private static double unsigned(long v) { return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1); }

    private static double[] transposeFortran(double[] columnMajor, int rows, int cols) {
        double[] out = new double[columnMajor.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[i * cols + j] = columnMajor[j * rows + i];
        return out;
    }
}

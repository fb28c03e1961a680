package boundcheck.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** numpy's files as numpy wrote them (test-data/section6, written by scripts/train_vanilla_rnn.py) and by hand. */
class WeightFilesTest {
    private static final Path DIR = Path.of("test-data/section6");
    @TempDir Path tmp;

    @Test
    void theTrainedNetworkInAllThreeFormats() throws Exception {
        Map<String, WeightFiles.Array> npz = WeightFiles.readAll(List.of(DIR.resolve("vanilla_rnn.npz")));
        assertArrayEquals(new int[] {128, 128}, npz.get("U").shape());
        assertArrayEquals(new int[] {128, 14}, npz.get("W").shape());
        assertArrayEquals(new int[] {14, 128}, npz.get("V").shape());
        // numpy saves scalars as zero-dimensional arrays
        assertArrayEquals(new int[] {}, npz.get("m").shape());
        assertEquals(4096.0, npz.get("m").data()[0]);
        assertEquals(56.0, npz.get("t").data()[0]);
        assertTrue(npz.get("m").isScalar());
        WeightFiles.Array u = WeightFiles.read(DIR.resolve("U.npy")).get(0);
        assertEquals("U", u.name());
        assertArrayEquals(npz.get("U").data(), u.data(), 0.0);
        WeightFiles.Array w = WeightFiles.read(DIR.resolve("W.csv")).get(0);
        assertEquals("W", w.name());
        assertArrayEquals(new int[] {128, 14}, w.shape());
        assertArrayEquals(npz.get("W").data(), w.data(), 0.0);
    }

    /** A .npy file as numpy writes one: magic, version 1.0, padded header dictionary, raw values. */
    private Path npy(String name, String descr, boolean fortran, int[] shape, ByteBuffer data) throws Exception {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) dims.append(d).append(", ");
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': (" + dims + "), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(data.array());
        Path f = tmp.resolve(name);
        Files.write(f, out.toByteArray());
        return f;
    }

    @Test
    void fortranOrderBigEndianFloat32AndIntegers() throws Exception {
        // [[1, 2, 3], [4, 5, 6]] stored column by column, big-endian doubles
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.BIG_ENDIAN);
        for (double v : new double[] {1, 4, 2, 5, 3, 6}) b.putDouble(v);
        WeightFiles.Array a = WeightFiles.read(npy("A.npy", ">f8", true, new int[] {2, 3}, b)).get(0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data(), 0.0);
        ByteBuffer f = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-2f);
        assertArrayEquals(new double[] {0.5, -2}, WeightFiles.read(npy("v.npy", "<f4", false, new int[] {2}, f)).get(0).data(), 0.0);
        ByteBuffer i = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-7);
        WeightFiles.Array s = WeightFiles.read(npy("k.npy", "<i8", false, new int[] {}, i)).get(0);
        assertTrue(s.isScalar());
        assertEquals(-7.0, s.data()[0]);
    }

    @Test
    void unusableFilesSayWhereAndWhy() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "1,2\n3,x\n");
        assertEquals(csv + ":2:2: not a number: 'x'", assertThrows(WeightFiles.BadWeights.class, () -> WeightFiles.read(csv)).getMessage());
        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "1,2\n3\n");
        assertEquals(ragged + ":2:1: 1 columns, the first row has 2",
                assertThrows(WeightFiles.BadWeights.class, () -> WeightFiles.read(ragged)).getMessage());
        ByteBuffer cube = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        Path c = npy("cube.npy", "<f8", false, new int[] {2, 2, 2}, cube);
        assertTrue(assertThrows(WeightFiles.BadWeights.class, () -> WeightFiles.read(c)).getMessage().contains("3 dimensions"));
        Path text = tmp.resolve("notes.npy");
        Files.writeString(text, "hello");
        assertTrue(assertThrows(WeightFiles.BadWeights.class, () -> WeightFiles.read(text)).getMessage().contains("not a .npy array"));
        assertTrue(assertThrows(WeightFiles.BadWeights.class, () -> WeightFiles.read(tmp.resolve("missing.npz"))).getMessage().contains("no such file"));
        Path twice = tmp.resolve("U.csv");
        Files.writeString(twice, "1\n");
        assertTrue(assertThrows(WeightFiles.BadWeights.class, () -> WeightFiles.readAll(List.of(DIR.resolve("U.npy"), twice)))
                .getMessage().contains("'U' is also in"));
    }
}

package boundcheck.lang;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds {@code .bnd} files under the given paths, parses and resolves them. */
public final class Loader {
    private Loader() {}

    /** Expands folders (recursively, sorted) into {@code .bnd} files; a missing path is an error. */
    public static List<Path> expand(List<Path> paths, Diagnostics diagnostics) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".bnd") && Files.isRegularFile(f)).sorted().forEach(out::add);
                } catch (IOException e) {
                    diagnostics.error(p, 1, 1, "cannot read folder: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                diagnostics.error(p, 1, 1, "no such file or folder");
            }
        }
        return out;
    }

    /** Parses and resolves every file; returns the theories of the files without errors. */
    public static List<Theory> load(List<Path> paths, Diagnostics diagnostics) {
        List<Theory> theories = new ArrayList<>();
        for (Path file : expand(paths, diagnostics)) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                diagnostics.error(file, 1, 1, "file is not valid UTF-8");
                continue;
            } catch (IOException e) {
                diagnostics.error(file, 1, 1, "cannot read file: " + e.getMessage());
                continue;
            }
            Ast.TheoryFile tree = Parsing.parse(file, text, diagnostics);
            if (tree != null) theories.add(Resolver.resolve(tree, diagnostics));
        }
        return theories;
    }
}

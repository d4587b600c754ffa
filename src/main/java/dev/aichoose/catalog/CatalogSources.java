package dev.aichoose.catalog;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.Git;
import dev.aichoose.input.InputException;
import dev.aichoose.input.InputFiles;
import dev.aichoose.input.InputKind;
import dev.aichoose.load.CatalogLoader;
import dev.aichoose.model.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One side of {@code catalog diff}: a catalog directory, one layer file, or {@code PATH@REV} from git. */
public final class CatalogSources {
    private CatalogSources() {}

    public static Catalog read(String arg) {
        int at = arg.lastIndexOf('@');
        Path plain = Path.of(arg);
        if (at > 0 && !Files.exists(plain)) return fromGit(arg.substring(0, at), arg.substring(at + 1), arg);
        Map<String, String> files = new LinkedHashMap<>();
        for (Path file : CatalogLoader.yamlFiles(plain)) {
            files.put(file.toString(), InputFiles.read(file, InputKind.PRICE_BOOK));
        }
        return CatalogLoader.loadStandalone(files);
    }

    private static Catalog fromGit(String path, String revision, String label) {
        String rev = Git.revision(label, revision);
        Git.Place place = Git.Place.of(path);
        Path dir = place.dir();
        String listing = Git.output(
                label,
                dir,
                InputKind.PRICE_BOOK,
                "ls-tree",
                "-r",
                "--name-only",
                "--full-name",
                rev,
                "--",
                place.pathspec());
        Map<String, String> files = new LinkedHashMap<>();
        for (String name :
                listing.lines().filter(n -> n.matches(".*\\.ya?ml")).sorted().toList()) {
            String file = name + "@" + rev;
            // a blob in a repository is an input like any file: held to the price book's limit
            files.put(file, Git.output(file, dir, InputKind.PRICE_BOOK, "show", rev + ":" + name));
        }
        if (files.isEmpty()) {
            throw new InputException(
                    new Diagnostic(label, 0, 0, "no *.yaml catalog files at " + path + " in revision " + rev));
        }
        return CatalogLoader.loadStandalone(files);
    }
}

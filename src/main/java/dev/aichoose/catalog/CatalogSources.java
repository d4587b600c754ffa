package dev.aichoose.catalog;

import dev.aichoose.load.CatalogLoader;
import dev.aichoose.load.InputException;
import dev.aichoose.load.InputFiles;
import dev.aichoose.load.InputKind;
import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.model.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    private static Catalog fromGit(String path, String rev, String label) {
        String listing = git(label, "ls-tree", "-r", "--name-only", "--full-name", rev, "--", path);
        Map<String, String> files = new LinkedHashMap<>();
        for (String name :
                listing.lines().filter(n -> n.matches(".*\\.ya?ml")).sorted().toList()) {
            String file = name + "@" + rev;
            files.put(file, git(file, "show", rev + ":" + name));
        }
        if (files.isEmpty()) {
            throw new InputException(
                    new Diagnostic(label, 0, 0, "no *.yaml catalog files at " + path + " in revision " + rev));
        }
        return CatalogLoader.loadStandalone(files);
    }

    static String git(String label, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new InputException(new Diagnostic(label, 0, 0, "cannot run git: " + e.getMessage()));
        }
        try {
            // a blob in a repository is an input like any file: held to the price book's limit
            String out = InputFiles.read(label, p.getInputStream(), InputKind.PRICE_BOOK);
            String err = new String(p.getErrorStream().readNBytes(64 << 10), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new InputException(new Diagnostic(label, 0, 0, "git " + args[0] + " did not finish within 60 s"));
            }
            if (p.exitValue() != 0) {
                throw new InputException(new Diagnostic(
                        label,
                        0,
                        0,
                        "git " + args[0] + " failed: "
                                + (err.isEmpty()
                                        ? "exit " + p.exitValue()
                                        : err.lines().findFirst().orElse(err))));
            }
            return out;
        } catch (IOException e) {
            throw new InputException(new Diagnostic(label, 0, 0, "cannot run git: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(new Diagnostic(label, 0, 0, "interrupted while running git"));
        } finally {
            p.destroyForcibly(); // nothing to do when it has ended; stops it when reading it failed
        }
    }
}

package dev.aichoose.catalog;

import dev.aichoose.load.InputException;
import dev.aichoose.load.InputFiles;
import dev.aichoose.load.InputKind;
import dev.aichoose.load.located.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where SkyPilot {@code vms.csv} files come from: a file, a directory of clouds
 * ({@code DIR/CLOUD/vms.csv}), or either at a revision of a git checkout ({@code PATH@REV}, read as
 * {@code catalog diff} reads revisions), dated by the revision's commit. The cloud is the name of the
 * folder that holds the file.
 */
public final class SkypilotFiles {
    private SkypilotFiles() {}

    /**
     * One cloud's file. {@code date} is the revision's commit date (UTC) when read from git, else null;
     * {@code source} is what an offer's {@code source} says: the path, or {@code OWNER/REPO@COMMIT:PATH}.
     */
    public record CloudFile(String cloud, String file, String text, LocalDate date, String source) {}

    public static List<CloudFile> read(String arg, String cloud) {
        int at = arg.lastIndexOf('@');
        Path plain = Path.of(arg);
        if (at > 0 && !Files.exists(plain)) return fromGit(arg.substring(0, at), arg.substring(at + 1), arg, cloud);
        if (Files.isDirectory(plain)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(plain, 2)) {
                files = s.filter(p -> p.getFileName().toString().equals("vms.csv"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new InputException(new Diagnostic(arg, 0, 0, "cannot list: " + e.getMessage()));
            }
            if (files.isEmpty()) {
                throw new InputException(new Diagnostic(arg, 0, 0, "no CLOUD/vms.csv files in this directory"));
            }
            List<CloudFile> out = new ArrayList<>();
            for (Path f : files) out.add(fromFile(f, cloud));
            return out;
        }
        if (!Files.exists(plain)) throw new InputException(new Diagnostic(arg, 0, 0, "no such file"));
        return List.of(fromFile(plain, cloud));
    }

    private static CloudFile fromFile(Path file, String cloud) {
        String text = InputFiles.read(file, InputKind.PRICE_LIST);
        return new CloudFile(cloudOf(file.toString(), cloud), file.toString(), text, null, file.toString());
    }

    private static List<CloudFile> fromGit(String path, String rev, String label, String cloud) {
        Path p = Path.of(path);
        // git runs in the checkout that holds the path, so a catalog checkout anywhere can be read
        Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
        String rel = Files.isDirectory(p) ? "." : p.getFileName().toString();
        if (dir == null || !Files.isDirectory(dir)) {
            dir = Path.of(".");
            rel = path;
        }
        String d = dir.toString();
        String commit = CatalogSources.git(label, "-C", d, "rev-parse", rev + "^{commit}")
                .strip();
        long seconds = Long.parseLong(CatalogSources.git(label, "-C", d, "log", "-1", "--format=%ct", commit)
                .strip());
        LocalDate date = LocalDate.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        String repo = repository(label, d);
        String listing =
                CatalogSources.git(label, "-C", d, "ls-tree", "-r", "--name-only", "--full-name", commit, "--", rel);
        List<String> names = listing.lines()
                .filter(n -> n.equals("vms.csv") || n.endsWith("/vms.csv"))
                .sorted()
                .toList();
        if (names.isEmpty()) {
            throw new InputException(new Diagnostic(label, 0, 0, "no vms.csv at " + path + " in revision " + rev));
        }
        List<CloudFile> out = new ArrayList<>();
        for (String name : names) {
            String text = CatalogSources.git(label, "-C", d, "show", commit + ":" + name);
            out.add(new CloudFile(
                    cloudOf(name, cloud), name + "@" + rev, text, date, repo + "@" + commit + ":" + name));
        }
        return out;
    }

    private static final Pattern GITHUB = Pattern.compile("[:/]([^/:]+/[^/]+?)(?:\\.git)?/?$");

    /** {@code OWNER/REPO} from the checkout's origin, or the checkout's folder name when it has none. */
    private static String repository(String label, String dir) {
        try {
            String url = CatalogSources.git(label, "-C", dir, "remote", "get-url", "origin")
                    .strip();
            Matcher m = GITHUB.matcher(url);
            if (m.find()) return m.group(1);
        } catch (InputException e) {
            // no origin: a local checkout
        }
        String top = CatalogSources.git(label, "-C", dir, "rev-parse", "--show-toplevel")
                .strip();
        return Path.of(top).getFileName().toString();
    }

    /** The cloud a file belongs to: given, or the name of the folder that holds it. */
    static String cloudOf(String file, String given) {
        if (given != null) return given.toLowerCase(java.util.Locale.ROOT);
        Path parent = Path.of(file).getParent();
        if (parent == null || parent.getFileName() == null) {
            throw new InputException(new Diagnostic(
                    file,
                    0,
                    0,
                    "which cloud is this? put the file in a folder named after it (aws/vms.csv) or give --cloud"));
        }
        return parent.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    }
}

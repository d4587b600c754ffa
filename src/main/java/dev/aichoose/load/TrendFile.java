package dev.aichoose.load;

import dev.aichoose.load.located.Fields;
import dev.aichoose.load.located.Node;
import dev.aichoose.load.located.NodeParser;
import dev.aichoose.load.located.Problems;
import dev.aichoose.model.Distribution;
import dev.aichoose.model.UncertainField;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code assumptions.gpu_rent_change_annual: {from_trend: FILE, gpu: ID, tier: on_demand}} in a
 * scenario's uncertainty section (docs/methodology.md §17.1): the range {@code catalog trend -o FILE}
 * wrote for that GPU and tier, as the triangular {low, mode: annual_change, high}. FILE is resolved
 * against the scenario's folder.
 */
final class TrendFile {
    private TrendFile() {}

    static Optional<Distribution> range(Fields f, UncertainField field, Path dir) {
        Problems problems = f.problems();
        String file = f.text("from_trend");
        String gpu = f.text("gpu");
        String tier = f.text("tier", "on_demand");
        Node at = f.raw("from_trend").orElse(f.node());
        f.finish();
        if (field != UncertainField.GPU_RENT_CHANGE_ANNUAL) {
            problems.at(
                    at,
                    f.pathOf("from_trend") + ": a rent trend is a range for assumptions.gpu_rent_change_annual only");
            return Optional.empty();
        }
        if (file.isEmpty() || gpu.isEmpty()) return Optional.empty();
        Path path = dir == null ? Path.of(file) : dir.resolve(file);
        Node root;
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = NodeParser.parseYaml(path.toString(), r);
        } catch (NoSuchFileException e) {
            problems.at(
                    at,
                    f.pathOf("from_trend") + ": no such file " + path + " (write it with aichoose catalog trend -o)");
            return Optional.empty();
        } catch (IOException e) {
            problems.at(at, f.pathOf("from_trend") + ": cannot read " + path + ": " + e.getMessage());
            return Optional.empty();
        } catch (InputException e) {
            problems.at(at, f.pathOf("from_trend") + ": " + e.getMessage());
            return Optional.empty();
        }
        List<String> known = new ArrayList<>();
        if (root instanceof Node.Mapping top
                && top.entries().get("trends") != null
                && top.entries().get("trends").value() instanceof Node.Sequence list) {
            for (Node item : list.items()) {
                if (!(item instanceof Node.Mapping m)) continue;
                String g = scalar(m, "gpu");
                String t = scalar(m, "tier");
                if (g == null || t == null) continue;
                known.add(g + " " + t);
                if (!g.equals(gpu) || !t.equals(tier)) continue;
                Double low = number(m, "low");
                Double mode = number(m, "annual_change");
                Double high = number(m, "high");
                if (low == null || mode == null || high == null || low > mode || mode > high) {
                    problems.at(
                            at,
                            f.pathOf("from_trend") + ": " + path + " has no range for " + gpu + " " + tier
                                    + " (a range needs 3 or more dated snapshots)");
                    return Optional.empty();
                }
                return Optional.of(new Distribution.Triangular(low, mode, high));
            }
        } else {
            problems.at(at, f.pathOf("from_trend") + ": " + path + " is not a rent trend (aichoose.rent-trend/v1)");
            return Optional.empty();
        }
        problems.at(
                at,
                f.pathOf("from_trend") + ": " + path + " has no trend for " + gpu + " " + tier + " (it has: "
                        + String.join(", ", known) + ")");
        return Optional.empty();
    }

    private static String scalar(Node.Mapping m, String key) {
        Node.Entry e = m.entries().get(key);
        return e != null && e.value() instanceof Node.Scalar s ? s.text() : null;
    }

    private static Double number(Node.Mapping m, String key) {
        String s = scalar(m, key);
        if (s == null) return null;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

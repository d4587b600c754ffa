package dev.aichoose.catalog;

import dev.aichoose.load.located.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of one SkyPilot {@code vms.csv} (catalog v7): columns found by their header names, since
 * their order differs between clouds (AWS puts {@code GpuInfo} before {@code Price} and adds
 * {@code AvailabilityZone}; Lambda puts it after {@code Region}). Read by hand rather than with
 * Tablesaw: every malformed row must be reported with its line, and {@code --skip-bad} must keep
 * going past it, where a whole-table reader infers a column type and refuses the file.
 */
final class SkypilotRows {
    private SkypilotRows() {}

    static final List<String> REQUIRED =
            List.of("InstanceType", "AcceleratorName", "AcceleratorCount", "Price", "Region");

    /**
     * One data row: what aichoose reads of it. Numbers are null when the cell is empty;
     * {@code memoryGib} is the per-GPU memory {@code GpuInfo} states, or null.
     */
    record Row(
            int line,
            String instanceType,
            String accelerator,
            Double count,
            Double price,
            Double spotPrice,
            String region,
            Double memoryGib) {}

    /** The rows that parsed and one diagnostic per row that did not. */
    record Parsed(List<Row> rows, List<Diagnostic> bad) {}

    // GpuInfo is a Python dict printed as text: {'Gpus': [{... 'MemoryInfo': {'SizeInMiB': 81920}}], ...}
    private static final Pattern MEMORY = Pattern.compile("['\"]SizeInMiB['\"]\\s*:\\s*([0-9]+(?:\\.[0-9]+)?)");

    static Parsed parse(String file, String text) {
        List<Row> rows = new ArrayList<>();
        List<Diagnostic> bad = new ArrayList<>();
        int pos = 0;
        int line = 1;
        List<String> header = null;
        Map<String, Integer> at = new HashMap<>();
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') pos = 1;
        List<String> fields = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        while (pos < n) {
            int startLine = line;
            fields.clear();
            String error = null;
            // one record: fields separated by commas, a quoted field may hold commas and doubled quotes
            while (true) {
                cell.setLength(0);
                if (pos < n && text.charAt(pos) == '"') {
                    pos++;
                    boolean closed = false;
                    while (pos < n) {
                        char c = text.charAt(pos++);
                        if (c == '"') {
                            if (pos < n && text.charAt(pos) == '"') {
                                cell.append('"');
                                pos++;
                            } else {
                                closed = true;
                                break;
                            }
                        } else {
                            if (c == '\n') line++;
                            cell.append(c);
                        }
                    }
                    if (!closed) error = "a quoted field is not closed";
                    else if (pos < n && text.charAt(pos) != ',' && text.charAt(pos) != '\n' && text.charAt(pos) != '\r')
                        error = "text after a closing quote";
                    while (pos < n && text.charAt(pos) != ',' && text.charAt(pos) != '\n') pos++;
                } else {
                    while (pos < n) {
                        char c = text.charAt(pos);
                        if (c == ',' || c == '\n') break;
                        if (c != '\r') cell.append(c);
                        pos++;
                    }
                }
                fields.add(cell.toString());
                if (pos < n && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                if (pos < n) pos++; // the newline
                line++;
                break;
            }
            if (fields.size() == 1 && fields.getFirst().isBlank() && error == null) continue; // a blank line
            if (header == null) {
                header = List.copyOf(fields);
                for (int i = 0; i < header.size(); i++) at.put(header.get(i).strip(), i);
                List<String> missing =
                        REQUIRED.stream().filter(c -> !at.containsKey(c)).toList();
                if (!missing.isEmpty()) {
                    throw new dev.aichoose.load.InputException(new Diagnostic(
                            file,
                            startLine,
                            1,
                            "not a SkyPilot vms.csv: no column " + String.join(", ", missing) + " (columns: "
                                    + String.join(", ", header) + ")"));
                }
                continue;
            }
            if (error == null && fields.size() != header.size()) {
                error = "expected " + header.size() + " fields as in the header, got " + fields.size();
            }
            if (error != null) {
                bad.add(new Diagnostic(file, startLine, 1, error));
                continue;
            }
            try {
                Double count = number(fields, at, "AcceleratorCount");
                Double price = number(fields, at, "Price");
                Double spot = at.containsKey("SpotPrice") ? number(fields, at, "SpotPrice") : null;
                rows.add(new Row(
                        startLine,
                        fields.get(at.get("InstanceType")).strip(),
                        fields.get(at.get("AcceleratorName")).strip(),
                        count,
                        price,
                        spot,
                        fields.get(at.get("Region")).strip(),
                        at.containsKey("GpuInfo") ? memoryGib(fields.get(at.get("GpuInfo"))) : null));
            } catch (NumberFormatException e) {
                bad.add(new Diagnostic(file, startLine, 1, e.getMessage()));
            }
        }
        if (header == null) {
            throw new dev.aichoose.load.InputException(
                    new Diagnostic(file, 1, 1, "not a SkyPilot vms.csv: the file is empty"));
        }
        return new Parsed(rows, bad);
    }

    private static Double number(List<String> fields, Map<String, Integer> at, String column) {
        String s = fields.get(at.get(column)).strip();
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) return null;
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(column + ": expected a number, got '" + s + "'");
        }
        if (!Double.isFinite(v) || v < 0)
            throw new NumberFormatException(column + ": expected a number of 0 or more, got '" + s + "'");
        return v;
    }

    /** The first GPU's memory in GiB, from {@code 'MemoryInfo': {'SizeInMiB': N}}; null when GpuInfo has none. */
    static Double memoryGib(String gpuInfo) {
        Matcher m = MEMORY.matcher(gpuInfo);
        if (!m.find()) return null;
        double mib = Double.parseDouble(m.group(1));
        return mib > 0 ? mib / 1024 : null;
    }
}

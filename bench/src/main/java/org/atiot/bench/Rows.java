package org.atiot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atiot.core.json.Json;

/** Result rows of {@code bench/results.json}: each figure with the baseline it was measured against. */
final class Rows {
    private final List<Object> rows = new ArrayList<>();
    private final StringBuilder table = new StringBuilder();

    void add(String name, double value, String unit, String baselineName, double baseline) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("value", round(value));
        row.put("unit", unit);
        row.put("baseline_name", baselineName);
        row.put("baseline", round(baseline));
        row.put("ratio", round(value / baseline));
        rows.add(row);
        table.append(String.format("%-34s %12.1f %-10s vs %12.1f (%s)  ratio %.2f%n", name, value, unit, baseline,
                baselineName, value / baseline));
    }

    /** Appends to an existing results file (the crypto rows come first). */
    void appendTo(Path file) throws IOException {
        List<Object> all = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                all.addAll((List<?>) Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (org.atiot.core.json.JsonException | ClassCastException e) {
                throw new IOException(file + " is not a results list: " + e.getMessage(), e);
            }
        }
        all.addAll(rows);
        Files.writeString(file, Json.write(all) + "\n", StandardCharsets.UTF_8);
        System.out.print(table);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

package org.atiot.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atiot.core.json.Json;

/**
 * Turns JMH's JSON result into {@code bench/results.json} rows (name, value, unit, baseline, ratio) and a table:
 * each {@code xOurs} benchmark is reported against its {@code xJca} twin measured in the same run, because on a
 * shared, noisy machine only the ratio means much.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Report <jmh-result.json> <results.json>");
            System.exit(2);
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (Object o : (List<?>) Json.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8))) {
            Map<?, ?> run = (Map<?, ?>) o;
            String name = String.valueOf(run.get("benchmark"));
            Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
            double score = ((Number) primary.get("score")).doubleValue();
            Object errorValue = primary.get("scoreError");
            double error = errorValue instanceof Number ? ((Number) errorValue).doubleValue() : Double.NaN;
            scores.put(name.substring(name.lastIndexOf('.') + 1), new double[] {score, error});
        }
        List<Object> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-22s %14s %14s %8s%n", "crypto", "ours ops/s",
                "JCA ops/s", "ratio"));
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            if (!e.getKey().endsWith("Ours")) {
                continue;
            }
            String operation = e.getKey().substring(0, e.getKey().length() - 4);
            double[] baseline = scores.get(operation + "Jca");
            if (baseline == null) {
                continue;
            }
            double ratio = e.getValue()[0] / baseline[0];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", "crypto." + operation);
            row.put("value", round(e.getValue()[0]));
            row.put("unit", "ops/s");
            row.put("error", round(e.getValue()[1]));
            row.put("baseline_name", "JDK JCA, same operation, same run");
            row.put("baseline", round(baseline[0]));
            row.put("ratio", round(ratio));
            rows.add(row);
            table.append(String.format("%-22s %14.0f %14.0f %8.2f%n", operation, e.getValue()[0], baseline[0], ratio));
        }
        Files.writeString(Path.of(args[1]), Json.write(rows) + "\n", StandardCharsets.UTF_8);
        System.out.print(table);
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }
}

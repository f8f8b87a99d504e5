package org.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The closing table of a benchmark run: per operation and engine, throughput, time per message and
 * how many times faster Parley is than WSS4J on the same operation (WSS4J time / Parley time).
 */
public final class ResultTable {
  /** The engine every ratio is relative to. */
  public static final String BASELINE_ENGINE = "WSS4J";

  /**
   * One measured benchmark: mean wall-clock microseconds per message, its 99.9% confidence
   * half-width (NaN when too few samples to tell), and the benchmark JVM's CPU microseconds per
   * message (NaN when not measured).
   */
  public record Row(
      String operation,
      String engine,
      double microsPerOp,
      double errorMicros,
      double cpuMicrosPerOp) {
    public Row {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(engine, "engine");
      if (!(microsPerOp > 0)) {
        throw new IllegalArgumentException("microsPerOp must be positive: " + microsPerOp);
      }
    }

    public double opsPerSecond() {
      return 1_000_000.0 / microsPerOp;
    }
  }

  private final List<Row> rows;

  public ResultTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /**
   * WSS4J's time divided by {@code row}'s on the same operation: above 1 means faster than WSS4J.
   * NaN when the run has no WSS4J row for that operation.
   */
  public double speedupOverBaseline(Row row) {
    for (Row r : rows) {
      if (r.operation().equals(row.operation()) && r.engine().equals(BASELINE_ENGINE)) {
        return r.microsPerOp() / row.microsPerOp();
      }
    }
    return Double.NaN;
  }

  /** As {@link #speedupOverBaseline} on CPU time per message; NaN when either is unmeasured. */
  public double cpuSpeedupOverBaseline(Row row) {
    for (Row r : rows) {
      if (r.operation().equals(row.operation()) && r.engine().equals(BASELINE_ENGINE)) {
        return r.cpuMicrosPerOp() / row.cpuMicrosPerOp();
      }
    }
    return Double.NaN;
  }

  /** The table as aligned plain text (also valid Markdown). */
  public String render() {
    List<String[]> cells = new ArrayList<>();
    cells.add(
        new String[] {
          "operation", "engine", "ops/s", "us/op", "Parley/WSS4J", "cpu us/op", "cpu ratio"
        });
    for (Row r : rows) {
      double speedup = speedupOverBaseline(r);
      double cpuSpeedup = cpuSpeedupOverBaseline(r);
      cells.add(
          new String[] {
            r.operation(),
            r.engine(),
            String.format(Locale.ROOT, "%,.0f", r.opsPerSecond()),
            Double.isNaN(r.errorMicros())
                ? String.format(Locale.ROOT, "%,.1f", r.microsPerOp())
                : String.format(Locale.ROOT, "%,.1f ± %,.1f", r.microsPerOp(), r.errorMicros()),
            ratio(speedup),
            Double.isNaN(r.cpuMicrosPerOp())
                ? "n/a"
                : String.format(Locale.ROOT, "%,.1f", r.cpuMicrosPerOp()),
            ratio(cpuSpeedup)
          });
    }
    int[] widths = new int[cells.get(0).length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < cells.size(); n++) {
      appendLine(sb, cells.get(n), widths);
      if (n == 0) {
        String[] rule = new String[widths.length];
        for (int i = 0; i < widths.length; i++) {
          rule[i] = "-".repeat(widths[i]);
        }
        appendLine(sb, rule, widths);
      }
    }
    return sb.toString();
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2fx", value);
  }

  private static void appendLine(StringBuilder sb, String[] line, int[] widths) {
    sb.append('|');
    for (int i = 0; i < line.length; i++) {
      boolean numeric = i >= 2;
      String pad = " ".repeat(widths[i] - line[i].length());
      sb.append(' ').append(numeric ? pad + line[i] : line[i] + pad).append(" |");
    }
    sb.append('\n');
  }
}

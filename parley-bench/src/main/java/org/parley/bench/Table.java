package org.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table with aligned columns; the first column left-aligned, the others right. */
public final class Table {
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = header.clone();
  }

  public Table row(String... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          "a row needs " + header.length + " cells, got " + cells.length);
    }
    rows.add(cells.clone());
    return this;
  }

  public String render() {
    int[] w = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      w[i] = Math.max(3, header[i].length());
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, w);
    String[] rule = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      rule[i] = i == 0 ? "-".repeat(w[i]) : "-".repeat(w[i] - 1) + ":";
    }
    line(sb, rule, w);
    for (String[] r : rows) {
      line(sb, r, w);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] w) {
    sb.append('|');
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      String pad = " ".repeat(w[i] - c.length());
      sb.append(' ').append(i == 0 ? c + pad : pad + c).append(" |");
    }
    sb.append('\n');
  }

  /** {@code value} with {@code decimals} decimals and thousands separators. */
  public static String num(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}

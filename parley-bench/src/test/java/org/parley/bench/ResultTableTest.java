package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private final ResultTable table =
      new ResultTable(
          List.of(
              new ResultTable.Row("inbound", "WSS4J", 1000, 10, 1200),
              new ResultTable.Row("inbound", "Parley", 125, 2, 200),
              new ResultTable.Row("outbound", "Parley", 50, 1, Double.NaN)));

  @Test
  void speedup_isBaselineTimeOverEngineTime() {
    assertThat(table.speedupOverBaseline(table.rows().get(1))).isCloseTo(8.0, within(1e-9));
    assertThat(table.speedupOverBaseline(table.rows().get(0))).isCloseTo(1.0, within(1e-9));
    assertThat(table.cpuSpeedupOverBaseline(table.rows().get(1))).isCloseTo(6.0, within(1e-9));
  }

  @Test
  void speedup_withoutBaselineRow_isNaNAndRenderedNotAvailable() {
    assertThat(table.speedupOverBaseline(table.rows().get(2))).isNaN();
    assertThat(table.render()).contains("n/a");
  }

  @Test
  void render_showsThroughputTimeAndRatio() {
    String text = table.render();
    assertThat(text)
        .contains("| operation")
        .contains("1,000")
        .contains("8,000")
        .contains("125.0 ± 2.0")
        .contains("8.00x")
        .contains("6.00x");
    assertThat(text.lines()).hasSize(5);
  }

  @Test
  void row_refusesNonPositiveTime() {
    assertThatThrownBy(() -> new ResultTable.Row("x", "y", 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("microsPerOp");
  }
}

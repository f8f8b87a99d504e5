package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void render_alignsColumns_firstLeftOthersRight() {
    String t = new Table("name", "n").row("a", "1,000").row("longer", "2").render();
    assertThat(t)
        .isEqualTo(
            "| name   |     n |\n"
                + "| ------ | ----: |\n"
                + "| a      | 1,000 |\n"
                + "| longer |     2 |\n");
  }

  @Test
  void row_withWrongCellCount_isRefused() {
    assertThatThrownBy(() -> new Table("a", "b").row("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void num_formatsWithSeparators_nanAsNotAvailable() {
    assertThat(Table.num(12345.678, 1)).isEqualTo("12,345.7");
    assertThat(Table.num(Double.NaN, 0)).isEqualTo("n/a");
  }
}

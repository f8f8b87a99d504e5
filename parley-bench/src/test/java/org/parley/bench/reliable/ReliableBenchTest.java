package org.parley.bench.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench runs both variants end to end (short rounds; the numbers are not judged here). */
class ReliableBenchTest {
  @Test
  void bothVariants_complete_calls_andTheTableShowsThem() throws Exception {
    List<ReliableBench.Row> rows = ReliableBench.run(Duration.ofMillis(500), 2, 1);
    assertThat(rows).hasSize(2);
    assertThat(rows).allSatisfy(r -> assertThat(r.calls()).isPositive());
    assertThat(ReliableBench.table(rows, 2)).contains("WS-RM 1.2").contains("calls/s");
  }
}

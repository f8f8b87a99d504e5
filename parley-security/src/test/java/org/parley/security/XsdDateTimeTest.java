package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** xsd:dateTime (XML Schema 1.0 part 2 section 3.2.7) fast path agrees with java.time. */
class XsdDateTimeTest {
  @Test
  void xsdDateTime_utcForms_matchJavaTime() {
    for (String s :
        new String[] {
          "2026-11-23T03:02:14.425Z",
          "2026-11-23T03:02:14Z",
          "2026-02-28T23:59:59.9Z",
          "2024-02-29T00:00:00.123456789Z"
        }) {
      assertThat(XsdDateTime.parseUtc(s)).isEqualTo(OffsetDateTime.parse(s).toInstant());
    }
  }

  @Test
  void xsdDateTime_otherForms_fallBackToGeneralParser() {
    assertThat(XsdDateTime.parseUtc("2026-11-23T03:02:14+01:00")).isNull();
    assertThat(XsdDateTime.parseUtc("2026-02-30T00:00:00Z")).isNull();
    assertThat(XsdDateTime.parseUtc("2026-11-23T03:02:14.Z")).isNull();
    assertThat(XsdDateTime.parseUtc("2026-11-23 03:02:14Z")).isNull();
    assertThat(XsdDateTime.parseUtc("2026-11-23T03:02:1xZ")).isNull();
  }
}

package org.parley.security;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Fast path for the one xsd:dateTime shape every WS-Security stack writes in wsu:Timestamp ({@code
 * yyyy-MM-ddTHH:mm:ss[.fraction]Z}, WSS 1.1 section 10 recommends UTC); anything else returns null
 * and goes to the general parser.
 */
final class XsdDateTime {
  private XsdDateTime() {}

  static Instant parseUtc(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z') {
      return null;
    }
    if (s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n - 1 - 20 < 1 || n - 1 - 20 > 9) {
        return null;
      }
      int frac = digits(s, 20, n - 1);
      if (frac < 0) {
        return null;
      }
      for (int i = n - 1 - 20; i < 9; i++) {
        frac *= 10;
      }
      nanos = frac;
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null; // out-of-range field: let the general parser produce the error
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}

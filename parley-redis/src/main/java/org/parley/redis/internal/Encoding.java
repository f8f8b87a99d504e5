package org.parley.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/** How ids and instants are written into Redis keys, fields and scores. */
public final class Encoding {
  // Instant.MIN is -31557014167219200 s; adding this keeps every epoch second non-negative.
  private static final long SECOND_OFFSET = 31_557_014_167_219_200L;
  // Doubles hold integers exactly up to 2^53; scores beyond are clamped (ms, far past/future).
  private static final long MAX_SCORE_MS = 1L << 52;
  // Longest Redis TTL set: about 100 years (Instant.MAX-like expiries).
  private static final long MAX_TTL_MS = Duration.ofDays(36_500).toMillis();

  private Encoding() {}

  /**
   * The Redis name of an id: base64url(SHA-256(id)), 43 characters. Ids never appear in Redis in
   * the clear: a session id is a bearer reference, and a dump of Redis must not hand one out.
   */
  public static String hashId(String id) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * An instant as a fixed-width decimal string (20 digits of offset epoch second, 9 of nano), so
   * that Lua compares instants exactly, to the nanosecond, by comparing strings.
   */
  public static String time(Instant t) {
    return String.format(Locale.ROOT, "%020d%09d", t.getEpochSecond() + SECOND_OFFSET, t.getNano());
  }

  /** The instant written by {@link #time}; empty if {@code s} is not such a string. */
  public static java.util.Optional<Instant> parseTime(String s) {
    if (s.length() != 29 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return java.util.Optional.empty();
    }
    try {
      long sec = Long.parseLong(s.substring(0, 20)) - SECOND_OFFSET;
      int nano = Integer.parseInt(s.substring(20));
      return java.util.Optional.of(Instant.ofEpochSecond(sec, nano));
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** {@code t} in epoch milliseconds rounded down, clamped to what a Redis score holds exactly. */
  public static long floorMs(Instant t) {
    return clamp(millisFloor(t));
  }

  /** {@code t} in epoch milliseconds rounded up, clamped. */
  public static long ceilMs(Instant t) {
    long f = millisFloor(t);
    boolean exact = t.getNano() % 1_000_000 == 0;
    return clamp(exact || f == Long.MAX_VALUE ? f : f + 1);
  }

  /** Redis TTL for an entry expiring at {@code expires} seen at {@code now}: at least 1 ms. */
  public static long ttlMs(Instant now, Instant expires, Duration grace) {
    Duration left = Duration.between(now, expires).plus(grace);
    long ms;
    try {
      ms = left.toMillis() + 1;
    } catch (ArithmeticException e) {
      ms = left.isNegative() ? 1 : MAX_TTL_MS;
    }
    return Math.max(1, Math.min(ms, MAX_TTL_MS));
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] utf8(long n) {
    return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
  }

  private static long millisFloor(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? -MAX_SCORE_MS : MAX_SCORE_MS;
    }
  }

  private static long clamp(long ms) {
    return Math.max(-MAX_SCORE_MS, Math.min(MAX_SCORE_MS, ms));
  }
}

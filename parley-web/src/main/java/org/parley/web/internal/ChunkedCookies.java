package org.parley.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.web.SessionEvent.Reason;

/**
 * Splits a base64url string over several cookies and joins it back, detecting mixed and partial
 * sets (the analogue of WIF's {@code ChunkedCookieHandler}, with a header WIF lacks).
 *
 * <pre>
 * name          value
 * base          gen "." count "." length "." data_0
 * base ".1"     gen "." data_1
 * ...
 * base "." n-1  gen "." data_(n-1)
 *
 * gen    = 8 base64url characters (48 random bits), the same in every chunk of one set
 * count  = decimal 1..maxChunks, the number of chunks in the set
 * length = decimal, the number of data characters over all chunks
 * data   = base64url without padding, split in order
 * </pre>
 *
 * Every character of a value is in {@code [A-Za-z0-9_.-]}, which RFC 6265 section 4.1.1 allows in a
 * cookie-value without quoting. A set whose chunks carry different generations is {@link
 * Reason#MIXED_GENERATION}; a missing chunk is {@link Reason#PARTIAL_CHUNK_SET}; fewer data
 * characters than announced is {@link Reason#TRUNCATED}.
 */
public final class ChunkedCookies {
  /** Characters of a generation. */
  public static final int GENERATION_CHARS = 8;

  /** Hard upper bound on chunks in a set, whatever the budget. */
  public static final int MAX_CHUNKS = 64;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String baseName;
  private final int maxChunks;

  public ChunkedCookies(String baseName, int maxChunks) {
    this.baseName = baseName;
    if (maxChunks < 1 || maxChunks > MAX_CHUNKS) {
      throw new IllegalArgumentException(
          "maxChunks must be 1..ChunkedCookies.MAX_CHUNKS (" + MAX_CHUNKS + ")");
    }
    this.maxChunks = maxChunks;
  }

  public String baseName() {
    return baseName;
  }

  /** The name of chunk {@code index}: the base name, then {@code base.1}, {@code base.2}... */
  public String nameOf(int index) {
    return index == 0 ? baseName : baseName + "." + index;
  }

  /**
   * The chunk index named by {@code cookieName}, or -1 if the name is not one of this set's names
   * (another application's cookie, or an index past {@link #MAX_CHUNKS}).
   */
  public int indexOf(String cookieName) {
    if (cookieName.equals(baseName)) {
      return 0;
    }
    if (!cookieName.startsWith(baseName) || cookieName.length() <= baseName.length() + 1) {
      return -1;
    }
    if (cookieName.charAt(baseName.length()) != '.') {
      return -1;
    }
    String digits = cookieName.substring(baseName.length() + 1);
    if (digits.length() > 2 || digits.charAt(0) == '0') {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v >= 1 && v < MAX_CHUNKS ? v : -1;
  }

  /** A new random generation. */
  public static String newGeneration() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Splits {@code data} so that every {@code Set-Cookie} value ({@code name=value} plus {@code
   * attributeBytes} of attributes) fits in {@code maxSetCookieBytes}.
   *
   * @return the chunk values in order, or empty if more than {@code maxChunks} would be needed
   */
  public Optional<List<String>> split(String data, int attributeBytes, int maxSetCookieBytes) {
    String gen = newGeneration();
    List<String> values = new ArrayList<>();
    int pos = 0;
    int index = 0;
    // The first chunk's header holds the count, which depends on the split; the count never
    // exceeds two digits (MAX_CHUNKS = 64), so two digits are reserved for it.
    while (pos < data.length() || index == 0) {
      if (index >= maxChunks) {
        return Optional.empty();
      }
      String name = nameOf(index);
      int header =
          index == 0
              ? GENERATION_CHARS + 1 + 2 + 1 + Integer.toString(data.length()).length() + 1
              : GENERATION_CHARS + 1;
      int room = maxSetCookieBytes - (name.length() + 1) - header - attributeBytes;
      if (room < 16) {
        throw new IllegalArgumentException(
            "maxSetCookieBytes (" + maxSetCookieBytes + ") leaves no room for cookie data");
      }
      int take = Math.min(room, data.length() - pos);
      values.add(data.substring(pos, pos + take));
      pos += take;
      index++;
    }
    List<String> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(
          i == 0
              ? gen + "." + values.size() + "." + data.length() + "." + values.get(0)
              : gen + "." + values.get(i));
    }
    return Optional.of(out);
  }

  /**
   * Joins the chunk values by index (as {@link #indexOf} assigned them).
   *
   * @param byIndex chunk values keyed by index; indexes at or past the announced count are ignored
   *     (the caller deletes them as stale)
   * @return the data and the announced count
   */
  public Joined join(Map<Integer, String> byIndex) throws Rejected {
    String first = byIndex.get(0);
    if (first == null) {
      throw new Rejected(Reason.PARTIAL_CHUNK_SET);
    }
    String[] head = first.split("\\.", 4);
    if (head.length != 4 || !isGeneration(head[0])) {
      throw new Rejected(Reason.MALFORMED);
    }
    String gen = head[0];
    int count = parseSmall(head[1], maxChunks);
    int length = parseSmall(head[2], maxChunks * 4096);
    if (count < 1 || length < 0) {
      throw new Rejected(Reason.MALFORMED);
    }
    StringBuilder data = new StringBuilder(length);
    data.append(requireData(head[3]));
    for (int i = 1; i < count; i++) {
      String v = byIndex.get(i);
      if (v == null) {
        throw new Rejected(Reason.PARTIAL_CHUNK_SET);
      }
      int dot = v.indexOf('.');
      if (dot != GENERATION_CHARS || !isGeneration(v.substring(0, dot))) {
        throw new Rejected(Reason.MALFORMED);
      }
      if (!v.regionMatches(0, gen, 0, GENERATION_CHARS)) {
        throw new Rejected(Reason.MIXED_GENERATION);
      }
      data.append(requireData(v.substring(dot + 1)));
      if (data.length() > length) {
        throw new Rejected(Reason.MALFORMED);
      }
    }
    if (data.length() < length) {
      throw new Rejected(Reason.TRUNCATED);
    }
    if (data.length() > length) {
      throw new Rejected(Reason.MALFORMED);
    }
    return new Joined(data.toString(), count);
  }

  /** Joined data and how many chunks the set announced. */
  public record Joined(String data, int count) {}

  private static boolean isGeneration(String s) {
    return s.length() == GENERATION_CHARS && isBase64Url(s);
  }

  private static String requireData(String s) throws Rejected {
    if (!isBase64Url(s)) {
      throw new Rejected(Reason.MALFORMED);
    }
    return s;
  }

  /** The base64url alphabet (RFC 4648 section 5), by character: one table lookup per char. */
  private static final boolean[] BASE64URL = new boolean[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      BASE64URL[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      BASE64URL[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      BASE64URL[c] = true;
    }
    BASE64URL['-'] = true;
    BASE64URL['_'] = true;
  }

  private static boolean isBase64Url(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !BASE64URL[c]) {
        return false;
      }
    }
    return true;
  }

  private static int parseSmall(String s, int max) throws Rejected {
    if (s.isEmpty() || s.length() > 7 || (s.length() > 1 && s.charAt(0) == '0')) {
      throw new Rejected(Reason.MALFORMED);
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new Rejected(Reason.MALFORMED);
      }
      v = v * 10 + (c - '0');
    }
    if (v > max) {
      throw new Rejected(Reason.MALFORMED);
    }
    return v;
  }

  /** Decodes base64url data; a string that is not valid base64url is {@link Reason#MALFORMED}. */
  public static byte[] decode(String data) throws Rejected {
    if (data.length() % 4 == 1) {
      throw new Rejected(Reason.TRUNCATED);
    }
    try {
      return Base64.getUrlDecoder().decode(data.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new Rejected(Reason.MALFORMED);
    }
  }

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Sorts chunk values by index, for callers that collected them in request order. */
  public static Map<Integer, String> byIndex() {
    return new TreeMap<>();
  }
}

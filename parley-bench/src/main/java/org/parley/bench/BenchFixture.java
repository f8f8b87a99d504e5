package org.parley.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed inputs every engine in the benchmark works on: one security context (identifier and
 * 32-byte secret from a fixed seed) and one unprotected SOAP 1.2 request whose body content is
 * exactly {@link #BODY_CONTENT_BYTES} bytes.
 */
public final class BenchFixture {
  /** Serialized size of the Body's content (its children), the "2 KiB body" of the benchmark. */
  public static final int BODY_CONTENT_BYTES = 2048;

  /** Length of a Basic256 security context secret (WS-SP 1.2 section 6.1: 256-bit keys). */
  public static final int SECRET_BYTES = 32;

  /** The {@code wsc:Identifier} of the benchmark's security context, as CXF writes one. */
  public static final String SCT_IDENTIFIER = "urn:uuid:5c8e3f4a-2b1d-4e6f-9a70-b1c2d3e4f506";

  public static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
  public static final String DOUBLEIT_NS = "http://example.org/wssc-peer/doubleit";

  /** Seed of the context secret; a fixed value so every run and engine uses the same key. */
  private static final String SECRET_SEED = "parley-bench/basic256/sct-secret/v1";

  private static final String ENVELOPE_HEAD =
      "<soap:Envelope xmlns:soap=\"" + SOAP12_NS + "\"><soap:Header></soap:Header><soap:Body>";
  private static final String ENVELOPE_TAIL = "</soap:Body></soap:Envelope>";

  private BenchFixture() {}

  /** The 32-byte context secret: SHA-256 of a fixed seed. A new copy on each call. */
  public static byte[] secret() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(SECRET_SEED.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The body content: a DoubleIt request padded with note elements to exactly 2,048 bytes. */
  public static String bodyContent() {
    String open =
        "<d:DoubleIt xmlns:d=\"" + DOUBLEIT_NS + "\"><d:numberToDouble>21</d:numberToDouble>";
    String close = "</d:DoubleIt>";
    String noteOpen = "<d:note>";
    String noteClose = "</d:note>";
    StringBuilder sb = new StringBuilder(BODY_CONTENT_BYTES).append(open);
    int n = 0;
    while (true) {
      int left = BODY_CONTENT_BYTES - sb.length() - close.length();
      int overhead = noteOpen.length() + noteClose.length();
      if (left <= overhead) {
        break;
      }
      int textLength = Math.min(96, left - overhead);
      // Never leave a remainder too small for one more note element.
      if (left - overhead - textLength > 0 && left - overhead - textLength <= overhead) {
        textLength = left - overhead;
      }
      sb.append(noteOpen).append(filler(n++, textLength)).append(noteClose);
    }
    sb.append(close);
    if (sb.length() != BODY_CONTENT_BYTES) {
      throw new IllegalStateException("body content is " + sb.length() + " bytes");
    }
    return sb.toString();
  }

  /** The unprotected SOAP 1.2 envelope around {@link #bodyContent()}, as UTF-8. */
  public static byte[] plainEnvelope() {
    return (ENVELOPE_HEAD + bodyContent() + ENVELOPE_TAIL).getBytes(StandardCharsets.UTF_8);
  }

  private static String filler(int index, int length) {
    String words = "item " + index + " lorem ipsum dolor sit amet consectetur adipiscing elit ";
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      sb.append(words);
    }
    sb.setLength(length);
    return sb.toString();
  }
}

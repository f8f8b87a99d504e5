package org.parley.security.interop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The fixed request every interop test protects, and the security context it is protected in. */
final class InteropMessages {
  static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  static final String DOUBLEIT = "http://example.org/wssc-peer/doubleit";
  static final String SCT_IDENTIFIER = "urn:uuid:0b7e6c1a-93d2-4f5e-8a41-6f2c9d8e7b10";
  static final String BODY_CONTENT =
      "<d:DoubleIt xmlns:d=\""
          + DOUBLEIT
          + "\"><d:numberToDouble>21</d:numberToDouble></d:DoubleIt>";

  private InteropMessages() {}

  static byte[] plainRequest() {
    return ("<soap:Envelope xmlns:soap=\""
            + SOAP12
            + "\"><soap:Header></soap:Header><soap:Body>"
            + BODY_CONTENT
            + "</soap:Body></soap:Envelope>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A 32-byte context secret from a fixed seed (the length a WS-SC 1.3 CXF context has). */
  static byte[] secret() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest("parley-interop/sct-secret/v1".getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

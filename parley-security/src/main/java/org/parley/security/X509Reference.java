package org.parley.security;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * How a message points at an X.509 certificate it does not carry (WSS X.509 Token Profile 1.1
 * section 3.2): by Subject Key Identifier, by SHA-1 thumbprint, or by issuer and serial number.
 */
public final class X509Reference {
  /** The reference forms. */
  public enum Kind {
    /** {@code ValueType="...#X509SubjectKeyIdentifier"}. */
    SUBJECT_KEY_IDENTIFIER,
    /** {@code ValueType="...#ThumbprintSHA1"}: SHA-1 of the DER certificate. */
    THUMBPRINT_SHA1,
    /** {@code ds:X509Data/ds:X509IssuerSerial}. */
    ISSUER_SERIAL
  }

  private final Kind kind;
  private final byte[] value;
  private final X500Principal issuer;
  private final BigInteger serial;

  private X509Reference(Kind kind, byte[] value, X500Principal issuer, BigInteger serial) {
    this.kind = kind;
    this.value = value;
    this.issuer = issuer;
    this.serial = serial;
  }

  public static X509Reference subjectKeyIdentifier(byte[] ski) {
    return new X509Reference(Kind.SUBJECT_KEY_IDENTIFIER, ski.clone(), null, null);
  }

  public static X509Reference thumbprintSha1(byte[] thumbprint) {
    return new X509Reference(Kind.THUMBPRINT_SHA1, thumbprint.clone(), null, null);
  }

  public static X509Reference issuerSerial(X500Principal issuer, BigInteger serial) {
    return new X509Reference(
        Kind.ISSUER_SERIAL,
        null,
        Objects.requireNonNull(issuer, "issuer"),
        Objects.requireNonNull(serial, "serial"));
  }

  public Kind kind() {
    return kind;
  }

  /** True when this reference names {@code cert}. */
  public boolean matches(X509Certificate cert) {
    switch (kind) {
      case ISSUER_SERIAL:
        return serial.equals(cert.getSerialNumber())
            && issuer.equals(cert.getIssuerX500Principal());
      case THUMBPRINT_SHA1:
        return MessageDigest.isEqual(value, thumbprintSha1Of(cert));
      case SUBJECT_KEY_IDENTIFIER:
        byte[] ski = subjectKeyIdentifierOf(cert);
        return ski != null && MessageDigest.isEqual(value, ski);
      default:
        throw new AssertionError(kind);
    }
  }

  /** SHA-1 over the DER encoding of {@code cert}. */
  public static byte[] thumbprintSha1Of(X509Certificate cert) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(cert.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot hash certificate", e);
    }
  }

  /**
   * The keyIdentifier of the certificate's SubjectKeyIdentifier extension (RFC 5280 4.2.1.2), or
   * null when it has none.
   */
  public static byte[] subjectKeyIdentifierOf(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue("2.5.29.14");
    if (ext == null) {
      return null;
    }
    // ext = OCTET STRING { OCTET STRING keyIdentifier }: skip both DER headers.
    int[] pos = {0};
    if (!skipHeader(ext, pos, 0x04)) {
      return null;
    }
    int innerLen = readHeaderLength(ext, pos, 0x04);
    if (innerLen < 0 || pos[0] + innerLen > ext.length) {
      return null;
    }
    byte[] out = new byte[innerLen];
    System.arraycopy(ext, pos[0], out, 0, innerLen);
    return out;
  }

  private static boolean skipHeader(byte[] b, int[] pos, int tag) {
    return readHeaderLength(b, pos, tag) >= 0;
  }

  private static int readHeaderLength(byte[] b, int[] pos, int tag) {
    int p = pos[0];
    if (p + 2 > b.length || (b[p] & 0xff) != tag) {
      return -1;
    }
    int len = b[p + 1] & 0xff;
    p += 2;
    if (len > 0x80) {
      int n = len & 0x7f;
      if (n > 3 || p + n > b.length) {
        return -1;
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[p++] & 0xff);
      }
    }
    pos[0] = p;
    return len;
  }

  @Override
  public String toString() {
    return kind == Kind.ISSUER_SERIAL
        ? "X509Reference[issuer=" + issuer.getName() + ", serial=" + serial + "]"
        : "X509Reference[" + kind + "]";
  }
}

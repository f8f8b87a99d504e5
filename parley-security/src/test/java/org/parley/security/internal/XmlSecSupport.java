package org.parley.security.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.w3c.dom.Node;

/**
 * Exclusive XML canonicalization (W3C exc-c14n 1.0) through Apache Santuario: the reference
 * implementation {@link ExcC14n} is checked against, byte for byte.
 */
public final class XmlSecSupport {
  private XmlSecSupport() {}

  static {
    org.apache.xml.security.Init.init();
  }

  private static final ThreadLocal<Canonicalizer> EXC_C14N =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            } catch (InvalidCanonicalizerException e) {
              throw new IllegalStateException("exc-c14n unavailable", e);
            }
          });

  /** Canonicalizes {@code node} with exc-c14n into {@code out}. */
  public static void canonicalize(Node node, String inclusivePrefixes, OutputStream out)
      throws CanonicalizationException {
    EXC_C14N.get().canonicalizeSubtree(node, inclusivePrefixes, out);
  }

  /** exc-c14n bytes of {@code node}. */
  public static byte[] canonicalize(Node node, String inclusivePrefixes)
      throws CanonicalizationException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    canonicalize(node, inclusivePrefixes, out);
    return out.toByteArray();
  }

  /** Digest of the exc-c14n form of {@code node}, streamed without an intermediate copy. */
  public static byte[] digestCanonical(Node node, String inclusivePrefixes, MessageDigest md)
      throws CanonicalizationException {
    md.reset();
    canonicalize(node, inclusivePrefixes, new DigestingStream(md));
    return md.digest();
  }

  private static final class DigestingStream extends OutputStream {
    private final MessageDigest md;

    DigestingStream(MessageDigest md) {
      this.md = md;
    }

    @Override
    public void write(int b) {
      md.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      md.update(b, off, len);
    }
  }
}

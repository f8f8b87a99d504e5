package org.parley.security;

import java.util.ArrayList;
import java.util.List;

/** An outbound message as bytes, with the signature values a reply should confirm. */
public final class ProtectedMessage {
  private final byte[] bytes;
  private final List<byte[]> signatureValues;

  ProtectedMessage(byte[] bytes, List<byte[]> signatureValues) {
    this.bytes = bytes;
    this.signatureValues = signatureValues;
  }

  /** The serialized envelope (UTF-8, no XML declaration). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** SignatureValue bytes, for {@link InboundContext#expectingSignatureConfirmations}. */
  public List<byte[]> signatureValues() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] v : signatureValues) {
      out.add(v.clone());
    }
    return out;
  }
}

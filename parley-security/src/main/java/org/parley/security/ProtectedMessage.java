package org.parley.security;

import java.util.ArrayList;
import java.util.List;

/** An outbound message as bytes, with the signature values a reply should confirm. */
public final class ProtectedMessage {
  private final byte[] bytes;
  private final List<byte[]> signatureValues;
  private final org.parley.core.SecretBytes encryptedKey;
  private final byte[] encryptedKeySha1;

  ProtectedMessage(
      byte[] bytes,
      List<byte[]> signatureValues,
      org.parley.core.SecretBytes encryptedKey,
      byte[] encryptedKeySha1) {
    this.bytes = bytes;
    this.signatureValues = signatureValues;
    this.encryptedKey = encryptedKey;
    this.encryptedKeySha1 = encryptedKeySha1;
  }

  /**
   * Resolves the reply's EncryptedKeySHA1 reference to the key this message sent in its
   * EncryptedKey (empty resolver when it sent none). Hand it to the InboundProcessor that verifies
   * the reply.
   */
  public EncryptedKeyResolver encryptedKeyResolver() {
    if (encryptedKey == null) {
      return EncryptedKeyResolver.none();
    }
    return sha1 ->
        java.security.MessageDigest.isEqual(sha1, encryptedKeySha1)
            ? java.util.Optional.of(encryptedKey)
            : java.util.Optional.empty();
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

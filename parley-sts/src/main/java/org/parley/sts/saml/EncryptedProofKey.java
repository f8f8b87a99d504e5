package org.parley.sts.saml;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;

/**
 * The symmetric proof key of a holder-of-key assertion, wrapped for the relying party (SAML
 * Profiles 3.1, WS-Trust 1.3 section 4.4.2): an {@code xenc:EncryptedKey} with RSA-OAEP (MGF1 with
 * SHA-1, XML Encryption 1.0 section 5.4.2) naming the recipient certificate by its SHA-1 thumbprint
 * (WSS X.509 Token Profile 1.1 section 3.2, {@code ThumbprintSHA1}). Immutable; the wrapped bytes
 * are opaque without the relying party's private key.
 */
public final class EncryptedProofKey {
  /** {@code http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p} (XML Encryption 1.0 section 5.4.2). */
  public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";

  /** WSS X.509 Token Profile 1.1 section 3.2: the thumbprint key identifier value type. */
  public static final String THUMBPRINT_SHA1 =
      "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#ThumbprintSHA1";

  /** Largest wrapped key accepted on read: an RSA-8192 block. */
  public static final int MAX_WRAPPED_BYTES = 1024;

  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

  private final byte[] wrapped;
  private final byte[] recipientThumbprintSha1;

  private EncryptedProofKey(byte[] wrapped, byte[] recipientThumbprintSha1) {
    this.wrapped = wrapped;
    this.recipientThumbprintSha1 = recipientThumbprintSha1;
  }

  /** Wraps {@code key} for {@code recipient}'s RSA public key. */
  public static EncryptedProofKey wrap(
      SecretBytes key, X509Certificate recipient, SecureRandom random) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(random, "random");
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.ENCRYPT_MODE, recipient.getPublicKey(), OAEP, random);
      byte[] plain = key.toByteArray();
      try {
        return new EncryptedProofKey(rsa.doFinal(plain), thumbprint(recipient));
      } finally {
        java.util.Arrays.fill(plain, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot wrap a key for this certificate (RSA needed)", e);
    }
  }

  /** As read from an assertion: the cipher value and the recipient's SHA-1 thumbprint. */
  static EncryptedProofKey of(byte[] wrapped, byte[] recipientThumbprintSha1) {
    if (wrapped.length == 0 || wrapped.length > MAX_WRAPPED_BYTES) {
      throw new IllegalArgumentException(
          "wrapped key of " + wrapped.length + " bytes, MAX_WRAPPED_BYTES is " + MAX_WRAPPED_BYTES);
    }
    if (recipientThumbprintSha1.length != 20) {
      throw new IllegalArgumentException("a ThumbprintSHA1 has 20 bytes");
    }
    return new EncryptedProofKey(wrapped.clone(), recipientThumbprintSha1.clone());
  }

  /**
   * Unwraps the proof key with the relying party's key pair. A key for another certificate, or one
   * that does not decrypt, is {@link FaultCode#FAILED_CHECK} saying only that it failed.
   */
  public SecretBytes unwrap(PrivateKey privateKey, X509Certificate certificate) throws ParleyFault {
    Objects.requireNonNull(privateKey, "privateKey");
    if (!MessageDigest.isEqual(thumbprint(certificate), recipientThumbprintSha1)) {
      throw new ParleyFault(
          FaultCode.FAILED_CHECK, "the proof key is encrypted for another certificate");
    }
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.DECRYPT_MODE, privateKey, OAEP);
      return SecretBytes.wrapOwned(rsa.doFinal(wrapped));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new ParleyFault(FaultCode.FAILED_CHECK, "proof key decryption failed");
    }
  }

  /** The RSA-OAEP cipher value. */
  public byte[] wrapped() {
    return wrapped.clone();
  }

  public byte[] recipientThumbprintSha1() {
    return recipientThumbprintSha1.clone();
  }

  /** SHA-1 over the certificate's DER encoding (WSS X.509 Token Profile 1.1 section 3.2). */
  public static byte[] thumbprint(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    try {
      return MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 over a certificate failed", e);
    }
  }

  @Override
  public String toString() {
    return "EncryptedProofKey[" + wrapped.length + " bytes]";
  }
}

package org.parley.sts.saml;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import org.parley.security.PrivateKeyResolver;

/** The STS's RSA signing key and its certificate (sent in {@code ds:KeyInfo}). */
public final class SigningCredential {
  /** Smallest RSA modulus accepted for signing. */
  public static final int MIN_RSA_BITS = 2048;

  private final PrivateKey privateKey;
  private final X509Certificate certificate;

  private SigningCredential(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
  }

  public static SigningCredential of(PrivateKey privateKey, X509Certificate certificate) {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)
        || !"RSA".equals(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException("the STS signs with RSA-SHA256: an RSA key is needed");
    }
    if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      throw new IllegalArgumentException(
          "RSA key shorter than MIN_RSA_BITS (" + MIN_RSA_BITS + ")");
    }
    return new SigningCredential(privateKey, certificate);
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * Finds this credential's private key for an EncryptedKey addressed to its certificate: what an
   * STS decrypts signed-and-encrypted requests with. The key itself stays inside.
   */
  public PrivateKeyResolver privateKeyResolver() {
    return PrivateKeyResolver.of(certificate, privateKey);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public String toString() {
    return "SigningCredential[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}

package org.parley.security;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A token that proved a signature or supplied a decryption key in a verified message: an X.509
 * certificate, a security context (by its {@code wsc:Identifier}), an EncryptedKey, or a key
 * derived from one of those. Only the inbound processor creates these.
 */
public final class VerifiedToken {
  /** What kind of token it is. */
  public enum Kind {
    X509_CERTIFICATE,
    SECURITY_CONTEXT,
    ENCRYPTED_KEY,
    DERIVED_KEY,
    /** The implicit derivation source given in the {@link InboundContext}. */
    IMPLICIT_CONTEXT
  }

  private final Kind kind;
  private final X509Certificate certificate;
  private final String contextIdentifier;
  private final byte[] encryptedKeySha1;
  private final VerifiedToken derivedFrom;

  VerifiedToken(
      Kind kind,
      X509Certificate certificate,
      String contextIdentifier,
      byte[] encryptedKeySha1,
      VerifiedToken derivedFrom) {
    this.kind = kind;
    this.certificate = certificate;
    this.contextIdentifier = contextIdentifier;
    this.encryptedKeySha1 = encryptedKeySha1;
    this.derivedFrom = derivedFrom;
  }

  public Kind kind() {
    return kind;
  }

  /** The certificate of an X.509 token. */
  public Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  /** The {@code wsc:Identifier} of a security context token. */
  public Optional<String> contextIdentifier() {
    return Optional.ofNullable(contextIdentifier);
  }

  /** The EncryptedKeySHA1 of an EncryptedKey token (how a reply refers to it). */
  public Optional<byte[]> encryptedKeySha1() {
    return encryptedKeySha1 == null ? Optional.empty() : Optional.of(encryptedKeySha1.clone());
  }

  /** For a derived key, the token it was derived from. */
  public Optional<VerifiedToken> derivedFrom() {
    return Optional.ofNullable(derivedFrom);
  }

  /** The token at the root of the derivation chain (this token when not derived). */
  public VerifiedToken root() {
    VerifiedToken t = this;
    while (t.derivedFrom != null) {
      t = t.derivedFrom;
    }
    return t;
  }

  @Override
  public String toString() {
    switch (kind) {
      case X509_CERTIFICATE:
        return "X509[" + certificate.getSubjectX500Principal().getName() + "]";
      case SECURITY_CONTEXT:
        return "SCT[" + contextIdentifier + "]";
      case DERIVED_KEY:
        return "DerivedKey[from " + derivedFrom + "]";
      default:
        return kind.toString();
    }
  }
}

package org.parley.sts.trust;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * A relying party the WS-Trust endpoint issues tokens for: its realm (the {@code wsp:AppliesTo}
 * address and the assertion's audience) and, for holder-of-key tokens with a symmetric proof key,
 * the certificate the proof key is encrypted for (WS-Trust 1.3 section 4.4.2). Immutable.
 */
public final class TrustRelyingParty {
  private final String realm;
  private final X509Certificate encryptionCertificate;

  private TrustRelyingParty(String realm, X509Certificate encryptionCertificate) {
    this.realm = realm;
    this.encryptionCertificate = encryptionCertificate;
  }

  /** A relying party without a certificate: bearer and public-key tokens only. */
  public static TrustRelyingParty of(String realm) {
    Objects.requireNonNull(realm, "realm");
    if (realm.isBlank()) {
      throw new IllegalArgumentException("realm must not be blank");
    }
    return new TrustRelyingParty(realm, null);
  }

  /** A relying party that can also receive symmetric proof keys, encrypted for {@code cert}. */
  public static TrustRelyingParty of(String realm, X509Certificate cert) {
    return new TrustRelyingParty(
        of(realm).realm, Objects.requireNonNull(cert, "encryptionCertificate"));
  }

  public String realm() {
    return realm;
  }

  public Optional<X509Certificate> encryptionCertificate() {
    return Optional.ofNullable(encryptionCertificate);
  }

  @Override
  public String toString() {
    return "TrustRelyingParty["
        + realm
        + (encryptionCertificate != null ? ", with cert" : "")
        + "]";
  }
}

package org.parley.sts.trust;

import java.util.Optional;
import org.parley.conversation.trust.TrustVersion;

/**
 * What proves possession of an issued SAML assertion ({@code wst:KeyType}, WS-Trust 1.3 section
 * 4.4.1; Feb 2005 section 6.1): nothing (bearer), a symmetric key, or a public key.
 */
public enum ProofKeyType {
  /** {@code .../Bearer} (Feb 2005: {@code .../identity/NoProofKey}): SAML Profiles 3.3. */
  BEARER,
  /** {@code .../SymmetricKey}: holder-of-key, a secret shared by client and relying party. */
  SYMMETRIC,
  /** {@code .../PublicKey}: holder-of-key, the client's key pair (its certificate). */
  PUBLIC_KEY;

  /** The {@code wst:KeyType} URI of this type in {@code version}. */
  public String uri(TrustVersion version) {
    return switch (this) {
      case BEARER -> version.keyTypeBearer();
      case SYMMETRIC -> version.keyTypeSymmetric();
      case PUBLIC_KEY -> version.keyTypePublic();
    };
  }

  /** The type {@code uri} names in {@code version}. */
  public static Optional<ProofKeyType> forUri(TrustVersion version, String uri) {
    for (ProofKeyType t : values()) {
      if (t.uri(version).equals(uri)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

package org.parley.sts.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.sts.trust.ProofKeyType;

/**
 * A SAML 2.0 assertion the STS issued or renewed, as received: its bytes (to present to the relying
 * party, or to renew, validate or cancel), its ID and lifetime, and for a symmetric holder-of-key
 * token the proof key. The client did not verify the assertion's signature: the relying party does.
 * Immutable.
 */
public final class IssuedToken {
  private final TrustVersion version;
  private final byte[] assertion;
  private final String id;
  private final Instant created;
  private final Instant expires;
  private final ProofKeyType keyType;
  private final SecretBytes proofKey;
  private final String appliesTo;

  IssuedToken(
      TrustVersion version,
      byte[] assertion,
      String id,
      Instant created,
      Instant expires,
      ProofKeyType keyType,
      SecretBytes proofKey,
      String appliesTo) {
    this.version = Objects.requireNonNull(version, "version");
    this.assertion = assertion.clone();
    this.id = Objects.requireNonNull(id, "id");
    this.created = created;
    this.expires = expires;
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.proofKey = proofKey;
    this.appliesTo = appliesTo;
  }

  /** The WS-Trust version it was obtained with (renew, validate and cancel use the same). */
  public TrustVersion version() {
    return version;
  }

  /** The signed {@code saml2:Assertion} element as XML bytes (a copy). */
  public byte[] assertionXml() {
    return assertion.clone();
  }

  /** The assertion's {@code ID}. */
  public String id() {
    return id;
  }

  /** {@code wst:Lifetime/wsu:Created} of the response, when it carried one. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /** {@code wst:Lifetime/wsu:Expires} of the response, when it carried one. */
  public Optional<Instant> expires() {
    return Optional.ofNullable(expires);
  }

  public ProofKeyType keyType() {
    return keyType;
  }

  /** The symmetric proof key of a holder-of-key token (WS-Trust 1.3 section 4.4.3). */
  public Optional<SecretBytes> proofKey() {
    return Optional.ofNullable(proofKey);
  }

  /** The relying party it was issued for, when the response named it. */
  public Optional<String> appliesTo() {
    return Optional.ofNullable(appliesTo);
  }

  @Override
  public String toString() {
    return "IssuedToken[" + id + ", " + keyType + ", expires " + expires + "]";
  }
}

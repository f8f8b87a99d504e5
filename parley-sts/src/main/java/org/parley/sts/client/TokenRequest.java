package org.parley.sts.client;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.parley.conversation.trust.EntropyMode;
import org.parley.sts.trust.ProofKeyType;

/**
 * What to ask the STS for in an Issue: a SAML 2.0 assertion for a relying party ({@code
 * wsp:AppliesTo}) with a proof key type, optionally renewable and with a shorter lifetime.
 * Immutable; each method returns a new request.
 */
public final class TokenRequest {
  private final String appliesTo;
  private final ProofKeyType keyType;
  private final EntropyMode entropy;
  private final int keySizeBits;
  private final X509Certificate useKey;
  private final Boolean renewableAfterExpiry;
  private final Duration lifetime;

  private TokenRequest(
      String appliesTo,
      ProofKeyType keyType,
      EntropyMode entropy,
      int keySizeBits,
      X509Certificate useKey,
      Boolean renewableAfterExpiry,
      Duration lifetime) {
    this.appliesTo = appliesTo;
    this.keyType = keyType;
    this.entropy = entropy;
    this.keySizeBits = keySizeBits;
    this.useKey = useKey;
    this.renewableAfterExpiry = renewableAfterExpiry;
    this.lifetime = lifetime;
  }

  /** A bearer assertion (SAML Profiles 3.3) for {@code appliesTo}. */
  public static TokenRequest bearer(String appliesTo) {
    return new TokenRequest(realm(appliesTo), ProofKeyType.BEARER, null, 0, null, null, null);
  }

  /**
   * A holder-of-key assertion with a symmetric proof key of 256 bits from {@code entropy}: the
   * client's, the server's, or both combined with P_SHA1 (WS-Trust 1.3 sections 4.4.3, 4.4.4).
   */
  public static TokenRequest symmetricKey(String appliesTo, EntropyMode entropy) {
    return new TokenRequest(
        realm(appliesTo),
        ProofKeyType.SYMMETRIC,
        Objects.requireNonNull(entropy, "entropy"),
        256,
        null,
        null,
        null);
  }

  /**
   * A holder-of-key assertion bound to {@code certificate} ({@code wst:UseKey}, WS-Trust 1.3
   * section 9.2); the client must hold its private key.
   */
  public static TokenRequest publicKey(String appliesTo, X509Certificate certificate) {
    return new TokenRequest(
        realm(appliesTo),
        ProofKeyType.PUBLIC_KEY,
        null,
        0,
        Objects.requireNonNull(certificate, "certificate"),
        null,
        null);
  }

  /**
   * A holder-of-key assertion bound to the certificate that signs the request (the client must be
   * configured with an X.509 signature).
   */
  public static TokenRequest publicKeyOfSignature(String appliesTo) {
    return new TokenRequest(realm(appliesTo), ProofKeyType.PUBLIC_KEY, null, 0, null, null, null);
  }

  /** The symmetric proof key size, 128 to 512 bits. */
  public TokenRequest keySizeBits(int bits) {
    if (keyType != ProofKeyType.SYMMETRIC) {
      throw new IllegalStateException("a key size belongs to a symmetric key request");
    }
    if (bits < 128 || bits > 512 || bits % 8 != 0) {
      throw new IllegalArgumentException("keySizeBits must be a multiple of 8 in 128..512");
    }
    return new TokenRequest(
        appliesTo, keyType, entropy, bits, useKey, renewableAfterExpiry, lifetime);
  }

  /**
   * Asks for a renewable token ({@code wst:Renewing Allow="true"}), renewable after it expired too
   * when {@code afterExpiry} ({@code OK="true"}, WS-Trust 1.3 section 5).
   */
  public TokenRequest renewable(boolean afterExpiry) {
    return new TokenRequest(
        appliesTo, keyType, entropy, keySizeBits, useKey, afterExpiry, lifetime);
  }

  /** Asks for a lifetime of at most {@code lifetime} ({@code wst:Lifetime}). */
  public TokenRequest lifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive");
    }
    return new TokenRequest(
        appliesTo, keyType, entropy, keySizeBits, useKey, renewableAfterExpiry, lifetime);
  }

  public String appliesTo() {
    return appliesTo;
  }

  public ProofKeyType keyType() {
    return keyType;
  }

  /** For a symmetric key: who supplies the key material. */
  public Optional<EntropyMode> entropy() {
    return Optional.ofNullable(entropy);
  }

  public int keySizeBits() {
    return keySizeBits;
  }

  public Optional<X509Certificate> useKey() {
    return Optional.ofNullable(useKey);
  }

  /** Empty when no renewal is asked; else whether renewal after expiry is asked too. */
  public Optional<Boolean> renewableAfterExpiry() {
    return Optional.ofNullable(renewableAfterExpiry);
  }

  public Optional<Duration> lifetime() {
    return Optional.ofNullable(lifetime);
  }

  @Override
  public String toString() {
    return "TokenRequest["
        + appliesTo
        + ", "
        + keyType
        + (entropy != null ? " " + entropy : "")
        + "]";
  }

  private static String realm(String appliesTo) {
    Objects.requireNonNull(appliesTo, "appliesTo");
    if (appliesTo.isBlank()) {
      throw new IllegalArgumentException("appliesTo must not be blank");
    }
    return appliesTo;
  }
}

package org.parley.core.claims;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * The token an identity was built from (a SAML assertion, say), kept so that a relying party can
 * act on the user's behalf (WIF {@code BootstrapContext}). Opaque to core: a token type URI and the
 * token's serialized bytes, copied in and out.
 *
 * <p>A bootstrap token is a bearer credential, so it is treated like a secret: {@link #toString()}
 * shows its type and length only, and {@link #equals} compares the bytes in constant time ({@link
 * MessageDigest#isEqual}); {@link #hashCode()} uses only the type and the length, so it leaks
 * nothing about the content.
 */
public final class BootstrapToken {
  private final String tokenType;
  private final byte[] serialized;

  private BootstrapToken(String tokenType, byte[] serialized) {
    this.tokenType = tokenType;
    this.serialized = serialized;
  }

  /**
   * @param tokenType the token type URI, e.g. {@code
   *     http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0}
   * @param serialized the token as it was received; copied
   */
  public static BootstrapToken of(String tokenType, byte[] serialized) {
    Claim.requireText(tokenType, "tokenType");
    Objects.requireNonNull(serialized, "serialized");
    if (serialized.length == 0) {
      throw new IllegalArgumentException("serialized must not be empty");
    }
    return new BootstrapToken(tokenType, serialized.clone());
  }

  public String tokenType() {
    return tokenType;
  }

  /** A copy of the serialized token. */
  public byte[] serializedForm() {
    return serialized.clone();
  }

  public int lengthBytes() {
    return serialized.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BootstrapToken t
        && tokenType.equals(t.tokenType)
        && MessageDigest.isEqual(serialized, t.serialized);
  }

  @Override
  public int hashCode() {
    return 31 * tokenType.hashCode() + serialized.length;
  }

  @Override
  public String toString() {
    return "BootstrapToken[type=" + tokenType + ", " + serialized.length + " bytes]";
  }
}

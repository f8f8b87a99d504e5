package org.parley.sts.client;

/** Test access to {@link IssuedToken}'s constructor: the same token with other assertion bytes. */
public final class IssuedTokens {
  private IssuedTokens() {}

  public static IssuedToken withAssertion(IssuedToken t, byte[] xml) {
    return new IssuedToken(
        t.version(),
        xml,
        t.id(),
        t.created().orElse(null),
        t.expires().orElse(null),
        t.keyType(),
        t.proofKey().orElse(null),
        t.appliesTo().orElse(null));
  }
}

package org.parley.sts.saml;

import org.parley.core.claims.ClaimsIdentity;

/**
 * An assertion that passed every check of {@link SamlAssertionValidator}; only the validator builds
 * one. The identity's bootstrap token is the assertion as received.
 */
public final class VerifiedAssertion {
  private final SamlAssertion assertion;
  private final ClaimsIdentity identity;

  VerifiedAssertion(SamlAssertion assertion, ClaimsIdentity identity) {
    this.assertion = assertion;
    this.identity = identity;
  }

  public SamlAssertion assertion() {
    return assertion;
  }

  public ClaimsIdentity identity() {
    return identity;
  }

  @Override
  public String toString() {
    return "VerifiedAssertion[" + assertion + "]";
  }
}

package org.parley.web;

import org.parley.core.claims.ClaimsPrincipal;

/** Public doors onto {@link Principals} for tests in other packages. */
public final class TestPrincipals {
  private TestPrincipals() {}

  public static ClaimsPrincipal alice() {
    return Principals.alice();
  }

  public static ClaimsPrincipal multi() {
    return Principals.multi("mallory");
  }
}

package org.parley.web;

import java.security.Principal;
import java.util.Objects;
import org.parley.core.claims.ClaimsPrincipal;

/**
 * The {@link Principal} that {@code HttpServletRequest.getUserPrincipal()} returns for a request
 * with a valid session: its name is the primary identity's name, and {@link #claims()} gives the
 * whole claims principal.
 */
public final class SessionPrincipal implements Principal {
  private final ClaimsPrincipal claims;

  SessionPrincipal(ClaimsPrincipal claims) {
    this.claims = Objects.requireNonNull(claims, "claims");
  }

  public ClaimsPrincipal claims() {
    return claims;
  }

  /** The primary identity's name, or the empty string if it has no name claim. */
  @Override
  public String getName() {
    return claims.primaryIdentity().flatMap(i -> i.name()).orElse("");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionPrincipal p && claims.equals(p.claims);
  }

  @Override
  public int hashCode() {
    return claims.hashCode();
  }

  @Override
  public String toString() {
    return "SessionPrincipal[" + claims.identities().size() + " identities]";
  }
}

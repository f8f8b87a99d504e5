package org.parley.core.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The subject of a request: one or more {@link ClaimsIdentity identities}, one per credential that
 * proved something about it (WIF {@code ClaimsPrincipal}); order kept, the first is the primary
 * identity. Final and immutable; equality is on the identities, in order.
 */
public final class ClaimsPrincipal {
  private static final ClaimsPrincipal ANONYMOUS = new ClaimsPrincipal(List.of());

  private final List<ClaimsIdentity> identities;

  private ClaimsPrincipal(List<ClaimsIdentity> identities) {
    this.identities = List.copyOf(identities);
  }

  /** A principal of the given identities, in this order. */
  public static ClaimsPrincipal of(ClaimsIdentity first, ClaimsIdentity... more) {
    Builder b = builder().addIdentity(first);
    for (ClaimsIdentity i : more) {
      b.addIdentity(i);
    }
    return b.build();
  }

  /** The principal with no identity: nobody has proved anything. */
  public static ClaimsPrincipal anonymous() {
    return ANONYMOUS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<ClaimsIdentity> identities() {
    return identities;
  }

  /**
   * The first identity, as WIF's default {@code PrimaryIdentitySelector} picks when none is
   * Windows.
   */
  public Optional<ClaimsIdentity> primaryIdentity() {
    return identities.isEmpty() ? Optional.empty() : Optional.of(identities.get(0));
  }

  /** True if the primary identity is authenticated. */
  public boolean isAuthenticated() {
    return primaryIdentity().map(ClaimsIdentity::isAuthenticated).orElse(false);
  }

  /** Claims of all identities (not their actors), identity by identity, in order. */
  public List<Claim> claims() {
    return identities.stream().flatMap(i -> i.claims().stream()).toList();
  }

  /** Claims of {@code type} (ignoring case) in all identities, in order. */
  public List<Claim> findAll(String type) {
    return identities.stream().flatMap(i -> i.findAll(type).stream()).toList();
  }

  public Optional<Claim> findFirst(String type) {
    return identities.stream().flatMap(i -> i.findFirst(type).stream()).findFirst();
  }

  public boolean hasClaim(String type, String value) {
    return identities.stream().anyMatch(i -> i.hasClaim(type, value));
  }

  /** True if any identity is in the role, each by its own role claim type. */
  public boolean isInRole(String role) {
    return identities.stream().anyMatch(i -> i.isInRole(role));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClaimsPrincipal p && identities.equals(p.identities);
  }

  @Override
  public int hashCode() {
    return identities.hashCode();
  }

  @Override
  public String toString() {
    return "ClaimsPrincipal" + identities;
  }

  public static final class Builder {
    /**
     * Most identities a principal may hold; one per credential presented, so a handful in practice.
     */
    public static final int MAX_IDENTITIES = 16;

    private final List<ClaimsIdentity> identities = new ArrayList<>();

    private Builder() {}

    public Builder addIdentity(ClaimsIdentity identity) {
      Objects.requireNonNull(identity, "identity");
      if (identities.size() == MAX_IDENTITIES) {
        throw new IllegalArgumentException(
            "more than ClaimsPrincipal.Builder.MAX_IDENTITIES (" + MAX_IDENTITIES + ") identities");
      }
      identities.add(identity);
      return this;
    }

    public ClaimsPrincipal build() {
      return new ClaimsPrincipal(identities);
    }
  }
}

package org.parley.core.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One identity of a subject, as one credential proved it: its claims (order kept), how it was
 * authenticated, which claim types carry its name and its roles, an optional actor (the identity
 * acting on its behalf, WS-Trust {@code ActAs} / WIF {@code ClaimsIdentity.Actor}) and an optional
 * {@link BootstrapToken}. Final and immutable; built with {@link #builder()}.
 *
 * <p>Equality is on values: claims (in order), authentication type, name and role claim types,
 * actor and bootstrap token (the latter compared in constant time, see {@link BootstrapToken}).
 */
public final class ClaimsIdentity {
  /**
   * Longest actor chain accepted (an actor of an actor of ...). Delegation chains in practice are
   * one or two deep; the bound keeps a hostile token from building a deep structure.
   */
  public static final int MAX_ACTOR_DEPTH = 8;

  private final List<Claim> claims;
  private final String authenticationType;
  private final String nameClaimType;
  private final String roleClaimType;
  private final ClaimsIdentity actor;
  private final BootstrapToken bootstrapToken;

  private ClaimsIdentity(Builder b) {
    this.claims = List.copyOf(b.claims);
    this.authenticationType = b.authenticationType;
    this.nameClaimType = b.nameClaimType;
    this.roleClaimType = b.roleClaimType;
    this.actor = b.actor;
    this.bootstrapToken = b.bootstrapToken;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this identity's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b =
        new Builder().nameClaimType(nameClaimType).roleClaimType(roleClaimType).addClaims(claims);
    b.authenticationType = authenticationType;
    b.actor = actor;
    b.bootstrapToken = bootstrapToken;
    return b;
  }

  /** All claims, in the order they were added; unmodifiable. */
  public List<Claim> claims() {
    return claims;
  }

  /** How the identity was authenticated (e.g. {@code X509}); empty for an anonymous identity. */
  public Optional<String> authenticationType() {
    return Optional.ofNullable(authenticationType);
  }

  /** True when an authentication type is set, as in WIF. */
  public boolean isAuthenticated() {
    return authenticationType != null;
  }

  public String nameClaimType() {
    return nameClaimType;
  }

  public String roleClaimType() {
    return roleClaimType;
  }

  /** The value of the first claim of the name claim type. */
  public Optional<String> name() {
    return findFirst(nameClaimType).map(Claim::value);
  }

  public Optional<ClaimsIdentity> actor() {
    return Optional.ofNullable(actor);
  }

  public Optional<BootstrapToken> bootstrapToken() {
    return Optional.ofNullable(bootstrapToken);
  }

  /** Claims of {@code type} (compared ignoring case, see {@link Claim#hasType}), in order. */
  public List<Claim> findAll(String type) {
    Objects.requireNonNull(type, "type");
    return claims.stream().filter(c -> c.hasType(type)).toList();
  }

  public Optional<Claim> findFirst(String type) {
    Objects.requireNonNull(type, "type");
    return claims.stream().filter(c -> c.hasType(type)).findFirst();
  }

  /** True if a claim has this type (ignoring case) and exactly this value. */
  public boolean hasClaim(String type, String value) {
    Objects.requireNonNull(value, "value");
    return findAll(type).stream().anyMatch(c -> c.value().equals(value));
  }

  /** True if a claim of the role claim type has exactly this value. */
  public boolean isInRole(String role) {
    return hasClaim(roleClaimType, role);
  }

  /** Number of identities in the actor chain below this one (0 when there is no actor). */
  public int actorDepth() {
    int depth = 0;
    for (ClaimsIdentity a = actor; a != null; a = a.actor) {
      depth++;
    }
    return depth;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClaimsIdentity i
        && claims.equals(i.claims)
        && Objects.equals(authenticationType, i.authenticationType)
        && nameClaimType.equals(i.nameClaimType)
        && roleClaimType.equals(i.roleClaimType)
        && Objects.equals(actor, i.actor)
        && Objects.equals(bootstrapToken, i.bootstrapToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        claims, authenticationType, nameClaimType, roleClaimType, actor, bootstrapToken);
  }

  @Override
  public String toString() {
    return "ClaimsIdentity[authenticationType="
        + authenticationType
        + ", "
        + claims.size()
        + " claims"
        + (actor == null ? "" : ", actor")
        + (bootstrapToken == null ? "" : ", bootstrap token")
        + "]";
  }

  /** Validates each setter. */
  public static final class Builder {
    private final List<Claim> claims = new ArrayList<>();
    private String authenticationType;
    private String nameClaimType = ClaimTypes.NAME;
    private String roleClaimType = ClaimTypes.ROLE;
    private ClaimsIdentity actor;
    private BootstrapToken bootstrapToken;

    private Builder() {}

    public Builder authenticationType(String authenticationType) {
      this.authenticationType = Claim.requireText(authenticationType, "authenticationType");
      return this;
    }

    public Builder nameClaimType(String nameClaimType) {
      this.nameClaimType = Claim.requireText(nameClaimType, "nameClaimType");
      return this;
    }

    public Builder roleClaimType(String roleClaimType) {
      this.roleClaimType = Claim.requireText(roleClaimType, "roleClaimType");
      return this;
    }

    public Builder addClaim(Claim claim) {
      claims.add(Objects.requireNonNull(claim, "claim"));
      return this;
    }

    /** Adds a string claim issued by {@link Claim#DEFAULT_ISSUER}. */
    public Builder addClaim(String type, String value) {
      return addClaim(Claim.of(type, value));
    }

    public Builder addClaims(Collection<Claim> toAdd) {
      toAdd.forEach(this::addClaim);
      return this;
    }

    /** Removes every claim of {@code type} (ignoring case). */
    public Builder removeClaims(String type) {
      claims.removeIf(c -> c.hasType(type));
      return this;
    }

    public Builder actor(ClaimsIdentity actor) {
      Objects.requireNonNull(actor, "actor");
      if (actor.actorDepth() + 1 > MAX_ACTOR_DEPTH) {
        throw new IllegalArgumentException(
            "actor chain deeper than ClaimsIdentity.MAX_ACTOR_DEPTH (" + MAX_ACTOR_DEPTH + ")");
      }
      this.actor = actor;
      return this;
    }

    public Builder bootstrapToken(BootstrapToken bootstrapToken) {
      this.bootstrapToken = Objects.requireNonNull(bootstrapToken, "bootstrapToken");
      return this;
    }

    public ClaimsIdentity build() {
      return new ClaimsIdentity(this);
    }
  }
}

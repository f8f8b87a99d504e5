package org.parley.sts.users;

import java.util.List;
import java.util.Objects;
import org.parley.core.claims.Claim;

/** A user as a {@link UserStore} holds it: name, password hash and the claims the STS issues. */
public final class StoredUser {
  private final String username;
  private final PasswordHash passwordHash;
  private final List<Claim> claims;

  private StoredUser(String username, PasswordHash passwordHash, List<Claim> claims) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.claims = claims;
  }

  public static StoredUser of(String username, PasswordHash passwordHash, List<Claim> claims) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    return new StoredUser(username, passwordHash, List.copyOf(claims));
  }

  public String username() {
    return username;
  }

  public PasswordHash passwordHash() {
    return passwordHash;
  }

  public List<Claim> claims() {
    return claims;
  }

  @Override
  public String toString() {
    return "StoredUser[" + username + ", " + claims.size() + " claims]";
  }
}

package org.parley.sts.auth;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.claims.BootstrapToken;

/**
 * A user name and clear-text password (a {@code wsse:UsernameToken}, OASIS WSS Username Token
 * Profile 1.1 section 3.1), with the token minus its password as the bootstrap token. The password
 * is held in a char array that {@link #clear()} overwrites; {@link #toString()} never shows it.
 */
public final class PasswordCredential implements Credential {
  private final String username;
  private final char[] password;
  private final BootstrapToken bootstrapToken;

  private PasswordCredential(String username, char[] password, BootstrapToken bootstrapToken) {
    this.username = username;
    this.password = password;
    this.bootstrapToken = bootstrapToken;
  }

  /**
   * @param password copied; clear the caller's copy yourself
   * @param bootstrapToken the presented token without the password, or null
   */
  public static PasswordCredential of(
      String username, char[] password, BootstrapToken bootstrapToken) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    return new PasswordCredential(username, password.clone(), bootstrapToken);
  }

  public String username() {
    return username;
  }

  /** A copy of the password; the caller clears it. */
  public char[] password() {
    return password.clone();
  }

  public Optional<BootstrapToken> bootstrapToken() {
    return Optional.ofNullable(bootstrapToken);
  }

  /** Overwrites the password held here. */
  public void clear() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "PasswordCredential[" + username + "]";
  }
}

package org.parley.web;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Per-session choices for {@link SessionManager#signIn}. Immutable. */
public final class SignInOptions {
  private static final SignInOptions DEFAULTS = new Builder().build();

  private final boolean referenceMode;
  private final String userKey;
  private final Duration absoluteLifetime;

  private SignInOptions(Builder b) {
    this.referenceMode = b.referenceMode;
    this.userKey = b.userKey;
    this.absoluteLifetime = b.absoluteLifetime;
  }

  /** Configuration defaults: mode by policy, user key from the principal, configured lifetimes. */
  public static SignInOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True if this session must use reference mode whatever its size. */
  public boolean referenceMode() {
    return referenceMode;
  }

  public Optional<String> userKey() {
    return Optional.ofNullable(userKey);
  }

  public Optional<Duration> absoluteLifetime() {
    return Optional.ofNullable(absoluteLifetime);
  }

  public static final class Builder {
    private boolean referenceMode;
    private String userKey;
    private Duration absoluteLifetime;

    private Builder() {}

    /** Puts this session in reference mode (WIF {@code SessionSecurityToken.IsReferenceMode}). */
    public Builder referenceMode() {
      this.referenceMode = true;
      return this;
    }

    /**
     * Names the user for "sign out everywhere"; by default the manager's user key resolver reads it
     * from the principal.
     */
    public Builder userKey(String userKey) {
      Objects.requireNonNull(userKey, "userKey");
      if (userKey.isBlank() || userKey.length() > SessionToken.MAX_NAME_CHARS) {
        throw new IllegalArgumentException(
            "userKey must be 1 to SessionToken.MAX_NAME_CHARS characters, not blank");
      }
      this.userKey = userKey;
      return this;
    }

    /** A shorter absolute lifetime for this session (capped by the configured one). */
    public Builder absoluteLifetime(Duration absoluteLifetime) {
      Objects.requireNonNull(absoluteLifetime, "absoluteLifetime");
      if (absoluteLifetime.isNegative() || absoluteLifetime.isZero()) {
        throw new IllegalArgumentException("absoluteLifetime must be positive");
      }
      this.absoluteLifetime = absoluteLifetime;
      return this;
    }

    public SignInOptions build() {
      return new SignInOptions(this);
    }
  }
}

package org.parley.web;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import org.parley.core.claims.ClaimsPrincipal;

/**
 * A session security token (WIF {@code SessionSecurityToken}): the claims principal with every
 * identity (claims, actor, bootstrap token), the session id, the user it belongs to and its
 * lifetime. Final and immutable; built with {@link #builder()}.
 *
 * <p>Times: {@code signedIn} is when the user authenticated (kept across renewals, so that "sign
 * out everywhere" also catches renewed tokens); {@code issued} is when this token was written;
 * {@code validFrom <= now < slidingExpiry} and {@code now < absoluteExpiry} must hold for the token
 * to be accepted; renewal moves {@code slidingExpiry} forward but never past {@code
 * absoluteExpiry}.
 *
 * <p>Every issuance gets a fresh session id ({@link #newSessionId()}, 192 bits from {@link
 * SecureRandom}): WIF does not update its token cache when a token is re-issued with the id of the
 * original one, and a reused id would let a stale entry shadow the new token.
 */
public final class SessionToken {
  /** Random bytes in a session id (192 bits; at least 128 are required). */
  public static final int SESSION_ID_BYTES = 24;

  /** Longest context id and user key, in characters. */
  public static final int MAX_NAME_CHARS = 256;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22,64}");

  private final String sessionId;
  private final String context;
  private final String userKey;
  private final ClaimsPrincipal principal;
  private final Instant signedIn;
  private final Instant issued;
  private final Instant validFrom;
  private final Instant slidingExpiry;
  private final Instant absoluteExpiry;

  private SessionToken(Builder b) {
    this.sessionId = b.sessionId;
    this.context = b.context;
    this.userKey = b.userKey;
    this.principal = b.principal;
    this.signedIn = b.signedIn;
    this.issued = b.issued;
    this.validFrom = b.validFrom;
    this.slidingExpiry = b.slidingExpiry;
    this.absoluteExpiry = b.absoluteExpiry;
  }

  /** A fresh session id: {@link #SESSION_ID_BYTES} bytes from SecureRandom, base64url. */
  public static String newSessionId() {
    byte[] b = new byte[SESSION_ID_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this token's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sessionId = sessionId;
    b.context = context;
    b.userKey = userKey;
    b.principal = principal;
    b.signedIn = signedIn;
    b.issued = issued;
    b.validFrom = validFrom;
    b.slidingExpiry = slidingExpiry;
    b.absoluteExpiry = absoluteExpiry;
    return b;
  }

  public String sessionId() {
    return sessionId;
  }

  /** The context (relying party / endpoint) the session belongs to; bound into the seal. */
  public String context() {
    return context;
  }

  /** Names the user for "sign out everywhere". */
  public String userKey() {
    return userKey;
  }

  public ClaimsPrincipal principal() {
    return principal;
  }

  public Instant signedIn() {
    return signedIn;
  }

  public Instant issued() {
    return issued;
  }

  public Instant validFrom() {
    return validFrom;
  }

  public Instant slidingExpiry() {
    return slidingExpiry;
  }

  public Instant absoluteExpiry() {
    return absoluteExpiry;
  }

  /** The earlier of the two expiries: the token is refused from this instant on. */
  public Instant effectiveExpiry() {
    return slidingExpiry.isBefore(absoluteExpiry) ? slidingExpiry : absoluteExpiry;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionToken t
        && sessionId.equals(t.sessionId)
        && context.equals(t.context)
        && userKey.equals(t.userKey)
        && principal.equals(t.principal)
        && signedIn.equals(t.signedIn)
        && issued.equals(t.issued)
        && validFrom.equals(t.validFrom)
        && slidingExpiry.equals(t.slidingExpiry)
        && absoluteExpiry.equals(t.absoluteExpiry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessionId, issued, absoluteExpiry);
  }

  /** No claim values, no user key: those are personal data. */
  @Override
  public String toString() {
    return "SessionToken[context="
        + context
        + ", "
        + principal.identities().size()
        + " identities, issued "
        + issued
        + ", expires "
        + effectiveExpiry()
        + "]";
  }

  /** Validates each setter; {@link #build()} refuses an incomplete or inconsistent token. */
  public static final class Builder {
    private String sessionId;
    private String context;
    private String userKey;
    private ClaimsPrincipal principal;
    private Instant signedIn;
    private Instant issued;
    private Instant validFrom;
    private Instant slidingExpiry;
    private Instant absoluteExpiry;

    private Builder() {}

    /** A session id of base64url characters, 22 (128 bits) to 64 characters. */
    public Builder sessionId(String sessionId) {
      Objects.requireNonNull(sessionId, "sessionId");
      if (!SESSION_ID.matcher(sessionId).matches()) {
        throw new IllegalArgumentException(
            "sessionId must be 22 to 64 base64url characters (at least 128 bits)");
      }
      this.sessionId = sessionId;
      return this;
    }

    public Builder context(String context) {
      this.context = requireName(context, "context");
      return this;
    }

    public Builder userKey(String userKey) {
      this.userKey = requireName(userKey, "userKey");
      return this;
    }

    public Builder principal(ClaimsPrincipal principal) {
      Objects.requireNonNull(principal, "principal");
      if (principal.identities().isEmpty()) {
        throw new IllegalArgumentException("principal must have at least one identity");
      }
      this.principal = principal;
      return this;
    }

    public Builder signedIn(Instant signedIn) {
      this.signedIn = Objects.requireNonNull(signedIn, "signedIn");
      return this;
    }

    public Builder issued(Instant issued) {
      this.issued = Objects.requireNonNull(issued, "issued");
      return this;
    }

    public Builder validFrom(Instant validFrom) {
      this.validFrom = Objects.requireNonNull(validFrom, "validFrom");
      return this;
    }

    public Builder slidingExpiry(Instant slidingExpiry) {
      this.slidingExpiry = Objects.requireNonNull(slidingExpiry, "slidingExpiry");
      return this;
    }

    public Builder absoluteExpiry(Instant absoluteExpiry) {
      this.absoluteExpiry = Objects.requireNonNull(absoluteExpiry, "absoluteExpiry");
      return this;
    }

    public SessionToken build() {
      require(sessionId, "sessionId");
      require(context, "context");
      require(userKey, "userKey");
      require(principal, "principal");
      require(signedIn, "signedIn");
      require(issued, "issued");
      require(validFrom, "validFrom");
      require(slidingExpiry, "slidingExpiry");
      require(absoluteExpiry, "absoluteExpiry");
      if (issued.isBefore(signedIn)) {
        throw new IllegalStateException("issued " + issued + " is before signedIn " + signedIn);
      }
      if (!slidingExpiry.isAfter(validFrom) || !absoluteExpiry.isAfter(validFrom)) {
        throw new IllegalStateException("both expiries must be after validFrom " + validFrom);
      }
      if (slidingExpiry.isAfter(absoluteExpiry)) {
        throw new IllegalStateException(
            "slidingExpiry " + slidingExpiry + " is after absoluteExpiry " + absoluteExpiry);
      }
      return new SessionToken(this);
    }

    private static void require(Object v, String name) {
      if (v == null) {
        throw new IllegalStateException(name + " is not set");
      }
    }

    private static String requireName(String s, String name) {
      Objects.requireNonNull(s, name);
      if (s.isBlank() || s.length() > MAX_NAME_CHARS) {
        throw new IllegalArgumentException(
            name
                + " must be 1 to SessionToken.MAX_NAME_CHARS ("
                + MAX_NAME_CHARS
                + ") characters, not blank");
      }
      return s;
    }
  }
}

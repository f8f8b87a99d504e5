package org.parley.core.store;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A web session token kept server-side (reference mode: the cookie holds only the session id): the
 * token sealed by the key ring, the user it belongs to (so that "sign out everywhere" finds all of
 * them) and when the store may forget it. Immutable; the sealed bytes are copied in and out and
 * compared in constant time; {@link #toString()} does not show them.
 */
public final class StoredSession {
  /** Longest session id or user key accepted. */
  public static final int MAX_ID_CHARS = 1024;

  private final String sessionId;
  private final String userKey;
  private final byte[] sealedToken;
  private final Instant expires;

  private StoredSession(String sessionId, String userKey, byte[] sealedToken, Instant expires) {
    this.sessionId = sessionId;
    this.userKey = userKey;
    this.sealedToken = sealedToken;
    this.expires = expires;
  }

  /**
   * @param sessionId the id the cookie carries
   * @param userKey names the user (e.g. the primary identity's name identifier)
   * @param sealedToken the session token, sealed; copied
   * @param expires when the store may forget the session
   */
  public static StoredSession of(
      String sessionId, String userKey, byte[] sealedToken, Instant expires) {
    requireId(sessionId, "sessionId");
    requireId(userKey, "userKey");
    Objects.requireNonNull(sealedToken, "sealedToken");
    Objects.requireNonNull(expires, "expires");
    return new StoredSession(sessionId, userKey, sealedToken.clone(), expires);
  }

  public String sessionId() {
    return sessionId;
  }

  public String userKey() {
    return userKey;
  }

  /** A copy of the sealed token. */
  public byte[] sealedToken() {
    return sealedToken.clone();
  }

  public Instant expires() {
    return expires;
  }

  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expires);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredSession s
        && sessionId.equals(s.sessionId)
        && userKey.equals(s.userKey)
        && expires.equals(s.expires)
        && MessageDigest.isEqual(sealedToken, s.sealedToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessionId, userKey, expires);
  }

  @Override
  public String toString() {
    return "StoredSession[user " + userKey + ", expires " + expires + "]";
  }

  private static void requireId(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isEmpty() || s.length() > MAX_ID_CHARS) {
      throw new IllegalArgumentException(
          name
              + " must have 1 to StoredSession.MAX_ID_CHARS ("
              + MAX_ID_CHARS
              + ") characters, had "
              + s.length());
    }
  }
}

package org.parley.web;

import org.parley.core.claims.ClaimsPrincipal;

/**
 * A session whose cookies opened under the key ring, whose token parsed, and which was in its
 * lifetime, in its context and not revoked when the request arrived. Only {@link SessionManager}
 * builds one.
 */
public final class ValidatedSession {
  private final SessionToken token;
  private final SessionMode mode;
  private final int cookieBytes;

  ValidatedSession(SessionToken token, SessionMode mode, int cookieBytes) {
    this.token = token;
    this.mode = mode;
    this.cookieBytes = cookieBytes;
  }

  public SessionToken token() {
    return token;
  }

  public ClaimsPrincipal principal() {
    return token.principal();
  }

  public SessionMode mode() {
    return mode;
  }

  /** Bytes this session's cookies add to the {@code Cookie} request header. */
  public int cookieBytes() {
    return cookieBytes;
  }

  @Override
  public String toString() {
    return "ValidatedSession[" + mode + ", " + cookieBytes + " cookie bytes, " + token + "]";
  }
}

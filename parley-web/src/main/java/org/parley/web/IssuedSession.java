package org.parley.web;

import java.util.List;

/**
 * A session started by {@link SessionManager#issue}: the session and the {@code Set-Cookie} header
 * values (name, value and attributes, each at most 4096 bytes) that carry it.
 */
public final class IssuedSession {
  private final ValidatedSession session;
  private final List<String> setCookieHeaders;

  IssuedSession(ValidatedSession session, List<String> setCookieHeaders) {
    this.session = session;
    this.setCookieHeaders = List.copyOf(setCookieHeaders);
  }

  public ValidatedSession session() {
    return session;
  }

  /** One value per chunk, in chunk order. */
  public List<String> setCookieHeaders() {
    return setCookieHeaders;
  }

  @Override
  public String toString() {
    return "IssuedSession[" + session + ", " + setCookieHeaders.size() + " cookies]";
  }
}

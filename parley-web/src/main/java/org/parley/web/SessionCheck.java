package org.parley.web;

import java.util.Optional;
import org.parley.web.SessionEvent.Reason;

/**
 * The outcome of {@link SessionManager#check}: a valid session, a rejection with its reason, or no
 * session cookie at all. Immutable.
 */
public final class SessionCheck {
  private static final SessionCheck ANONYMOUS = new SessionCheck(null, null);

  private final ValidatedSession session;
  private final Reason rejection;

  private SessionCheck(ValidatedSession session, Reason rejection) {
    this.session = session;
    this.rejection = rejection;
  }

  static SessionCheck anonymous() {
    return ANONYMOUS;
  }

  static SessionCheck valid(ValidatedSession session) {
    return new SessionCheck(session, null);
  }

  static SessionCheck rejected(Reason reason) {
    return new SessionCheck(null, reason);
  }

  public Optional<ValidatedSession> session() {
    return Optional.ofNullable(session);
  }

  /** Why the cookies were refused; empty if valid or if there was no session cookie. */
  public Optional<Reason> rejection() {
    return Optional.ofNullable(rejection);
  }

  @Override
  public String toString() {
    return session != null
        ? "SessionCheck[valid]"
        : rejection != null ? "SessionCheck[" + rejection + "]" : "SessionCheck[none]";
  }
}

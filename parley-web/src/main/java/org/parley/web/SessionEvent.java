package org.parley.web;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to a session on one request. Carries no token, secret or claim value: only the
 * type, the reason a cookie was rejected, the session id of a session Parley itself issued or
 * ended, its mode and the size of its cookies.
 */
public final class SessionEvent {
  /** What happened. */
  public enum Type {
    /** A session was started ({@link SessionManager#signIn}). */
    ISSUED,
    /** A session's sliding expiry was moved forward (a new token and session id were issued). */
    RENEWED,
    /** A session was ended by {@link SessionManager#signOut}. */
    SIGNED_OUT,
    /** Every session of a user was ended by {@link SessionManager#signOutEverywhere}. */
    SIGNED_OUT_EVERYWHERE,
    /**
     * Session cookies were present but refused; the request continued as anonymous and the cookies
     * were cleared. {@link #reason()} says why.
     */
    REJECTED
  }

  /** Why session cookies were refused. */
  public enum Reason {
    /** Not the format Parley writes: bad chunk header, bad characters, bad base64, bad fields. */
    MALFORMED,
    /** Fewer bytes than the chunk header announced, or too few to hold a sealed token. */
    TRUNCATED,
    /** The seal did not verify under a key the ring holds (altered bytes). */
    TAMPERED,
    /** Sealed under a key id this ring does not hold (or whose key has expired). */
    WRONG_KEY,
    /** The chunks do not all carry the same generation: pieces of two different cookie sets. */
    MIXED_GENERATION,
    /** A chunk the first chunk announced is missing, or the first chunk itself is missing. */
    PARTIAL_CHUNK_SET,
    /** The session cookies are larger than the configured cookie budget. */
    OVERSIZED,
    /** The token's validFrom is later than now plus the allowed clock skew. */
    NOT_YET_VALID,
    /** The sliding expiry has passed (no request for too long). */
    SLIDING_EXPIRED,
    /** The absolute expiry has passed (the session is too old, whatever its activity). */
    ABSOLUTE_EXPIRED,
    /** The token was issued for another context (relying party / endpoint). */
    WRONG_CONTEXT,
    /** Reference mode: the store holds no session of this id (signed out, expired, or invented). */
    UNKNOWN_REFERENCE,
    /** The user signed out everywhere after this session was started. */
    REVOKED,
    /** The session store failed; the session could not be checked, so it was not trusted. */
    STORE_UNAVAILABLE
  }

  private final Type type;
  private final Reason reason;
  private final Instant at;
  private final String sessionId;
  private final SessionMode mode;
  private final int cookieBytes;

  private SessionEvent(
      Type type, Reason reason, Instant at, String sessionId, SessionMode mode, int cookieBytes) {
    this.type = type;
    this.reason = reason;
    this.at = at;
    this.sessionId = sessionId;
    this.mode = mode;
    this.cookieBytes = cookieBytes;
  }

  static SessionEvent rejected(Reason reason, Instant at) {
    return new SessionEvent(
        Type.REJECTED, Objects.requireNonNull(reason, "reason"), at, null, null, 0);
  }

  static SessionEvent of(Type type, Instant at, String sessionId, SessionMode mode, int bytes) {
    if (type == Type.REJECTED) {
      throw new IllegalArgumentException("use rejected(reason)");
    }
    return new SessionEvent(type, null, at, sessionId, mode, bytes);
  }

  public Type type() {
    return type;
  }

  /** Present exactly when {@link #type()} is {@link Type#REJECTED}. */
  public Optional<Reason> reason() {
    return Optional.ofNullable(reason);
  }

  public Instant at() {
    return at;
  }

  /** The id of a session Parley issued, renewed or ended; empty for rejections. */
  public Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  public Optional<SessionMode> mode() {
    return Optional.ofNullable(mode);
  }

  /** Bytes of the session's part of the {@code Cookie} request header (0 when not known). */
  public int cookieBytes() {
    return cookieBytes;
  }

  @Override
  public String toString() {
    return "SessionEvent["
        + type
        + (reason == null ? "" : " " + reason)
        + (mode == null ? "" : " " + mode)
        + " at "
        + at
        + "]";
  }
}

package org.parley.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.OpenFailedException;
import org.parley.core.keys.RingKey;
import org.parley.core.store.SessionTokenStore;
import org.parley.core.store.memory.InMemorySessionTokenStore;
import org.parley.web.SessionEvent.Reason;
import org.parley.web.internal.ChunkedCookies;
import org.parley.web.internal.CoreReferenceStore;
import org.parley.web.internal.MalformedException;
import org.parley.web.internal.ReferenceStore;
import org.parley.web.internal.Rejected;
import org.parley.web.internal.RevocationMarks;
import org.parley.web.internal.Sealer;
import org.parley.web.internal.TokenCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relying party's session engine (the analogue of WIF's {@code SessionAuthenticationModule}
 * with its {@code ChunkedCookieHandler} and {@code SessionSecurityTokenHandler}): starts a session
 * for a {@link ClaimsPrincipal}, writes it as sealed, chunked cookies (or as a reference into the
 * session store), reads it back on every request, renews its sliding expiry, and ends it.
 *
 * <p>Built once with {@link #builder()}, immutable and thread-safe; shared by the {@link
 * SessionAuthenticationFilter} and the application (or the federation module) that calls {@link
 * #signIn}.
 *
 * <p>Cookies that do not open, parse or validate never break a request: {@link #authenticate}
 * treats the request as anonymous, clears the cookies and reports a {@link SessionEvent} with the
 * {@link Reason}.
 */
public final class SessionManager {
  /** Request attribute holding the {@link ValidatedSession} of the request, if any. */
  public static final String SESSION_ATTRIBUTE = "org.parley.web.session";

  /** Request attribute holding the {@link ClaimsPrincipal} of the request, if any. */
  public static final String PRINCIPAL_ATTRIBUTE = "org.parley.web.principal";

  /** Default base cookie name; chunks are {@code parley.s.1}, {@code parley.s.2}... */
  public static final String DEFAULT_COOKIE_NAME = "parley.s";

  /** Default budget for the session's part of the {@code Cookie} request header. */
  public static final int DEFAULT_COOKIE_BUDGET_BYTES = 8 * 1024;

  /**
   * Largest {@code Set-Cookie} (name, value and attributes) written: RFC 6265 section 6.1 asks user
   * agents to support at least 4096 bytes per cookie.
   */
  public static final int MAX_SET_COOKIE_BYTES = 4096;

  /** Default sliding window. */
  public static final Duration DEFAULT_SLIDING_WINDOW = Duration.ofHours(1);

  /** Default absolute lifetime; WIF's default session token lifetime is 10 hours. */
  public static final Duration DEFAULT_ABSOLUTE_LIFETIME = Duration.ofHours(10);

  /** Most users whose revocation mark (or its absence) a node caches. */
  public static final int REVOCATION_CACHE_USERS = 10_000;

  /** Largest allowed clock skew between farm nodes (for {@code validFrom} only). */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  /**
   * How long a reference-mode entry stays readable after its session was renewed under a new id, so
   * that requests already in flight with the old cookie are not signed out.
   */
  public static final Duration RENEWAL_GRACE = Duration.ofSeconds(60);

  /** Associated data of the cookie seal: purpose, version and context. */
  static final String COOKIE_PURPOSE = "parley-web/session/v1";

  /** Associated data of a reference-mode store entry: purpose, context and session id. */
  static final String STORE_PURPOSE = "parley-web/session-store/v1";

  static final int REFERENCE_SECRET_BYTES = 32;
  private static final byte KIND_TOKEN = 1;
  private static final byte KIND_REFERENCE = 2;
  private static final String STATE_ATTRIBUTE = "org.parley.web.internal.state";
  private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
  private static final Pattern COOKIE_PATH =
      Pattern.compile("/[A-Za-z0-9._~/%!$&'()*+,=:@-]{0,255}");
  private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);

  private final Supplier<KeyRing> keyRing;
  private final Clock clock;
  private final ReferenceStore store;
  private final ChunkedCookies chunks;
  private final String cookiePath;
  private final CookieSecurity cookieSecurity;
  private final int cookieBudgetBytes;
  private final int maxSetCookieBytes;
  private final Duration slidingWindow;
  private final Duration absoluteLifetime;
  private final Duration maxClockSkew;
  private final boolean compress;
  private final ReferenceModePolicy referencePolicy;
  private final TokenCodec codec;
  private final String context;
  private final byte[] cookieAd;
  private final SessionListener listener;
  private final SecretBytes userKeySecret;
  private final Function<ClaimsPrincipal, Optional<String>> userKeyResolver;
  private final RevocationMarks marks;

  private SessionManager(Builder b) {
    this.keyRing = b.keyRing;
    this.clock = b.clock;
    this.store =
        new CoreReferenceStore(
            b.store != null ? b.store : InMemorySessionTokenStore.builder().clock(b.clock).build());
    this.chunks = new ChunkedCookies(b.cookieName, ChunkedCookies.MAX_CHUNKS);
    this.cookiePath = b.cookiePath;
    this.cookieSecurity = b.cookieSecurity;
    this.cookieBudgetBytes = b.cookieBudgetBytes;
    this.maxSetCookieBytes = b.maxSetCookieBytes;
    this.slidingWindow = b.slidingWindow;
    this.absoluteLifetime = b.absoluteLifetime;
    this.maxClockSkew = b.maxClockSkew;
    this.compress = b.compress;
    this.referencePolicy = b.referencePolicy;
    this.codec = new TokenCodec(b.maxInflatedBytes);
    this.context = b.context;
    this.cookieAd = (COOKIE_PURPOSE + "\0" + b.context).getBytes(StandardCharsets.UTF_8);
    this.listener = b.listener;
    this.userKeySecret = b.userKeySecret != null ? b.userKeySecret : SecretBytes.random(32);
    this.userKeyResolver = b.userKeyResolver;
    this.marks =
        new RevocationMarks(
            store,
            clock,
            absoluteLifetime.plus(maxClockSkew),
            b.revocationCheckInterval,
            b.revocationCacheUsers);
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- reading

  /**
   * The request's session: reads the session cookies once per request (later calls answer from a
   * request attribute), renews the sliding expiry when more than half the window has passed, and on
   * any failure clears the cookies, reports a {@link SessionEvent} and answers empty. Never throws
   * for anything the client sent.
   */
  public Optional<ValidatedSession> authenticate(
      HttpServletRequest request, HttpServletResponse response) {
    State st = state(request);
    if (st.resolved) {
      return Optional.ofNullable(st.session);
    }
    st.resolved = true;
    if (st.byIndex.isEmpty() && !st.duplicate) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    try {
      Opened opened = open(st, now);
      ValidatedSession session = new ValidatedSession(opened.token, opened.mode, st.bytes);
      // Chunks past the announced count belong to an older, larger set: delete them.
      boolean secure = secure(request);
      for (Integer index : st.byIndex.keySet()) {
        if (index >= opened.count) {
          response.addHeader("Set-Cookie", deletion(chunks.nameOf(index), secure));
        }
      }
      session = maybeRenew(request, response, st, session, now);
      setSession(request, st, session);
      return Optional.of(session);
    } catch (Rejected r) {
      reject(request, response, st, r.reason(), now);
      return Optional.empty();
    } catch (RuntimeException e) {
      // A bug in parsing must not become a 500 either; the class name is enough to find it.
      LOG.warn("session cookie processing failed: {}", e.getClass().getName());
      reject(request, response, st, Reason.MALFORMED, now);
      return Optional.empty();
    }
  }

  /**
   * True if the request carried a session that {@link #authenticate} could not check because the
   * session store was unavailable (reference mode): the request is anonymous for now, its cookies
   * were kept, and a protected page should answer 503 with Retry-After rather than ask the user to
   * sign in again.
   */
  public static boolean sessionStoreUnavailable(HttpServletRequest request) {
    return request.getAttribute(STATE_ATTRIBUTE) instanceof State st && st.storeUnavailable;
  }

  /** The session {@link #authenticate} found (or {@link #signIn} started) for this request. */
  public static Optional<ValidatedSession> current(HttpServletRequest request) {
    return Optional.ofNullable(request.getAttribute(SESSION_ATTRIBUTE))
        .filter(ValidatedSession.class::isInstance)
        .map(ValidatedSession.class::cast);
  }

  private Opened open(State st, Instant now) throws Rejected {
    if (st.bytes > cookieBudgetBytes) {
      throw new Rejected(Reason.OVERSIZED);
    }
    if (st.duplicate) {
      // Two cookies of one name (e.g. set for two paths): which one is ours is not knowable.
      throw new Rejected(Reason.MALFORMED);
    }
    ChunkedCookies.Joined joined = chunks.join(st.byIndex);
    byte[] sealed = ChunkedCookies.decode(joined.data());
    byte[] plain = Sealer.open(keyRing.get(), sealed, cookieAd, now);
    if (plain.length < 1) {
      throw new Rejected(Reason.MALFORMED);
    }
    SessionToken token;
    SessionMode mode;
    if (plain[0] == KIND_TOKEN) {
      token = decodeToken(plain, 1);
      mode = SessionMode.COOKIE;
    } else if (plain[0] == KIND_REFERENCE) {
      token = resolveReference(plain);
      mode = SessionMode.REFERENCE;
    } else {
      throw new Rejected(Reason.MALFORMED);
    }
    validate(token, now);
    return new Opened(token, mode, joined.count());
  }

  private SessionToken decodeToken(byte[] plain, int offset) throws Rejected {
    byte[] tokenBytes = new byte[plain.length - offset];
    System.arraycopy(plain, offset, tokenBytes, 0, tokenBytes.length);
    try {
      return codec.decode(tokenBytes);
    } catch (MalformedException e) {
      LOG.debug("sealed session token does not parse: {}", e.getMessage());
      throw new Rejected(Reason.MALFORMED);
    }
  }

  /** {@code [2][u8 idLength][id, ASCII][secret, 32 bytes]}. */
  private SessionToken resolveReference(byte[] plain) throws Rejected {
    if (plain.length < 2) {
      throw new Rejected(Reason.MALFORMED);
    }
    int idLen = plain[1] & 0xff;
    if (plain.length != 2 + idLen + REFERENCE_SECRET_BYTES) {
      throw new Rejected(Reason.MALFORMED);
    }
    String id = new String(plain, 2, idLen, StandardCharsets.US_ASCII);
    SecretBytes secret = SecretBytes.copyOf(plain, 2 + idLen, REFERENCE_SECRET_BYTES);
    Optional<byte[]> entry;
    try {
      entry = store.get(id);
    } catch (RuntimeException e) {
      LOG.warn("session store read failed: {}", e.getClass().getName());
      throw new Rejected(Reason.STORE_UNAVAILABLE);
    }
    if (entry.isEmpty()) {
      throw new Rejected(Reason.UNKNOWN_REFERENCE);
    }
    byte[] tokenBytes;
    try {
      tokenBytes = secretRing(secret).open(entry.get(), storeAd(id));
    } catch (OpenFailedException e) {
      throw new Rejected(Reason.TAMPERED);
    }
    SessionToken token = decodeToken(tokenBytes, 0);
    if (!token.sessionId().equals(id)) {
      throw new Rejected(Reason.MALFORMED);
    }
    return token;
  }

  private void validate(SessionToken token, Instant now) throws Rejected {
    if (!token.context().equals(context)) {
      throw new Rejected(Reason.WRONG_CONTEXT);
    }
    if (token.validFrom().isAfter(now.plus(maxClockSkew))) {
      throw new Rejected(Reason.NOT_YET_VALID);
    }
    if (!now.isBefore(token.absoluteExpiry())) {
      throw new Rejected(Reason.ABSOLUTE_EXPIRED);
    }
    if (!now.isBefore(token.slidingExpiry())) {
      throw new Rejected(Reason.SLIDING_EXPIRED);
    }
    boolean revoked;
    try {
      revoked = marks.isRevoked(userHash(token.userKey()), token.signedIn());
    } catch (RuntimeException e) {
      LOG.warn("session store read failed: {}", e.getClass().getName());
      throw new Rejected(Reason.STORE_UNAVAILABLE);
    }
    if (revoked) {
      throw new Rejected(Reason.REVOKED);
    }
  }

  private ValidatedSession maybeRenew(
      HttpServletRequest request,
      HttpServletResponse response,
      State st,
      ValidatedSession session,
      Instant now) {
    SessionToken t = session.token();
    Duration elapsed = Duration.between(t.issued(), now);
    // Renew once more than half the sliding window has passed; a token whose sliding expiry
    // already sits on its absolute expiry cannot be extended, so it is left alone.
    if (elapsed.compareTo(slidingWindow.dividedBy(2)) <= 0
        || !t.slidingExpiry().isBefore(t.absoluteExpiry())) {
      return session;
    }
    if (response.isCommitted()) {
      return session;
    }
    Instant sliding = min(now.plus(slidingWindow), t.absoluteExpiry());
    SessionToken renewed =
        t.toBuilder()
            .sessionId(SessionToken.newSessionId())
            .issued(now)
            .validFrom(now)
            .slidingExpiry(sliding)
            .build();
    try {
      Issued issued =
          write(
              secure(request),
              st,
              renewed,
              session.mode() == SessionMode.REFERENCE,
              l -> response.addHeader("Set-Cookie", l));
      if (session.mode() == SessionMode.REFERENCE) {
        // Requests a browser sent in parallel still carry the old reference; removing it at once
        // would sign them out. It stays for RENEWAL_GRACE, then the store forgets it.
        try {
          store.expireBy(t.sessionId(), now.plus(RENEWAL_GRACE));
        } catch (RuntimeException e) {
          LOG.warn("session store update failed: {}", e.getClass().getName());
        }
      }
      emit(
          SessionEvent.of(
              SessionEvent.Type.RENEWED, now, renewed.sessionId(), issued.mode, issued.bytes));
      return new ValidatedSession(renewed, issued.mode, issued.bytes);
    } catch (RuntimeException e) {
      // The session is valid; failing to extend it must not end it or the request.
      LOG.warn("session renewal failed: {}", e.getClass().getName());
      return session;
    }
  }

  private void reject(
      HttpServletRequest request,
      HttpServletResponse response,
      State st,
      Reason reason,
      Instant now) {
    LOG.debug("session cookies rejected: {}", reason);
    if (reason == Reason.STORE_UNAVAILABLE) {
      // The session may well be valid: keep its cookies so that it works again once the store is
      // back, and let protected pages answer 503 (SignInRedirectFilter) instead of a sign-in.
      st.storeUnavailable = true;
      setSession(request, st, null);
      emit(SessionEvent.rejected(reason, now));
      return;
    }
    if (!response.isCommitted()) {
      boolean secure = secure(request);
      for (String name : st.names) {
        response.addHeader("Set-Cookie", deletion(name, secure));
      }
    }
    setSession(request, st, null);
    emit(SessionEvent.rejected(reason, now));
  }

  // ---------------------------------------------------------------- issuing

  /**
   * Starts a session for {@code principal} (after the federation module or the application has
   * authenticated the user): a new token with a fresh session id, written as cookies on {@code
   * response}. Any session the request carried is ended first (no session fixation).
   *
   * @throws IllegalStateException if the response is committed, if the session does not fit the
   *     cookie budget and reference mode is {@link ReferenceModePolicy#NEVER}, or if the store
   *     refused the session
   * @throws IllegalArgumentException if the principal has no identity or a field longer than the
   *     token format allows
   */
  public ValidatedSession signIn(
      HttpServletRequest request,
      HttpServletResponse response,
      ClaimsPrincipal principal,
      SignInOptions options) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(options, "options");
    if (response.isCommitted()) {
      throw new IllegalStateException("the response is committed: cookies can no longer be set");
    }
    State st = state(request);
    if (st.session != null && st.session.mode() == SessionMode.REFERENCE) {
      removeQuietly(st.session.token().sessionId());
    }
    Instant now = clock.instant();
    SessionToken token = newToken(principal, options, now);
    Issued issued =
        write(
            secure(request),
            st,
            token,
            forceReference(options),
            l -> response.addHeader("Set-Cookie", l));
    ValidatedSession session = new ValidatedSession(token, issued.mode, issued.bytes);
    st.resolved = true;
    setSession(request, st, session);
    emit(
        SessionEvent.of(
            SessionEvent.Type.ISSUED, now, token.sessionId(), issued.mode, issued.bytes));
    return session;
  }

  /**
   * Servlet-free sign-in, for hosts without servlets and for benchmarks: a new session for {@code
   * principal} and the {@code Set-Cookie} header values that carry it. Same checks, store writes
   * and event as {@link #signIn}.
   */
  public IssuedSession issue(ClaimsPrincipal principal, SignInOptions options, boolean secure) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(options, "options");
    Instant now = clock.instant();
    SessionToken token = newToken(principal, options, now);
    List<String> lines = new ArrayList<>();
    Issued issued =
        write(
            secure || cookieSecurity == CookieSecurity.ALWAYS,
            new State(),
            token,
            forceReference(options),
            lines::add);
    emit(
        SessionEvent.of(
            SessionEvent.Type.ISSUED, now, token.sessionId(), issued.mode, issued.bytes));
    return new IssuedSession(new ValidatedSession(token, issued.mode, issued.bytes), lines);
  }

  /**
   * Servlet-free reading, for hosts without servlets and for benchmarks: the checks of {@link
   * #authenticate} on cookies given as name and value, in request order. No renewal, no cookie is
   * written and no event is sent; the caller acts on {@link SessionCheck#rejection()}.
   */
  public SessionCheck check(List<Map.Entry<String, String>> cookies) {
    Objects.requireNonNull(cookies, "cookies");
    State st = new State();
    for (Map.Entry<String, String> c : cookies) {
      st.add(chunks, c.getKey(), c.getValue());
    }
    if (st.byIndex.isEmpty() && !st.duplicate) {
      return SessionCheck.anonymous();
    }
    try {
      Opened opened = open(st, clock.instant());
      return SessionCheck.valid(new ValidatedSession(opened.token, opened.mode, st.bytes));
    } catch (Rejected r) {
      return SessionCheck.rejected(r.reason());
    } catch (RuntimeException e) {
      LOG.warn("session cookie processing failed: {}", e.getClass().getName());
      return SessionCheck.rejected(Reason.MALFORMED);
    }
  }

  private boolean forceReference(SignInOptions options) {
    return options.referenceMode() || referencePolicy == ReferenceModePolicy.ALWAYS;
  }

  private SessionToken newToken(ClaimsPrincipal principal, SignInOptions options, Instant now) {
    String sessionId = SessionToken.newSessionId();
    Duration lifetime =
        options
            .absoluteLifetime()
            .filter(d -> d.compareTo(absoluteLifetime) < 0)
            .orElse(absoluteLifetime);
    Instant absolute = now.plus(lifetime);
    String userKey =
        options.userKey().or(() -> userKeyResolver.apply(principal)).orElse("session:" + sessionId);
    return SessionToken.builder()
        .sessionId(sessionId)
        .context(context)
        .userKey(userKey)
        .principal(principal)
        .signedIn(now)
        .issued(now)
        .validFrom(now)
        .slidingExpiry(min(now.plus(slidingWindow), absolute))
        .absoluteExpiry(absolute)
        .build();
  }

  private Issued write(
      boolean secure,
      State st,
      SessionToken token,
      boolean forceReference,
      Consumer<String> setCookie) {
    String attributes = attributes(secure);
    byte[] tokenBytes = codec.encode(token, compress);
    List<String> values = null;
    SessionMode mode = SessionMode.COOKIE;
    if (!forceReference) {
      byte[] plain = new byte[1 + tokenBytes.length];
      plain[0] = KIND_TOKEN;
      System.arraycopy(tokenBytes, 0, plain, 1, tokenBytes.length);
      String data = ChunkedCookies.encode(keyRing.get().seal(plain, cookieAd));
      values =
          chunks
              .split(data, attributes.length(), maxSetCookieBytes)
              .filter(v -> cookieHeaderBytes(v) <= cookieBudgetBytes)
              .orElse(null);
      if (values == null && referencePolicy == ReferenceModePolicy.NEVER) {
        throw new IllegalStateException(
            "the session needs more than cookieBudgetBytes ("
                + cookieBudgetBytes
                + ") of cookies and reference mode is NEVER; raise the budget, send fewer"
                + " claims, or allow reference mode");
      }
    }
    if (values == null) {
      mode = SessionMode.REFERENCE;
      values = writeReference(token, tokenBytes, attributes);
    }
    for (int i = 0; i < values.size(); i++) {
      setCookie.accept(chunks.nameOf(i) + "=" + values.get(i) + attributes);
    }
    for (Integer index : st.byIndex.keySet()) {
      if (index >= values.size()) {
        setCookie.accept(deletion(chunks.nameOf(index), secure));
      }
    }
    return new Issued(mode, cookieHeaderBytes(values));
  }

  private List<String> writeReference(SessionToken token, byte[] tokenBytes, String attributes) {
    SecretBytes secret = SecretBytes.random(REFERENCE_SECRET_BYTES);
    String id = token.sessionId();
    byte[] entry = secretRing(secret).seal(tokenBytes, storeAd(id));
    store.create(id, userHash(token.userKey()), entry, token.effectiveExpiry());
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    byte[] plain = new byte[2 + idBytes.length + REFERENCE_SECRET_BYTES];
    plain[0] = KIND_REFERENCE;
    plain[1] = (byte) idBytes.length;
    System.arraycopy(idBytes, 0, plain, 2, idBytes.length);
    System.arraycopy(secret.toByteArray(), 0, plain, 2 + idBytes.length, REFERENCE_SECRET_BYTES);
    String data = ChunkedCookies.encode(keyRing.get().seal(plain, cookieAd));
    return chunks
        .split(data, attributes.length(), maxSetCookieBytes)
        .orElseThrow(() -> new IllegalStateException("a reference cookie does not fit"));
  }

  // ---------------------------------------------------------------- ending

  /**
   * Ends the request's session: deletes every session cookie the request carried (and the first
   * chunk's name in any case) and, in reference mode, removes the token from the store.
   */
  public void signOut(HttpServletRequest request, HttpServletResponse response) {
    Optional<ValidatedSession> session = authenticate(request, response);
    State st = state(request);
    Instant now = clock.instant();
    session
        .filter(s -> s.mode() == SessionMode.REFERENCE)
        .ifPresent(s -> removeQuietly(s.token().sessionId()));
    if (!response.isCommitted()) {
      boolean secure = secure(request);
      List<String> names = new ArrayList<>(st.names);
      if (!names.contains(chunks.nameOf(0))) {
        names.add(chunks.nameOf(0));
      }
      for (String name : names) {
        response.addHeader("Set-Cookie", deletion(name, secure));
      }
    }
    setSession(request, st, null);
    emit(
        SessionEvent.of(
            SessionEvent.Type.SIGNED_OUT,
            now,
            session.map(s -> s.token().sessionId()).orElse(null),
            session.map(ValidatedSession::mode).orElse(null),
            0));
  }

  /**
   * Ends every session of {@code userKey} on every node sharing the store: reference-mode sessions
   * are removed from the store, and a revocation mark refuses cookie-mode sessions started before
   * now (on other nodes within the configured revocation check interval).
   *
   * @return how many reference-mode sessions were removed from the store
   * @throws RuntimeException whatever the store throws: a revocation that did not happen is
   *     reported, never swallowed
   */
  public int signOutEverywhere(String userKey) {
    Objects.requireNonNull(userKey, "userKey");
    String hash = userHash(userKey);
    marks.mark(hash);
    int removed = store.removeAllForOwner(hash);
    emit(SessionEvent.of(SessionEvent.Type.SIGNED_OUT_EVERYWHERE, clock.instant(), null, null, 0));
    return removed;
  }

  /** Signs the request's user out everywhere and clears this request's cookies. */
  public int signOutEverywhere(HttpServletRequest request, HttpServletResponse response) {
    Optional<ValidatedSession> session = authenticate(request, response);
    int removed = session.map(s -> signOutEverywhere(s.token().userKey())).orElse(0);
    signOut(request, response);
    return removed;
  }

  /** The user key the default resolver reads from a principal, if any. */
  public Optional<String> userKeyOf(ClaimsPrincipal principal) {
    return userKeyResolver.apply(principal);
  }

  /** The configured context id. */
  public String context() {
    return context;
  }

  /** The configured cookie base name. */
  public String cookieName() {
    return chunks.baseName();
  }

  // ---------------------------------------------------------------- helpers

  private State state(HttpServletRequest request) {
    Object o = request.getAttribute(STATE_ATTRIBUTE);
    if (o instanceof State s) {
      return s;
    }
    State st = new State();
    Cookie[] cookies;
    try {
      cookies = request.getCookies();
    } catch (RuntimeException e) {
      // A container that cannot parse the Cookie header: no session, and no 500 either.
      LOG.debug("Cookie header unreadable: {}", e.getClass().getName());
      cookies = null;
    }
    if (cookies != null) {
      for (Cookie c : cookies) {
        st.add(chunks, c.getName(), c.getValue());
      }
    }
    request.setAttribute(STATE_ATTRIBUTE, st);
    return st;
  }

  private static void setSession(HttpServletRequest request, State st, ValidatedSession s) {
    st.session = s;
    if (s == null) {
      request.removeAttribute(SESSION_ATTRIBUTE);
      request.removeAttribute(PRINCIPAL_ATTRIBUTE);
    } else {
      request.setAttribute(SESSION_ATTRIBUTE, s);
      request.setAttribute(PRINCIPAL_ATTRIBUTE, s.principal());
    }
  }

  private boolean secure(HttpServletRequest request) {
    return cookieSecurity == CookieSecurity.ALWAYS || request.isSecure();
  }

  private String attributes(boolean secure) {
    return "; Path=" + cookiePath + (secure ? "; Secure" : "") + "; HttpOnly; SameSite=Lax";
  }

  private String deletion(String name, boolean secure) {
    return name
        + "=; Path="
        + cookiePath
        + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
        + (secure ? "; Secure" : "")
        + "; HttpOnly; SameSite=Lax";
  }

  /** Bytes the values add to a {@code Cookie} header: {@code name=value} joined by "; ". */
  private int cookieHeaderBytes(List<String> values) {
    int n = 0;
    for (int i = 0; i < values.size(); i++) {
      n += (i == 0 ? 0 : 2) + chunks.nameOf(i).length() + 1 + values.get(i).length();
    }
    return n;
  }

  private KeyRing secretRing(SecretBytes secret) {
    return KeyRing.of(clock, List.of(RingKey.of("r", secret, Instant.MIN, Instant.MAX)));
  }

  private byte[] storeAd(String sessionId) {
    return (STORE_PURPOSE + "\0" + context + "\0" + sessionId).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A keyed hash of the user key, so that the store never holds the user's name: HMAC-SHA256 under
   * the configured user key secret, base64url.
   */
  String userHash(String userKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(userKeySecret.toByteArray(), "HmacSHA256"));
      byte[] h = mac.doFinal(("parley-web/user\0" + userKey).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Removes a reference-mode entry whose cookie is being replaced or cleared. A store failure here
   * must not fail the sign-out or sign-in: the entry expires with the session's sliding expiry.
   */
  private void removeQuietly(String sessionId) {
    try {
      store.remove(sessionId);
    } catch (RuntimeException e) {
      LOG.warn("session store remove failed: {}", e.getClass().getName());
    }
  }

  private void emit(SessionEvent e) {
    try {
      listener.onEvent(e);
    } catch (RuntimeException ex) {
      LOG.warn("session listener threw {}", ex.getClass().getName());
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Per-request parse of the session cookies, kept in a request attribute. */
  private static final class State {
    final Map<Integer, String> byIndex = new TreeMap<>();
    final List<String> names = new ArrayList<>();
    boolean duplicate;
    int bytes;
    boolean resolved;
    boolean storeUnavailable;
    ValidatedSession session;

    void add(ChunkedCookies chunks, String name, String rawValue) {
      int index = chunks.indexOf(name);
      if (index < 0) {
        return;
      }
      String value = rawValue == null ? "" : rawValue;
      if (byIndex.putIfAbsent(index, value) != null) {
        duplicate = true;
      }
      if (!names.contains(name)) {
        names.add(name);
      }
      bytes += (bytes == 0 ? 0 : 2) + name.length() + 1 + value.length();
    }
  }

  private record Opened(SessionToken token, SessionMode mode, int count) {}

  private record Issued(SessionMode mode, int bytes) {}

  /** The default user key: the primary identity's name identifier, else its name. */
  static Optional<String> defaultUserKey(ClaimsPrincipal p) {
    Optional<ClaimsIdentity> primary = p.primaryIdentity();
    return primary
        .flatMap(i -> i.findFirst(ClaimTypes.NAME_IDENTIFIER).map(c -> c.value()))
        .or(() -> primary.flatMap(ClaimsIdentity::name))
        .filter(s -> !s.isBlank() && s.length() <= SessionToken.MAX_NAME_CHARS);
  }

  /** Validates each setter; {@link #build()} needs a key ring. */
  public static final class Builder {
    private Supplier<KeyRing> keyRing;
    private Clock clock = Clock.systemUTC();
    private SessionTokenStore store;
    private String cookieName = DEFAULT_COOKIE_NAME;
    private String cookiePath = "/";
    private CookieSecurity cookieSecurity = CookieSecurity.WHEN_REQUEST_IS_SECURE;
    private int cookieBudgetBytes = DEFAULT_COOKIE_BUDGET_BYTES;
    private int maxSetCookieBytes = MAX_SET_COOKIE_BYTES;
    private Duration slidingWindow = DEFAULT_SLIDING_WINDOW;
    private Duration absoluteLifetime = DEFAULT_ABSOLUTE_LIFETIME;
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private boolean compress = true;
    private ReferenceModePolicy referencePolicy = ReferenceModePolicy.WHEN_OVER_BUDGET;
    private int maxInflatedBytes = TokenCodec.DEFAULT_MAX_INFLATED_BYTES;
    private String context = "default";
    private SessionListener listener = SessionListener.NONE;
    private SecretBytes userKeySecret;
    private Function<ClaimsPrincipal, Optional<String>> userKeyResolver =
        SessionManager::defaultUserKey;
    private Duration revocationCheckInterval = Duration.ofSeconds(30);
    private int revocationCacheUsers = REVOCATION_CACHE_USERS;

    private Builder() {}

    /** The farm-shared key ring that seals the cookies (required). */
    public Builder keyRing(KeyRing keyRing) {
      Objects.requireNonNull(keyRing, "keyRing");
      this.keyRing = () -> keyRing;
      return this;
    }

    /**
     * Where to get the current key ring on each request, for rings rotated at run time (e.g. from a
     * key ring store). The supplier must be fast and must not return null.
     */
    public Builder keyRing(Supplier<KeyRing> keyRing) {
      this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where reference-mode tokens and revocation marks live; share one store across the farm. The
     * default is an in-memory store of this process, which suits one node only.
     */
    public Builder store(SessionTokenStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Base cookie name (default {@code parley.s}); chunks append {@code .1}, {@code .2}... */
    public Builder cookieName(String cookieName) {
      Objects.requireNonNull(cookieName, "cookieName");
      if (!COOKIE_NAME.matcher(cookieName).matches()) {
        throw new IllegalArgumentException(
            "cookieName must be 1 to 64 characters of [A-Za-z0-9._-], was " + cookieName);
      }
      this.cookieName = cookieName;
      return this;
    }

    /**
     * The cookie {@code Path}: the protected area (WIF recommends scoping the cookie to it so that
     * requests for public resources do not carry it). Default {@code /}.
     */
    public Builder cookiePath(String cookiePath) {
      Objects.requireNonNull(cookiePath, "cookiePath");
      if (!COOKIE_PATH.matcher(cookiePath).matches()) {
        throw new IllegalArgumentException(
            "cookiePath must start with / and hold only URL path characters (no ; or spaces)");
      }
      this.cookiePath = cookiePath;
      return this;
    }

    public Builder cookieSecurity(CookieSecurity cookieSecurity) {
      this.cookieSecurity = Objects.requireNonNull(cookieSecurity, "cookieSecurity");
      return this;
    }

    /**
     * Most bytes the session may add to the {@code Cookie} request header (default 8 KiB). Larger
     * sessions go to reference mode; larger incoming session cookies are refused ({@link
     * Reason#OVERSIZED}). The server must accept request headers of this size plus the rest.
     */
    public Builder cookieBudgetBytes(int cookieBudgetBytes) {
      if (cookieBudgetBytes < 512 || cookieBudgetBytes > 64 * 1024) {
        throw new IllegalArgumentException(
            "cookieBudgetBytes must be 512..65536, was " + cookieBudgetBytes);
      }
      this.cookieBudgetBytes = cookieBudgetBytes;
      return this;
    }

    /** Largest {@code Set-Cookie} header value written, 512..4096 (default 4096). */
    public Builder maxSetCookieBytes(int maxSetCookieBytes) {
      if (maxSetCookieBytes < 512 || maxSetCookieBytes > MAX_SET_COOKIE_BYTES) {
        throw new IllegalArgumentException(
            "maxSetCookieBytes must be 512..MAX_SET_COOKIE_BYTES (4096), was " + maxSetCookieBytes);
      }
      this.maxSetCookieBytes = maxSetCookieBytes;
      return this;
    }

    /** The sliding window (default 1 h): a session unused this long ends. */
    public Builder slidingWindow(Duration slidingWindow) {
      this.slidingWindow = positive(slidingWindow, "slidingWindow");
      return this;
    }

    /** The absolute lifetime (default 10 h): a session ends this long after sign-in. */
    public Builder absoluteLifetime(Duration absoluteLifetime) {
      this.absoluteLifetime = positive(absoluteLifetime, "absoluteLifetime");
      return this;
    }

    /** Allowed clock skew for {@code validFrom} between farm nodes, 0..10 min (default 5 min). */
    public Builder maxClockSkew(Duration maxClockSkew) {
      Objects.requireNonNull(maxClockSkew, "maxClockSkew");
      if (maxClockSkew.isNegative() || maxClockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new IllegalArgumentException(
            "maxClockSkew must be 0..SessionManager.MAX_CLOCK_SKEW (10 min), was " + maxClockSkew);
      }
      this.maxClockSkew = maxClockSkew;
      return this;
    }

    /** Writes tokens without DEFLATE (default: compressed when that is smaller). */
    public Builder withoutCompression() {
      this.compress = false;
      return this;
    }

    public Builder referenceMode(ReferenceModePolicy policy) {
      this.referencePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Bound on the inflated size of a compressed token (default 512 KiB). */
    public Builder maxInflatedBytes(int maxInflatedBytes) {
      if (maxInflatedBytes < 1024 || maxInflatedBytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxInflatedBytes must be 1024..16777216, was " + maxInflatedBytes);
      }
      this.maxInflatedBytes = maxInflatedBytes;
      return this;
    }

    /** The relying party / endpoint id bound into every seal (default {@code default}). */
    public Builder context(String context) {
      Objects.requireNonNull(context, "context");
      if (context.isBlank() || context.length() > SessionToken.MAX_NAME_CHARS) {
        throw new IllegalArgumentException("context must be 1 to 256 characters, not blank");
      }
      this.context = context;
      return this;
    }

    public Builder listener(SessionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The key of the keyed hash under which user keys are stored (at least 32 bytes). Every node of
     * a farm must use the same; the default is random per manager, which suits one node only.
     */
    public Builder userKeySecret(SecretBytes userKeySecret) {
      Objects.requireNonNull(userKeySecret, "userKeySecret");
      if (userKeySecret.lengthBytes() < 32) {
        throw new IllegalArgumentException("userKeySecret must be at least 32 bytes");
      }
      this.userKeySecret = userKeySecret;
      return this;
    }

    /**
     * How to name the user of a principal for "sign out everywhere". Default: the primary
     * identity's name identifier claim, else its name claim; a principal with neither gets a key of
     * its own session, which only that session's sign-out reaches.
     */
    public Builder userKeyResolver(Function<ClaimsPrincipal, Optional<String>> resolver) {
      this.userKeyResolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * How long a node caches a user's revocation mark (default 30 s; zero reads the store on every
     * request). This bounds how long another node may accept a cookie-mode session after "sign out
     * everywhere".
     */
    public Builder revocationCheckInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "revocationCheckInterval must be 0..1 h, was " + interval);
      }
      this.revocationCheckInterval = interval;
      return this;
    }

    public SessionManager build() {
      if (keyRing == null) {
        throw new IllegalStateException("keyRing is required (Builder.keyRing)");
      }
      if (slidingWindow.compareTo(absoluteLifetime) > 0) {
        throw new IllegalStateException(
            "slidingWindow " + slidingWindow + " exceeds absoluteLifetime " + absoluteLifetime);
      }
      return new SessionManager(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}

package org.parley.sts.passive;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.internal.Html;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.StoredUser;
import org.parley.sts.users.UserAuthenticator;
import org.parley.sts.users.UserStore;
import org.parley.web.SessionManager;
import org.parley.web.SignInOptions;
import org.parley.web.ValidatedSession;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The passive STS endpoint (WS-Federation 1.2 section 13), as a servlet:
 *
 * <ul>
 *   <li>GET {@code wa=wsignin1.0&wtrealm=..[&wreply=..][&wctx=..]}: the realm must be registered
 *       and {@code wreply} one of its addresses (else a 400 page, never a redirect). With a live
 *       STS session the token is issued at once; otherwise a plain HTML sign-in form.
 *   <li>POST of that form: first the login-CSRF checks (below), then username and password,
 *       throttled per user and per client address; a failure shows the form again with the error.
 *       On success an STS session cookie is set and a page auto-posts {@code wa}, {@code wresult}
 *       (a {@code wst:RequestSecurityTokenResponse} holding the signed SAML 2.0 bearer assertion)
 *       and {@code wctx} to the reply address; its visible submit button does the same without
 *       JavaScript.
 *   <li>GET {@code wa=wsignout1.0[&wreply=..]}: clears the STS session and redirects to {@code
 *       wreply} if it is a registered address of some realm, else shows a signed-out page.
 * </ul>
 *
 * <p>Login CSRF (a foreign page signing the browser in as the attacker, OWASP CSRF Prevention Cheat
 * Sheet "Login CSRF"): the form carries a synchronizer token, HMAC-SHA256 of a random pre-sign-in
 * cookie ({@value #CSRF_COOKIE}, HttpOnly, {@code SameSite=Strict}, scoped to this endpoint) under
 * a key of this STS. A POST is refused with a 403 page, before any password is looked at, when its
 * {@code Origin} is not this STS's own origin (RFC 6454), when {@code Sec-Fetch-Site} says {@code
 * cross-site} or {@code same-site}, or when the cookie or the token is missing or they do not
 * match.
 */
public final class PassiveSts extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PassiveSts.class);

  /** WS-Federation sign-out action (section 13.2.3). */
  public static final String WSIGNOUT = "wsignout1.0";

  public static final String WSIGNIN = "wsignin1.0";

  /** Default lifetime of issued assertions. */
  public static final Duration DEFAULT_TOKEN_LIFETIME = SamlTokenIssuer.DEFAULT_TOKEN_LIFETIME;

  /** Bounds on form and query fields, in characters. */
  public static final int MAX_USERNAME_CHARS = UserAuthenticator.MAX_USERNAME_CHARS;

  public static final int MAX_PASSWORD_CHARS = UserAuthenticator.MAX_PASSWORD_CHARS;
  public static final int MAX_FIELD_CHARS = 2048;

  private static final String STS_AUTH_TYPE = "Password";

  /** The pre-sign-in cookie the form's CSRF token is bound to. */
  public static final String CSRF_COOKIE = "parley.sts.presignin";

  /** The form field carrying the synchronizer token. */
  public static final String CSRF_FIELD = "csrf";

  private static final int CSRF_COOKIE_BYTES = 32;
  private static final int MAX_CSRF_CHARS = 64;

  private final transient SamlTokenIssuer issuer;
  private final transient UserAuthenticator authenticator;
  private final transient UserStore users;
  private final transient Map<String, RelyingParty> relyingParties;
  private final transient SessionManager stsSessions;
  private final transient SecureRandom random = new SecureRandom();
  private final transient SecretBytes csrfKey;
  private final AtomicLong requests = new AtomicLong();

  private PassiveSts(Builder b) {
    this.issuer = new SamlTokenIssuer(b.credential, b.issuerName, b.clock, b.tokenLifetime);
    this.users = b.users;
    this.authenticator =
        new UserAuthenticator(
            b.users, b.throttle != null ? b.throttle : SignInThrottle.defaults(b.clock));
    this.relyingParties = Map.copyOf(b.relyingParties);
    this.stsSessions = b.stsSessions;
    this.csrfKey = b.csrfKey != null ? b.csrfKey : SecretBytes.random(32);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Requests this endpoint has served (tests use it to prove a page did not visit the STS). */
  public long requestCount() {
    return requests.get();
  }

  /** Passwords checked against the store (throttled attempts are not checked). */
  public long passwordChecks() {
    return authenticator.passwordChecks();
  }

  public String issuerName() {
    return issuer.issuerName();
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    requests.incrementAndGet();
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Frame-Options", "DENY");
    resp.setHeader("Referrer-Policy", "no-referrer");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    super.service(req, resp);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String wa = field(req, "wa", MAX_FIELD_CHARS);
    if (WSIGNOUT.equals(wa)) {
      signOut(req, resp);
      return;
    }
    if (!WSIGNIN.equals(wa)) {
      page(resp, 400, "Bad request", "<p>This is a WS-Federation sign-in endpoint.</p>", null);
      return;
    }
    Target t = target(req, resp);
    if (t == null) {
      return;
    }
    if (stsSessions != null) {
      Optional<ValidatedSession> session = stsSessions.authenticate(req, resp);
      if (session.isPresent()) {
        Optional<StoredUser> user =
            session
                .get()
                .principal()
                .primaryIdentity()
                .flatMap(ClaimsIdentity::name)
                .flatMap(users::find);
        if (user.isPresent()) {
          issue(resp, t, user.get());
          return;
        }
      }
    }
    form(req, resp, 200, t, "", null);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!WSIGNIN.equals(field(req, "wa", MAX_FIELD_CHARS))) {
      page(resp, 400, "Bad request", "<p>This is a WS-Federation sign-in endpoint.</p>", null);
      return;
    }
    String refused = loginCsrfRefusal(req);
    if (refused != null) {
      LOG.debug("sign-in POST refused: {}", refused);
      page(
          resp,
          403,
          "Sign-in refused",
          "<p>This sign-in was not sent from this site's own sign-in page, or the page has"
              + " expired. Go back to the application and sign in again.</p>",
          null);
      return;
    }
    Target t = target(req, resp);
    if (t == null) {
      return;
    }
    String username = field(req, "username", MAX_USERNAME_CHARS);
    String password = field(req, "password", MAX_PASSWORD_CHARS);
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      form(req, resp, 400, t, username, "Enter your user name and password.");
      return;
    }
    UserAuthenticator.Result result =
        authenticator.authenticate(username, password.toCharArray(), req.getRemoteAddr());
    if (result.outcome() == UserAuthenticator.Outcome.THROTTLED) {
      form(req, resp, 429, t, username, "Too many failed sign-in attempts. Try again later.");
      return;
    }
    if (result.outcome() != UserAuthenticator.Outcome.AUTHENTICATED) {
      form(req, resp, 401, t, username, "The user name or password is incorrect.");
      return;
    }
    StoredUser user = result.user().orElseThrow();
    clearCsrfCookie(req, resp);
    if (stsSessions != null) {
      ClaimsIdentity sso =
          ClaimsIdentity.builder()
              .authenticationType(STS_AUTH_TYPE)
              .addClaim(ClaimTypes.NAME, username)
              .build();
      stsSessions.signIn(req, resp, ClaimsPrincipal.of(sso), SignInOptions.defaults());
    }
    issue(resp, t, user);
  }

  private void signOut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (stsSessions != null) {
      stsSessions.signOut(req, resp);
    }
    String wreply = field(req, "wreply", MAX_FIELD_CHARS);
    if (wreply != null && !wreply.isEmpty()) {
      for (RelyingParty rp : relyingParties.values()) {
        Optional<URI> to = rp.reply(wreply);
        if (to.isPresent()) {
          resp.setStatus(HttpServletResponse.SC_FOUND);
          resp.setHeader("Location", to.get().toString());
          return;
        }
      }
    }
    page(resp, 200, "Signed out", "<p>You are signed out of the STS.</p>", null);
  }

  /** A validated (realm, reply, wctx) or null after a 400 page was written. */
  private Target target(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String realm = field(req, "wtrealm", MAX_FIELD_CHARS);
    RelyingParty rp = realm == null ? null : relyingParties.get(realm);
    if (rp == null) {
      page(
          resp,
          400,
          "Unknown application",
          "<p>The application (wtrealm) is not registered.</p>",
          null);
      return null;
    }
    Optional<URI> reply = rp.reply(field(req, "wreply", MAX_FIELD_CHARS));
    if (reply.isEmpty()) {
      // WS-Federation 1.2 section 13.2.4: the STS decides where tokens go. An address the realm
      // did not register is refused, never followed (no open redirect).
      page(
          resp,
          400,
          "Reply address refused",
          "<p>The reply address (wreply) is not registered for this application.</p>",
          null);
      return null;
    }
    String wctx = field(req, "wctx", MAX_FIELD_CHARS);
    return new Target(rp, reply.get(), wctx == null ? "" : wctx);
  }

  private record Target(RelyingParty rp, URI reply, String wctx) {}

  private void issue(HttpServletResponse resp, Target t, StoredUser user) throws IOException {
    String wresult = rstr(user, t.rp.realm());
    String nonce = nonce();
    resp.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'nonce-" + nonce + "'; frame-ancestors 'none'");
    StringBuilder body = new StringBuilder(wresult.length() + 1024);
    body.append("<form id=\"wsfed\" method=\"post\" action=\"")
        .append(Html.escape(t.reply.toString()))
        .append("\">")
        .append(hidden("wa", WSIGNIN))
        .append(hidden("wresult", wresult))
        .append(hidden("wctx", t.wctx))
        .append("<p>Signed in as ")
        .append(Html.escape(user.username()))
        .append(". If you are not taken back to the application, press Continue.</p>")
        .append("<button type=\"submit\">Continue</button></form>")
        .append("<script nonce=\"")
        .append(nonce)
        .append("\">document.getElementById('wsfed').submit();</script>");
    page(resp, 200, "Signing in", body.toString(), "already-set");
  }

  /** The WS-Trust 1.3 RSTR (section 4.4) carrying a freshly signed assertion for {@code user}. */
  String rstr(StoredUser user, String realm) {
    Document doc = HardenedXml.newEmptyDocument();
    Element rstr = issuer.issue(doc, user, realm, SamlAssertion.AC_PASSWORD_PROTECTED_TRANSPORT);
    doc.appendChild(rstr);
    return new String(XmlWriter.toBytes(rstr), StandardCharsets.UTF_8);
  }

  private void form(
      HttpServletRequest req,
      HttpServletResponse resp,
      int status,
      Target t,
      String username,
      String error)
      throws IOException {
    String csrf = csrfToken(presignin(req, resp));
    StringBuilder b = new StringBuilder(2048);
    if (error != null) {
      b.append("<p id=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>");
    }
    b.append("<form method=\"post\" action=\"\">")
        .append(hidden("wa", WSIGNIN))
        .append(hidden("wtrealm", t.rp.realm()))
        .append(hidden("wreply", t.reply.toString()))
        .append(hidden("wctx", t.wctx))
        .append(hidden(CSRF_FIELD, csrf))
        .append("<p><label for=\"username\">User name</label><br>")
        .append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\"")
        .append(" required maxlength=\"")
        .append(MAX_USERNAME_CHARS)
        .append("\" value=\"")
        .append(Html.escape(username))
        .append("\"")
        .append(error != null ? " aria-describedby=\"error\"" : "")
        .append("></p>")
        .append("<p><label for=\"password\">Password</label><br>")
        .append("<input id=\"password\" name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\" required></p>")
        .append("<p><button type=\"submit\">Sign in</button></p></form>")
        .append("<p>Signing in to ")
        .append(Html.escape(t.rp.realm()))
        .append("</p>");
    page(resp, status, "Sign in", b.toString(), null);
  }

  private static void page(
      HttpServletResponse resp, int status, String title, String body, String cspAlreadySet)
      throws IOException {
    if (cspAlreadySet == null) {
      resp.setHeader(
          "Content-Security-Policy",
          "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
    }
    resp.setStatus(status);
    resp.setContentType("text/html;charset=utf-8");
    resp.getWriter()
        .write(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + Html.escape(title)
                + " - Parley STS</title></head><body><main><h1>"
                + Html.escape(title)
                + "</h1>"
                + body
                + "</main></body></html>");
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
  }

  private static String field(HttpServletRequest req, String name, int max) {
    String v = req.getParameter(name);
    return v == null || v.length() > max ? null : v;
  }

  // ---------------------------------------------------------------- login CSRF

  /** Why this sign-in POST must be refused, or null when it came from our own form. */
  private String loginCsrfRefusal(HttpServletRequest req) {
    // Fetch Metadata: a browser says where the request came from; only our own origin may post.
    String site = req.getHeader("Sec-Fetch-Site");
    if (site != null && !"same-origin".equals(site) && !"none".equals(site)) {
      return "Sec-Fetch-Site " + site;
    }
    // RFC 6454 section 7 / Fetch: browsers send Origin on every cross-origin and same-origin POST.
    String origin = req.getHeader("Origin");
    if (origin != null && !sameOrigin(origin, req)) {
      return "Origin " + origin + " is not this STS";
    }
    String cookie = cookie(req, CSRF_COOKIE);
    String token = field(req, CSRF_FIELD, MAX_CSRF_CHARS);
    if (cookie == null || token == null || !validCookie(cookie)) {
      return "no pre-sign-in cookie or no token";
    }
    byte[] expected = csrfToken(cookie).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII))) {
      return "token does not match the pre-sign-in cookie";
    }
    return null;
  }

  private static boolean sameOrigin(String origin, HttpServletRequest req) {
    URI o;
    try {
      o = new URI(origin);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    if (o.getScheme() == null
        || o.getHost() == null
        || o.getRawPath() != null && !o.getRawPath().isEmpty()) {
      return false; // includes the opaque origin "null" of sandboxed and privacy-sensitive pages
    }
    String host = req.getServerName();
    String bare = o.getHost();
    if (bare.startsWith("[") && bare.endsWith("]")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return o.getScheme().equalsIgnoreCase(req.getScheme())
        && bare.equalsIgnoreCase(host)
        && port(o.getPort(), o.getScheme()) == port(req.getServerPort(), req.getScheme());
  }

  private static int port(int port, String scheme) {
    if (port > 0) {
      return port;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /** The request's pre-sign-in cookie, setting a fresh one when it has none (or a bad one). */
  private String presignin(HttpServletRequest req, HttpServletResponse resp) {
    String value = cookie(req, CSRF_COOKIE);
    if (value != null && validCookie(value)) {
      return value;
    }
    value = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(CSRF_COOKIE_BYTES));
    resp.addHeader("Set-Cookie", csrfCookie(req, value, false));
    return value;
  }

  private void clearCsrfCookie(HttpServletRequest req, HttpServletResponse resp) {
    resp.addHeader("Set-Cookie", csrfCookie(req, "", true));
  }

  private static String csrfCookie(HttpServletRequest req, String value, boolean expire) {
    return CSRF_COOKIE
        + "="
        + value
        + "; Path="
        + req.getContextPath()
        + req.getServletPath()
        + "; HttpOnly; SameSite=Strict"
        + (req.isSecure() ? "; Secure" : "")
        + (expire ? "; Max-Age=0" : "");
  }

  private static boolean validCookie(String value) {
    if (value.length() != 43) {
      return false; // 32 bytes, base64url without padding
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** The synchronizer token for a pre-sign-in cookie: HMAC-SHA256 under this STS's key. */
  private String csrfToken(String cookie) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = csrfKey.toByteArray();
      try {
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } finally {
        java.util.Arrays.fill(key, (byte) 0);
      }
      byte[] tag = mac.doFinal(("parley-login-csrf|" + cookie).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String cookie(HttpServletRequest req, String name) {
    Cookie[] cookies = req.getCookies();
    if (cookies == null) {
      return null;
    }
    String found = null;
    for (Cookie c : cookies) {
      if (name.equals(c.getName())) {
        if (found != null) {
          return null; // two of them: one may have been planted
        }
        found = c.getValue();
      }
    }
    return found;
  }

  private String nonce() {
    return Base64.getEncoder().encodeToString(randomBytes(16));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Builder; {@link #build()} refuses an STS without issuer, key, users or relying parties. */
  public static final class Builder {
    private SigningCredential credential;
    private String issuerName;
    private UserStore users;
    private final Map<String, RelyingParty> relyingParties = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration tokenLifetime = SamlTokenIssuer.DEFAULT_TOKEN_LIFETIME;
    private SignInThrottle throttle;
    private SessionManager stsSessions;
    private SecretBytes csrfKey;

    private Builder() {}

    public Builder signingCredential(SigningCredential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /** The SAML {@code Issuer} of the tokens, e.g. {@code https://sts.example/sts}. */
    public Builder issuerName(String issuerName) {
      this.issuerName = Objects.requireNonNull(issuerName, "issuerName");
      return this;
    }

    public Builder users(UserStore users) {
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    public Builder relyingParty(RelyingParty rp) {
      Objects.requireNonNull(rp, "rp");
      relyingParties.put(rp.realm(), rp);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder tokenLifetime(Duration tokenLifetime) {
      Objects.requireNonNull(tokenLifetime, "tokenLifetime");
      if (tokenLifetime.isNegative() || tokenLifetime.isZero() || tokenLifetime.toHours() > 24) {
        throw new IllegalArgumentException("tokenLifetime must be within (0, 24 h]");
      }
      this.tokenLifetime = tokenLifetime;
      return this;
    }

    public Builder throttle(SignInThrottle throttle) {
      this.throttle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /** The STS's own session (single sign-on across realms); without it every sign-in asks. */
    public Builder stsSessions(SessionManager stsSessions) {
      this.stsSessions = Objects.requireNonNull(stsSessions, "stsSessions");
      return this;
    }

    /**
     * The key of the login-CSRF tokens; share one across a farm so a form served by one node can be
     * posted to another. Default: a random key per instance. At least 32 bytes.
     */
    public Builder csrfKey(SecretBytes csrfKey) {
      Objects.requireNonNull(csrfKey, "csrfKey");
      if (csrfKey.lengthBytes() < 32) {
        throw new IllegalArgumentException("csrfKey must have at least 32 bytes");
      }
      this.csrfKey = csrfKey;
      return this;
    }

    public PassiveSts build() {
      if (credential == null || issuerName == null || users == null || relyingParties.isEmpty()) {
        throw new IllegalStateException(
            "PassiveSts needs a signing credential, issuer name, user store and a relying party");
      }
      return new PassiveSts(this);
    }
  }
}

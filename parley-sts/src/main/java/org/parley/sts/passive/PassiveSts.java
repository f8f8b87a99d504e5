package org.parley.sts.passive;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The passive STS endpoint (WS-Federation 1.2 section 13), as a servlet:
 *
 * <ul>
 *   <li>GET {@code wa=wsignin1.0&wtrealm=..[&wreply=..][&wctx=..]}: the realm must be registered
 *       and {@code wreply} one of its addresses (else a 400 page, never a redirect). With a live
 *       STS session the token is issued at once; otherwise a plain HTML sign-in form.
 *   <li>POST of that form: username and password, throttled per user and per client address; a
 *       failure shows the form again with the error. On success an STS session cookie is set and a
 *       page auto-posts {@code wa}, {@code wresult} (a {@code wst:RequestSecurityTokenResponse}
 *       holding the signed SAML 2.0 bearer assertion) and {@code wctx} to the reply address; its
 *       visible submit button does the same without JavaScript.
 *   <li>GET {@code wa=wsignout1.0[&wreply=..]}: clears the STS session and redirects to {@code
 *       wreply} if it is a registered address of some realm, else shows a signed-out page.
 * </ul>
 */
public final class PassiveSts extends HttpServlet {
  private static final long serialVersionUID = 1L;

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

  private final transient SamlTokenIssuer issuer;
  private final transient UserAuthenticator authenticator;
  private final transient UserStore users;
  private final transient Map<String, RelyingParty> relyingParties;
  private final transient SessionManager stsSessions;
  private final transient SecureRandom random = new SecureRandom();
  private final AtomicLong requests = new AtomicLong();

  private PassiveSts(Builder b) {
    this.issuer = new SamlTokenIssuer(b.credential, b.issuerName, b.clock, b.tokenLifetime);
    this.users = b.users;
    this.authenticator =
        new UserAuthenticator(
            b.users, b.throttle != null ? b.throttle : SignInThrottle.defaults(b.clock));
    this.relyingParties = Map.copyOf(b.relyingParties);
    this.stsSessions = b.stsSessions;
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
    form(resp, 200, t, "", null);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!WSIGNIN.equals(field(req, "wa", MAX_FIELD_CHARS))) {
      page(resp, 400, "Bad request", "<p>This is a WS-Federation sign-in endpoint.</p>", null);
      return;
    }
    Target t = target(req, resp);
    if (t == null) {
      return;
    }
    String username = field(req, "username", MAX_USERNAME_CHARS);
    String password = field(req, "password", MAX_PASSWORD_CHARS);
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      form(resp, 400, t, username, "Enter your user name and password.");
      return;
    }
    UserAuthenticator.Result result =
        authenticator.authenticate(username, password.toCharArray(), req.getRemoteAddr());
    if (result.outcome() == UserAuthenticator.Outcome.THROTTLED) {
      form(resp, 429, t, username, "Too many failed sign-in attempts. Try again later.");
      return;
    }
    if (result.outcome() != UserAuthenticator.Outcome.AUTHENTICATED) {
      form(resp, 401, t, username, "The user name or password is incorrect.");
      return;
    }
    StoredUser user = result.user().orElseThrow();
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

  private void form(HttpServletResponse resp, int status, Target t, String username, String error)
      throws IOException {
    StringBuilder b = new StringBuilder(2048);
    if (error != null) {
      b.append("<p id=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>");
    }
    b.append("<form method=\"post\" action=\"\">")
        .append(hidden("wa", WSIGNIN))
        .append(hidden("wtrealm", t.rp.realm()))
        .append(hidden("wreply", t.reply.toString()))
        .append(hidden("wctx", t.wctx))
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

    public PassiveSts build() {
      if (credential == null || issuerName == null || users == null || relyingParties.isEmpty()) {
        throw new IllegalStateException(
            "PassiveSts needs a signing credential, issuer name, user store and a relying party");
      }
      return new PassiveSts(this);
    }
  }
}

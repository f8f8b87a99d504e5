package org.parley.web.federation;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.ParleyFault;
import org.parley.web.SessionManager;
import org.parley.web.SignInChallenge;
import org.parley.web.SignInOptions;

/**
 * WS-Federation passive sign-in for a relying party (WIF's {@code
 * WSFederationAuthenticationModule}). As a {@link SignInChallenge} (give it to {@link
 * org.parley.web.SignInRedirectFilter}) it redirects anonymous GETs to the STS with {@code
 * wa=wsignin1.0}, {@code wtrealm} and a {@code wctx} that carries the requested path. As a filter
 * (mapped over the reply path, after {@link org.parley.web.SessionAuthenticationFilter}) it takes
 * the {@code wresult} the STS POSTs back, validates it through the {@link SignInResponseValidator},
 * signs the principal in with {@link SessionManager#signIn} and redirects (303) to the path from
 * {@code wctx}: a path on this origin only, never an absolute URL (no open redirect).
 */
public final class FederationAuthenticationFilter implements Filter, SignInChallenge {
  /** Default bound on the {@code wresult} form field, in characters. */
  public static final int DEFAULT_MAX_WRESULT_CHARS = 256 * 1024;

  /** Bound on the return path carried in {@code wctx}. */
  public static final int MAX_RETURN_PATH_CHARS = 2048;

  /** WS-Federation 1.2 section 13.2: the sign-in action. */
  public static final String WSIGNIN = "wsignin1.0";

  private final URI issuer;
  private final String realm;
  private final String replyPath;
  private final String defaultReturnPath;
  private final SessionManager sessions;
  private final SignInResponseValidator validator;
  private final SignInOptions signInOptions;
  private final int maxWresultChars;
  private final Consumer<FederationEvent> listener;

  private FederationAuthenticationFilter(Builder b) {
    this.issuer = b.issuer;
    this.realm = b.realm;
    this.replyPath = b.replyPath;
    this.defaultReturnPath = b.defaultReturnPath;
    this.sessions = b.sessions;
    this.validator = b.validator;
    this.signInOptions = b.signInOptions;
    this.maxWresultChars = b.maxWresultChars;
    this.listener = b.listener;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The realm ({@code wtrealm}) this relying party asks tokens for. */
  public String realm() {
    return realm;
  }

  @Override
  public void challenge(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      // A redirect would lose the body of a POST.
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    String target = request.getRequestURI();
    if (request.getQueryString() != null) {
      target += "?" + request.getQueryString();
    }
    String location =
        issuer
            + (issuer.getRawQuery() == null ? "?" : "&")
            + "wa="
            + WSIGNIN
            + "&wtrealm="
            + enc(realm)
            + "&wctx="
            + enc("ru=" + enc(safeReturnPath(target)));
    response.setStatus(HttpServletResponse.SC_FOUND);
    response.setHeader("Location", location);
    response.setHeader("Cache-Control", "no-store");
    listener.accept(FederationEvent.of(FederationEvent.Type.CHALLENGED, null));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest req
        && response instanceof HttpServletResponse resp
        && "POST".equals(req.getMethod())
        && isReplyPath(req)
        && req.getParameter("wresult") != null) {
      signIn(req, resp);
      return;
    }
    chain.doFilter(request, response);
  }

  private void signIn(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String wa = req.getParameter("wa");
    String wresult = req.getParameter("wresult");
    // WS-Federation 1.2 section 13.2.2: a sign-in response carries wa=wsignin1.0 and wresult.
    if (!WSIGNIN.equals(wa)) {
      reject(resp, "wa must be " + WSIGNIN);
      return;
    }
    if (wresult.length() > maxWresultChars) {
      reject(resp, "wresult longer than maxWresultChars (" + maxWresultChars + ")");
      return;
    }
    ClaimsPrincipal principal;
    try {
      principal = validator.validate(wresult);
    } catch (ParleyFault e) {
      reject(resp, e.code().localName() + ": " + e.getMessage());
      return;
    }
    if (!principal.isAuthenticated()) {
      reject(resp, "the validator returned an unauthenticated principal");
      return;
    }
    sessions.signIn(req, resp, principal, signInOptions);
    listener.accept(FederationEvent.of(FederationEvent.Type.SIGNED_IN, null));
    resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
    resp.setHeader("Location", returnPath(req.getParameter("wctx")));
    resp.setHeader("Cache-Control", "no-store");
  }

  private void reject(HttpServletResponse resp, String detail) throws IOException {
    listener.accept(FederationEvent.of(FederationEvent.Type.REJECTED, detail));
    // The detail goes to the listener only: the browser learns nothing about which check failed.
    resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
    resp.setContentType("text/html;charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.getWriter()
        .write(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Sign-in failed</title></head><body>"
                + "<main><h1>Sign-in failed</h1><p>The sign-in response was not accepted."
                + " <a href=\""
                + defaultReturnPath
                + "\">Try again</a>.</p></main></body></html>");
  }

  private boolean isReplyPath(HttpServletRequest req) {
    String path = req.getRequestURI();
    return path.equals(replyPath);
  }

  // wctx is ours ("ru=<encoded path>"), but it travelled through the browser and the STS:
  // untrusted.
  String returnPath(String wctx) {
    if (wctx == null || wctx.length() > 4 * MAX_RETURN_PATH_CHARS) {
      return defaultReturnPath;
    }
    for (String part : wctx.split("&", 8)) {
      if (part.startsWith("ru=")) {
        try {
          return safeReturnPath(URLDecoder.decode(part.substring(3), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return defaultReturnPath;
        }
      }
    }
    return defaultReturnPath;
  }

  // Path-only, same origin: "/x" but never "//host", "/\host", a scheme, or control characters.
  private String safeReturnPath(String path) {
    if (path.length() > MAX_RETURN_PATH_CHARS
        || !path.startsWith("/")
        || path.startsWith("//")
        || path.startsWith("/\\")) {
      return defaultReturnPath;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '\\') {
        return defaultReturnPath;
      }
    }
    return path;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Builder; {@link #build()} refuses a filter without issuer, realm, sessions or validator. */
  public static final class Builder {
    private URI issuer;
    private String realm;
    private String replyPath;
    private String defaultReturnPath = "/";
    private SessionManager sessions;
    private SignInResponseValidator validator;
    private SignInOptions signInOptions = SignInOptions.defaults();
    private int maxWresultChars = DEFAULT_MAX_WRESULT_CHARS;
    private Consumer<FederationEvent> listener = e -> {};

    private Builder() {}

    /**
     * The STS's passive endpoint, e.g. {@code https://sts.example/sts/passive} (https or loopback).
     */
    public Builder issuer(URI issuer) {
      Objects.requireNonNull(issuer, "issuer");
      if (!"https".equals(issuer.getScheme()) && !isLoopbackHttp(issuer)) {
        throw new IllegalArgumentException(
            "the STS address must be https (or http on a loopback address), was " + issuer);
      }
      this.issuer = issuer;
      return this;
    }

    /** The realm ({@code wtrealm}) the STS knows this relying party by; also the token audience. */
    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /** The request URI at which the STS posts the token back, e.g. {@code /app/}. */
    public Builder replyPath(String replyPath) {
      this.replyPath = path(replyPath, "replyPath");
      return this;
    }

    /** Where to go after sign-in when {@code wctx} has no usable path. Default {@code /}. */
    public Builder defaultReturnPath(String defaultReturnPath) {
      this.defaultReturnPath = path(defaultReturnPath, "defaultReturnPath");
      return this;
    }

    public Builder sessions(SessionManager sessions) {
      this.sessions = Objects.requireNonNull(sessions, "sessions");
      return this;
    }

    public Builder validator(SignInResponseValidator validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
      return this;
    }

    public Builder signInOptions(SignInOptions signInOptions) {
      this.signInOptions = Objects.requireNonNull(signInOptions, "signInOptions");
      return this;
    }

    public Builder maxWresultChars(int maxWresultChars) {
      if (maxWresultChars < 1024) {
        throw new IllegalArgumentException("maxWresultChars must be at least 1024");
      }
      this.maxWresultChars = maxWresultChars;
      return this;
    }

    public Builder listener(Consumer<FederationEvent> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public FederationAuthenticationFilter build() {
      if (issuer == null || realm == null || sessions == null || validator == null) {
        throw new IllegalStateException(
            "FederationAuthenticationFilter needs issuer, realm, sessions and validator");
      }
      if (replyPath == null) {
        String p = URI.create(realm).getPath();
        replyPath = p == null || p.isEmpty() ? "/" : p;
      }
      return new FederationAuthenticationFilter(this);
    }

    private static String path(String p, String what) {
      Objects.requireNonNull(p, what);
      if (!p.startsWith("/") || p.startsWith("//")) {
        throw new IllegalArgumentException(what + " must be an absolute path, was " + p);
      }
      return p;
    }

    static boolean isLoopbackHttp(URI uri) {
      String host = uri.getHost();
      return "http".equals(uri.getScheme())
          && ("127.0.0.1".equals(host) || "[::1]".equals(host) || "localhost".equals(host));
    }
  }
}

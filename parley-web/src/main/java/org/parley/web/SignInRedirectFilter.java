package org.parley.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sends anonymous requests for protected paths to sign-in through a {@link SignInChallenge} (placed
 * after {@link SessionAuthenticationFilter}; a request with broken cookies is anonymous and so
 * lands here, never on an error page). Paths are matched on whole segments within the servlet
 * context, after the container has decoded and normalized them: {@code /app} protects {@code /app}
 * and {@code /app/x} but not {@code /apple}. A request whose session could not be checked because
 * the session store is unavailable (reference mode during a store outage) gets 503 with {@code
 * Retry-After} instead, and keeps its cookies, so the session works again once the store is back.
 */
public final class SignInRedirectFilter implements Filter {
  private final SessionManager manager;
  private final SignInChallenge challenge;
  private final List<String> protectedPaths;
  private final Duration retryAfter;

  private SignInRedirectFilter(Builder b) {
    this.manager = b.manager;
    this.challenge = b.challenge;
    this.protectedPaths = List.copyOf(b.paths);
    this.retryAfter = b.retryAfter;
  }

  public static Builder builder(SessionManager manager, SignInChallenge challenge) {
    return new Builder(manager, challenge);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest req
        && response instanceof HttpServletResponse resp
        && isProtected(req)
        && manager.authenticate(req, resp).isEmpty()) {
      if (SessionManager.sessionStoreUnavailable(req)) {
        // The user has a session we cannot check right now: a temporary failure (RFC 9110
        // section 15.6.4), not a sign-in, which would fail against the same store anyway.
        resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain; charset=utf-8");
        resp.getWriter().print("The session store is temporarily unavailable; retry shortly.");
        return;
      }
      challenge.challenge(req, resp);
      return;
    }
    chain.doFilter(request, response);
  }

  boolean isProtected(HttpServletRequest req) {
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    if (path.isEmpty()) {
      path = "/";
    }
    for (String p : protectedPaths) {
      if (p.equals("/") || path.equals(p) || path.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Default of {@link Builder#retryAfter}. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  public static final class Builder {
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private final SessionManager manager;
    private final SignInChallenge challenge;
    private final List<String> paths = new ArrayList<>();

    private Builder(SessionManager manager, SignInChallenge challenge) {
      this.manager = Objects.requireNonNull(manager, "manager");
      this.challenge = Objects.requireNonNull(challenge, "challenge");
    }

    /** A protected path prefix within the context, e.g. {@code /app} (no trailing slash). */
    public Builder protect(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
        throw new IllegalArgumentException(
            "protected path must start with / and not end with / (except \"/\"), was " + path);
      }
      paths.add(path);
      return this;
    }

    /**
     * The Retry-After of the 503 a protected page answers while the session store is unavailable
     * (default 5 s; 1 s to 1 h).
     */
    public Builder retryAfter(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0
          || retryAfter.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "retryAfter must be between 1 s and 1 h, was " + retryAfter);
      }
      this.retryAfter = retryAfter;
      return this;
    }

    public SignInRedirectFilter build() {
      if (paths.isEmpty()) {
        throw new IllegalStateException("no protected path: add one with protect()");
      }
      return new SignInRedirectFilter(this);
    }
  }
}

package org.parley.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sends anonymous requests for protected paths to sign-in through a {@link SignInChallenge} (placed
 * after {@link SessionAuthenticationFilter}; a request with broken cookies is anonymous and so
 * lands here, never on an error page). Paths are matched on whole segments within the servlet
 * context, after the container has decoded and normalized them: {@code /app} protects {@code /app}
 * and {@code /app/x} but not {@code /apple}.
 */
public final class SignInRedirectFilter implements Filter {
  private final SessionManager manager;
  private final SignInChallenge challenge;
  private final List<String> protectedPaths;

  private SignInRedirectFilter(Builder b) {
    this.manager = b.manager;
    this.challenge = b.challenge;
    this.protectedPaths = List.copyOf(b.paths);
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

  public static final class Builder {
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

    public SignInRedirectFilter build() {
      if (paths.isEmpty()) {
        throw new IllegalStateException("no protected path: add one with protect()");
      }
      return new SignInRedirectFilter(this);
    }
  }
}

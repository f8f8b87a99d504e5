package org.parley.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * The session module as a servlet filter (the analogue of WIF's {@code
 * SessionAuthenticationModule}): reads the session cookies through {@link
 * SessionManager#authenticate}, renews the sliding expiry, and passes on a request whose {@code
 * getUserPrincipal()} is a {@link SessionPrincipal} (and whose {@link
 * SessionManager#PRINCIPAL_ATTRIBUTE} attribute is the {@link
 * org.parley.core.claims.ClaimsPrincipal}) when the session is valid. A request with broken cookies
 * continues as anonymous.
 */
public final class SessionAuthenticationFilter implements Filter {
  /** {@code getAuthType()} of a request authenticated by a session cookie. */
  public static final String AUTH_TYPE = "PARLEY_SESSION";

  private final SessionManager manager;

  public SessionAuthenticationFilter(SessionManager manager) {
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest req)
        || !(response instanceof HttpServletResponse resp)) {
      chain.doFilter(request, response);
      return;
    }
    manager.authenticate(req, resp);
    chain.doFilter(new SessionRequest(req), resp);
  }

  /**
   * Answers from the request's current session, read on every call, so that a sign-in or sign-out
   * later in the same request is seen at once.
   */
  private static final class SessionRequest extends HttpServletRequestWrapper {
    SessionRequest(HttpServletRequest request) {
      super(request);
    }

    private Optional<ValidatedSession> session() {
      return SessionManager.current((HttpServletRequest) getRequest());
    }

    @Override
    public Principal getUserPrincipal() {
      Optional<ValidatedSession> s = session();
      return s.isPresent() ? new SessionPrincipal(s.get().principal()) : super.getUserPrincipal();
    }

    @Override
    public String getRemoteUser() {
      Optional<ValidatedSession> s = session();
      return s.isPresent()
          ? new SessionPrincipal(s.get().principal()).getName()
          : super.getRemoteUser();
    }

    @Override
    public String getAuthType() {
      return session().isPresent() ? AUTH_TYPE : super.getAuthType();
    }

    @Override
    public boolean isUserInRole(String role) {
      Optional<ValidatedSession> s = session();
      return s.isPresent() ? s.get().principal().isInRole(role) : super.isUserInRole(role);
    }
  }
}

package org.parley.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What to answer an anonymous request for a protected path. The WS-Federation module plugs in here
 * (a redirect to the STS with {@code wa=wsignin1.0}); {@link #redirectTo} is a plain redirect to a
 * sign-in page.
 */
@FunctionalInterface
public interface SignInChallenge {

  void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException;

  /**
   * For GET and HEAD, a 302 to {@code signInUrl} with a {@code returnUrl} parameter holding the
   * requested path and query (always a path on this server: it starts with one "/", so a sign-in
   * page that redirects back to it cannot be turned into an open redirect); for other methods a
   * 401, since a redirect would lose the body.
   *
   * @param signInUrl an absolute path ({@code /signin}) or an absolute https URL
   */
  static SignInChallenge redirectTo(String signInUrl) {
    Objects.requireNonNull(signInUrl, "signInUrl");
    boolean path = signInUrl.startsWith("/") && !signInUrl.startsWith("//");
    if (!path && !signInUrl.startsWith("https://")) {
      throw new IllegalArgumentException(
          "signInUrl must be an absolute path (/signin) or an https URL, was " + signInUrl);
    }
    return (request, response) -> {
      String method = request.getMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return;
      }
      String target = request.getRequestURI();
      if (request.getQueryString() != null) {
        target += "?" + request.getQueryString();
      }
      if (!target.startsWith("/") || target.startsWith("//")) {
        target = "/";
      }
      String sep = signInUrl.indexOf('?') >= 0 ? "&" : "?";
      response.setStatus(HttpServletResponse.SC_FOUND);
      response.setHeader(
          "Location",
          signInUrl + sep + "returnUrl=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
      response.setHeader("Cache-Control", "no-store");
    };
  }
}

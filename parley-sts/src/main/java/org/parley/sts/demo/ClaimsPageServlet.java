package org.parley.sts.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.sts.internal.Html;
import org.parley.web.SessionManager;
import org.parley.web.ValidatedSession;

/** The protected page: every identity with its claims, the session, a sign-out link. */
final class ClaimsPageServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<ValidatedSession> current = SessionManager.current(req);
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    if (current.isEmpty()) {
      // The redirect filter sends anonymous users to sign in before they get here.
      resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    ValidatedSession s = current.get();
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Claims - Parley demo</title></head><body><main>")
        .append("<h1>Signed in</h1>")
        .append("<section id=\"session\"><h2>Session</h2><dl>")
        .append("<dt>Mode</dt><dd id=\"session-mode\">")
        .append(s.mode())
        .append("</dd><dt>Sliding expiry</dt><dd id=\"session-sliding-expiry\">")
        .append(s.token().slidingExpiry())
        .append("</dd><dt>Absolute expiry</dt><dd id=\"session-absolute-expiry\">")
        .append(s.token().absoluteExpiry())
        .append("</dd><dt>Cookie bytes</dt><dd id=\"session-cookie-bytes\">")
        .append(s.cookieBytes())
        .append("</dd></dl></section>");
    int n = 0;
    for (ClaimsIdentity id : s.principal().identities()) {
      n++;
      b.append("<section class=\"identity\"><h2>Identity ")
          .append(n)
          .append(": <span class=\"identity-name\">")
          .append(Html.escape(id.name().orElse("(no name)")))
          .append("</span></h2><p>Authentication type: ")
          .append(Html.escape(id.authenticationType().orElse("(none)")))
          .append("</p>");
      id.bootstrapToken()
          .ifPresent(
              t ->
                  b.append("<p class=\"bootstrap\">Bootstrap token: ")
                      .append(Html.escape(t.tokenType()))
                      .append(", ")
                      .append(t.lengthBytes())
                      .append(" bytes</p>"));
      b.append("<table class=\"claims\"><caption>Claims</caption><thead><tr>")
          .append("<th scope=\"col\">Type</th><th scope=\"col\">Value</th>")
          .append("<th scope=\"col\">Issuer</th></tr></thead><tbody>");
      for (Claim c : id.claims()) {
        b.append("<tr><td>")
            .append(Html.escape(c.type()))
            .append("</td><td class=\"claim-value\">")
            .append(Html.escape(c.value()))
            .append("</td><td>")
            .append(Html.escape(c.issuer()))
            .append("</td></tr>");
      }
      b.append("</tbody></table></section>");
    }
    b.append("<p><a id=\"signout\" href=\"")
        .append(Html.escape(req.getContextPath()))
        .append("/app/signout\">Sign out</a></p></main></body></html>");
    resp.setContentType("text/html;charset=utf-8");
    resp.getWriter().write(b.toString());
  }
}

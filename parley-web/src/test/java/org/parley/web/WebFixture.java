package org.parley.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.testing.MutableClock;

/**
 * A relying party on real Jetty (loopback, any free port) with the session filter, the sign-in
 * redirect filter on {@code /app}, and servlets to sign in, sign out and show the principal; plus a
 * java.net.http client with a small cookie jar that keeps the raw {@code Set-Cookie} lines.
 */
final class WebFixture implements AutoCloseable {
  final MutableClock clock = MutableClock.atDefaultStart();
  final AtomicReference<KeyRing> ring = new AtomicReference<>();
  final List<SessionEvent> events = new CopyOnWriteArrayList<>();
  final Map<String, ClaimsPrincipal> users = new ConcurrentHashMap<>();
  final AtomicReference<ClaimsPrincipal> lastSeen = new AtomicReference<>();
  final AtomicReference<String> lastUserPrincipalName = new AtomicReference<>();
  final RecordingStore store = new RecordingStore(clock);
  final SessionManager manager;
  private final Server server;
  private final ServerConnector connector;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  WebFixture() throws Exception {
    this(b -> b);
  }

  WebFixture(UnaryOperator<SessionManager.Builder> config) throws Exception {
    ring.set(
        KeyRing.of(
            clock,
            List.of(
                RingKey.generate(
                    "k1",
                    clock.instant().minusSeconds(60),
                    clock.instant().plus(Duration.ofDays(30))))));
    manager =
        config
            .apply(
                SessionManager.builder()
                    .keyRing(ring::get)
                    .clock(clock)
                    .store(store)
                    .revocationCheckInterval(Duration.ZERO)
                    .listener(events::add))
            .build();
    server = new Server();
    HttpConfiguration hc = new HttpConfiguration();
    // The session may use the whole 8 KiB cookie budget on top of the other headers.
    hc.setRequestHeaderSize(32 * 1024);
    hc.setResponseHeaderSize(64 * 1024);
    // Lets a test present a request as HTTPS the standard way a TLS-terminating proxy does
    // (X-Forwarded-Proto), so that ServletRequest.isSecure() is true.
    hc.addCustomizer(new org.eclipse.jetty.server.ForwardedRequestCustomizer());
    connector = new ServerConnector(server, new HttpConnectionFactory(hc));
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler ctx = new ServletContextHandler("/");
    ctx.addFilter(
        new FilterHolder(new SessionAuthenticationFilter(manager)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    ctx.addFilter(
        new FilterHolder(
            SignInRedirectFilter.builder(manager, SignInChallenge.redirectTo("/signin"))
                .protect("/app")
                .build()),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    ctx.addServlet(new ServletHolder(new SignIn()), "/signin");
    ctx.addServlet(new ServletHolder(new SignOut()), "/signout");
    ctx.addServlet(new ServletHolder(new SignOutEverywhere()), "/signout-everywhere");
    ctx.addServlet(new ServletHolder(new Show()), "/app/*");
    ctx.addServlet(new ServletHolder(new Show()), "/public");
    server.setHandler(ctx);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** A browser: cookies by name, replaced and deleted as Set-Cookie says. */
  final class Browser {
    final Map<String, String> cookies = new LinkedHashMap<>();
    List<String> lastSetCookies = List.of();

    Reply get(String path) throws Exception {
      return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path) throws Exception {
      return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply send(HttpRequest.Builder rb) throws Exception {
      rb.timeout(Duration.ofSeconds(60));
      if (!cookies.isEmpty()) {
        rb.header("Cookie", cookieHeader());
      }
      HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
      lastSetCookies = r.headers().allValues("Set-Cookie");
      for (String line : lastSetCookies) {
        String nv = line.split(";", 2)[0];
        int eq = nv.indexOf('=');
        String name = nv.substring(0, eq);
        if (line.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, nv.substring(eq + 1));
        }
      }
      return new Reply(
          r.statusCode(),
          r.body(),
          lastSetCookies,
          r.headers().firstValue("Location").orElse(null),
          r.headers());
    }

    String cookieHeader() {
      List<String> parts = new ArrayList<>();
      cookies.forEach((n, v) -> parts.add(n + "=" + v));
      return String.join("; ", parts);
    }

    int sessionCookieBytes() {
      return cookieHeader().getBytes(StandardCharsets.US_ASCII).length;
    }
  }

  record Reply(
      int status,
      String body,
      List<String> setCookies,
      String location,
      java.net.http.HttpHeaders headers) {}

  Browser browser() {
    return new Browser();
  }

  private final class SignIn extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ClaimsPrincipal p = users.get(req.getParameter("user"));
      if (p == null) {
        resp.sendError(404);
        return;
      }
      SignInOptions.Builder o = SignInOptions.builder();
      if ("1".equals(req.getParameter("ref"))) {
        o.referenceMode();
      }
      ValidatedSession s;
      try {
        s = manager.signIn(req, resp, p, o.build());
      } catch (IllegalStateException tooLarge) {
        resp.sendError(413);
        return;
      }
      resp.setContentType("text/plain; charset=utf-8");
      resp.getWriter().print(s.mode() + " " + s.cookieBytes());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain; charset=utf-8");
      resp.getWriter().print("sign-in page");
    }
  }

  private final class SignOut extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      manager.signOut(req, resp);
      resp.getWriter().print("signed out");
    }
  }

  private final class SignOutEverywhere extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      int n = manager.signOutEverywhere(req, resp);
      resp.getWriter().print("removed " + n);
    }
  }

  private final class Show extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Object p = req.getAttribute(SessionManager.PRINCIPAL_ATTRIBUTE);
      lastSeen.set(p instanceof ClaimsPrincipal cp ? cp : null);
      lastUserPrincipalName.set(
          req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
      resp.setContentType("text/plain; charset=utf-8");
      resp.getWriter()
          .print(
              req.getUserPrincipal() == null
                  ? "anonymous"
                  : "user " + req.getUserPrincipal().getName() + " " + req.getAuthType());
    }
  }
}

package org.parley.sts.demo;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.store.ReplayCache;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.http.SoapEndpointServlet;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.auth.CertificateAuthenticator;
import org.parley.sts.auth.IssuedTokenAuthenticator;
import org.parley.sts.auth.PasswordAuthenticator;
import org.parley.sts.auth.RequestAuthenticator;
import org.parley.sts.passive.PassiveSts;
import org.parley.sts.passive.RelyingParty;
import org.parley.sts.passive.WsFedResponseValidator;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.trust.StsTrustEndpoint;
import org.parley.sts.trust.TrustRelyingParty;
import org.parley.sts.users.FileUserStore;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.UserAuthenticator;
import org.parley.sts.users.UserStore;
import org.parley.web.SessionAuthenticationFilter;
import org.parley.web.SessionManager;
import org.parley.web.SignInRedirectFilter;
import org.parley.web.federation.FederationAuthenticationFilter;

/**
 * The demo federation on one servlet context: the passive STS at {@code /sts/passive}, the WS-Trust
 * 1.3 and Feb 2005 endpoint at {@code /sts/trust} (Issue, Validate, Renew, Cancel of SAML 2.0
 * assertions; {@link StsTrustEndpoint}) and a relying-party app at {@code /app/} (realm {@code
 * <base>/app/}) whose page lists every identity with its claims and the session, with a sign-out
 * link ({@code /app/signout}, which also signs out of the STS). The RP trusts exactly the STS
 * certificate given here.
 *
 * <pre>{@code
 * DemoFederation demo = DemoFederation.builder(URI.create("http://127.0.0.1:8080"), stsKey).build();
 * demo.mount(servletContextHandler); // host with requestHeaderSize >= REQUEST_HEADER_BYTES
 * // or: try (DemoFederation.Running r = DemoFederation.start(loopback, 0, stsKey)) { ... }
 * }</pre>
 */
public final class DemoFederation {
  /** Request header size the host must accept: the session may use its whole 8 KiB budget. */
  public static final int REQUEST_HEADER_BYTES = 32 * 1024;

  /** The bundled demo users: {@code alice / alice-password} and {@code bob / bob-password}. */
  public static final String DEMO_USERS_RESOURCE = "/org/parley/sts/demo/demo-users.txt";

  public static final String STS_PATH = "/sts/passive";

  /** The WS-Trust 1.3 endpoint (SOAP 1.1 and 1.2). */
  public static final String TRUST_PATH = "/sts/trust";

  public static final String APP_PATH = "/app/";

  /**
   * Ends every session of the signed-in user on every node (reference sessions at once, cookie
   * sessions once each node's revocation check interval has passed), then signs out at the STS.
   */
  public static final String SIGN_OUT_EVERYWHERE_PATH = "/app/signout-everywhere";

  private final URI base;
  private final String realm;
  private final PassiveSts sts;
  private final SessionManager rpSessions;
  private final SessionManager stsSessions;
  private final FederationAuthenticationFilter federation;
  private final StsTrustEndpoint trust;

  private DemoFederation(Builder b) {
    this.base = b.base;
    this.realm = b.base + APP_PATH;
    Supplier<KeyRing> ring = b.keyRing != null ? b.keyRing : constant(generatedRing(b.clock));
    this.stsSessions =
        b.sessionOptions
            .apply(
                SessionManager.builder()
                    .keyRing(ring)
                    .clock(b.clock)
                    .cookieName("parley.sts")
                    .cookiePath("/sts")
                    .context("parley-demo-sts"))
            .build();
    this.rpSessions =
        b.sessionOptions
            .apply(
                SessionManager.builder()
                    .keyRing(ring)
                    .clock(b.clock)
                    .cookieName("parley.s")
                    .cookiePath("/app")
                    .context("parley-demo-app"))
            .build();
    String issuer = b.base + "/sts";
    SignInThrottle throttle = SignInThrottle.defaults(b.clock);
    PassiveSts.Builder stsBuilder =
        PassiveSts.builder()
            .signingCredential(b.credential)
            .issuerName(issuer)
            .users(b.users)
            .relyingParty(RelyingParty.of(realm, URI.create(realm)))
            .clock(b.clock)
            .throttle(throttle);
    if (b.stsSingleSignOn) {
      stsBuilder.stsSessions(stsSessions);
    }
    this.sts = stsBuilder.build();
    RequestAuthenticator.Builder auth =
        RequestAuthenticator.builder()
            .passwords(PasswordAuthenticator.of(new UserAuthenticator(b.users, throttle)))
            .throttle(throttle)
            .replayCache(b.replayCache)
            .clock(b.clock);
    if (!b.clientCertificateAuthorities.isEmpty()) {
      auth.certificates(
          CertificateAuthenticator.builder()
              .trustAnchors(b.clientCertificateAuthorities)
              .clock(b.clock)
              .build(),
          b.credential.privateKeyResolver());
    }
    if (!b.trustedStsIssuers.isEmpty()) {
      SamlAssertionValidator.Builder others =
          SamlAssertionValidator.builder()
              .audience(issuer)
              .clock(b.clock)
              .replayCache(b.replayCache);
      b.trustedStsIssuers.forEach(others::trustIssuer);
      auth.issuedTokens(IssuedTokenAuthenticator.of(others.build()));
    }
    this.trust =
        StsTrustEndpoint.newBuilder(
                new SamlTokenIssuer(
                    b.credential, issuer, b.clock, SamlTokenIssuer.DEFAULT_TOKEN_LIFETIME),
                b.credential.certificate(),
                auth.build())
            .relyingParty(TrustRelyingParty.of(realm))
            .build();
    SamlAssertionValidator assertions =
        SamlAssertionValidator.builder()
            .trustIssuer(issuer, b.credential.certificate())
            .audience(realm)
            .clock(b.clock)
            .replayCache(b.replayCache)
            .build();
    this.federation =
        FederationAuthenticationFilter.builder()
            .issuer(URI.create(b.base + STS_PATH))
            .realm(realm)
            .replyPath(APP_PATH)
            .defaultReturnPath(APP_PATH)
            .sessions(rpSessions)
            .validator(WsFedResponseValidator.of(assertions))
            .build();
  }

  public static Builder builder(URI base, SigningCredential stsCredential) {
    return new Builder(base, stsCredential);
  }

  /** The bundled demo users. */
  public static UserStore demoUsers() {
    try (InputStream in = DemoFederation.class.getResourceAsStream(DEMO_USERS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEMO_USERS_RESOURCE + " missing from the classpath");
      }
      return FileUserStore.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), DEMO_USERS_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP configuration that accepts the demo's cookies ({@link #REQUEST_HEADER_BYTES}). */
  public static HttpConfiguration httpConfiguration() {
    HttpConfiguration hc = new HttpConfiguration();
    hc.setRequestHeaderSize(REQUEST_HEADER_BYTES);
    hc.setResponseHeaderSize(2 * REQUEST_HEADER_BYTES);
    hc.setSendServerVersion(false);
    return hc;
  }

  /** Mounts the STS, the app and their filters on {@code context} (whose path must be "/"). */
  public void mount(ServletContextHandler context) {
    EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
    context.addServlet(new ServletHolder(sts), STS_PATH);
    context.addServlet(new ServletHolder(new SoapEndpointServlet(trust.endpoint())), TRUST_PATH);
    context.addFilter(
        new FilterHolder(new SessionAuthenticationFilter(rpSessions)), "/app/*", request);
    context.addFilter(new FilterHolder(federation), "/app/*", request);
    context.addFilter(
        new FilterHolder(
            SignInRedirectFilter.builder(rpSessions, federation).protect("/app").build()),
        "/app/*",
        request);
    context.addServlet(new ServletHolder(new ClaimsPageServlet()), "/app/*");
    context.addServlet(new ServletHolder(new SignOutServlet(false)), "/app/signout");
    context.addServlet(new ServletHolder(new SignOutServlet(true)), SIGN_OUT_EVERYWHERE_PATH);
  }

  public PassiveSts sts() {
    return sts;
  }

  public SessionManager rpSessions() {
    return rpSessions;
  }

  public String realm() {
    return realm;
  }

  public URI base() {
    return base;
  }

  /**
   * Hosts the demo on its own Jetty server bound to {@code address:port} (0 = a free port), with
   * headers of {@link #REQUEST_HEADER_BYTES}.
   */
  public static Running start(
      InetAddress address, int port, SigningCredential stsCredential, UserStore users)
      throws Exception {
    return startConfigured(address, port, stsCredential, b -> b.users(users));
  }

  /** As {@link #start(InetAddress, int, SigningCredential, UserStore)}, configuring the builder. */
  public static Running startConfigured(
      InetAddress address,
      int port,
      SigningCredential stsCredential,
      java.util.function.UnaryOperator<Builder> config)
      throws Exception {
    Server server = new Server();
    ServerConnector connector =
        new ServerConnector(server, new HttpConnectionFactory(httpConfiguration()));
    connector.setHost(address.getHostAddress());
    connector.setPort(port);
    server.addConnector(connector);
    connector.open(); // bind first: the base URL (realm, STS address) needs the real port
    String host =
        address instanceof java.net.Inet6Address
            ? "[" + address.getHostAddress() + "]"
            : address.getHostAddress();
    URI base = URI.create("http://" + host + ":" + connector.getLocalPort());
    DemoFederation demo = config.apply(builder(base, stsCredential)).build();
    ServletContextHandler ctx = new ServletContextHandler("/");
    demo.mount(ctx);
    server.setHandler(ctx);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new Running(server, demo);
  }

  /** A demo hosted by {@link #start}; close to stop it. */
  public static final class Running implements AutoCloseable {
    private final Server server;
    private final DemoFederation demo;

    private Running(Server server, DemoFederation demo) {
      this.server = server;
      this.demo = demo;
    }

    public DemoFederation demo() {
      return demo;
    }

    public URI uri(String path) {
      return URI.create(demo.base + path);
    }

    @Override
    public void close() throws Exception {
      server.stop();
    }
  }

  private final class SignOutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final boolean everywhere;

    SignOutServlet(boolean everywhere) {
      this.everywhere = everywhere;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (everywhere) {
        rpSessions.signOutEverywhere(req, resp);
      } else {
        rpSessions.signOut(req, resp);
      }
      // WS-Federation 1.2 section 13.2.3: sign out at the STS too, then come back to the app.
      resp.setStatus(HttpServletResponse.SC_FOUND);
      resp.setHeader(
          "Location",
          base
              + STS_PATH
              + "?wa="
              + PassiveSts.WSIGNOUT
              + "&wreply="
              + URLEncoder.encode(realm, StandardCharsets.UTF_8));
      resp.setHeader("Cache-Control", "no-store");
    }
  }

  private static Supplier<KeyRing> constant(KeyRing ring) {
    return () -> ring;
  }

  private static KeyRing generatedRing(Clock clock) {
    return KeyRing.of(
        clock,
        List.of(
            RingKey.generate(
                "demo-1",
                clock.instant().minus(Duration.ofMinutes(1)),
                clock.instant().plus(Duration.ofDays(365)))));
  }

  /** Builder: a base URL and the STS key are required; users default to {@link #demoUsers()}. */
  public static final class Builder {
    private final URI base;
    private final SigningCredential credential;
    private UserStore users;
    private Clock clock = Clock.systemUTC();
    private Supplier<KeyRing> keyRing;
    private ReplayCache replayCache;
    private UnaryOperator<SessionManager.Builder> sessionOptions = UnaryOperator.identity();
    private boolean stsSingleSignOn;
    private final List<X509Certificate> clientCertificateAuthorities = new ArrayList<>();
    private final Map<String, X509Certificate> trustedStsIssuers = new LinkedHashMap<>();

    private Builder(URI base, SigningCredential credential) {
      Objects.requireNonNull(base, "base");
      String s = base.toString();
      if (s.endsWith("/") || base.getRawPath() != null && !base.getRawPath().isEmpty()) {
        throw new IllegalArgumentException(
            "base must be scheme://host:port without a path or trailing slash, was " + base);
      }
      this.base = base;
      this.credential = Objects.requireNonNull(credential, "credential");
    }

    public Builder users(UserStore users) {
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The key ring sealing both session cookies (default: a fresh random key). */
    public Builder keyRing(KeyRing keyRing) {
      this.keyRing = constant(Objects.requireNonNull(keyRing, "keyRing"));
      return this;
    }

    /**
     * Where both session managers get the current key ring on each request, for a ring rotated at
     * run time (a farm's ring loaded from its store).
     */
    public Builder keyRing(Supplier<KeyRing> keyRing) {
      this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
      return this;
    }

    /**
     * Further settings of both session managers (the STS's and the app's), applied after the demo's
     * own: a farm's shared store, user key secret, reference mode, revocation interval.
     */
    public Builder sessionOptions(UnaryOperator<SessionManager.Builder> options) {
      this.sessionOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    public Builder replayCache(ReplayCache replayCache) {
      this.replayCache = Objects.requireNonNull(replayCache, "replayCache");
      return this;
    }

    /**
     * Keeps an STS session cookie so that a second sign-in (another realm, or after the RP session
     * ended) needs no password. Off by default: every sign-in shows the form.
     */
    public Builder stsSingleSignOn() {
      this.stsSingleSignOn = true;
      return this;
    }

    /**
     * Lets WS-Trust clients authenticate with a certificate (the request's X.509 signature) that
     * chains to one of these CAs, e.g. the dev CA of {@code parley keys dev}. Off by default.
     */
    public Builder clientCertificateAuthorities(Collection<X509Certificate> caCertificates) {
      caCertificates.forEach(c -> clientCertificateAuthorities.add(Objects.requireNonNull(c)));
      return this;
    }

    /**
     * Lets WS-Trust clients present a SAML 2.0 assertion issued by another STS named {@code
     * issuer}, signed with {@code certificate}, for this STS (audience {@code <base>/sts}).
     */
    public Builder trustedStsIssuer(String issuer, X509Certificate certificate) {
      trustedStsIssuers.put(
          Objects.requireNonNull(issuer, "issuer"),
          Objects.requireNonNull(certificate, "certificate"));
      return this;
    }

    public DemoFederation build() {
      if (users == null) {
        users = demoUsers();
      }
      if (replayCache == null) {
        replayCache = InMemoryReplayCache.builder().clock(clock).build();
      }
      return new DemoFederation(this);
    }
  }
}

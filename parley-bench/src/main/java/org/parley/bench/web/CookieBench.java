package org.parley.bench.web;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.bench.Table;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.web.IssuedSession;
import org.parley.web.SessionCheck;
import org.parley.web.SessionManager;
import org.parley.web.SessionMode;
import org.parley.web.SignInOptions;

/**
 * Issue 4's web session figures, on parley-web's own code path ({@link SessionManager#check}, what
 * the session filter runs on every request: chunk reassembly, base64, AES-256-GCM open with the key
 * ring, inflate, token decoding and validation, principal rebuild): cookie opens per second on one
 * thread for a principal of three identities, 30 claims and one bootstrap token (a signed SAML 2.0
 * assertion), and the cookie bytes of that session next to a WIF-style XML + base64 encoding.
 */
public final class CookieBench {
  /** Target of issue 4: at least 100,000 opens per second on one thread. */
  public static final double OPENS_TARGET = 100_000;

  /** How long the throughput loop runs. */
  public record Settings(Duration warmup, Duration measure, int batch) {
    public static final Settings DEFAULT =
        new Settings(Duration.ofSeconds(8), Duration.ofSeconds(8), 1000);

    public static final Settings SMOKE = new Settings(Duration.ZERO, Duration.ofMillis(20), 10);
  }

  /** What one run measured. */
  public record Results(
      long opens,
      double cpuMicrosPerOpenWithoutBootstrap,
      double opensPerSecondWall,
      double cpuMicrosPerOpen,
      SessionMode mode,
      int cookies,
      int parleyCookieHeaderBytes,
      int bootstrapBytes,
      int wifInnerXmlBytes,
      int wifCookieHeaderBytes,
      int wifChunks,
      int wifDeflatedCookieHeaderBytes,
      int wifDeflatedChunks) {
    /** Opens per second of the thread's CPU time (what one thread can do, load aside). */
    public double opensPerCpuSecond() {
      return 1e6 / cpuMicrosPerOpen;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CookieBench() {}

  /** A session manager as an RP configures one by default, with a one-key ring. */
  static SessionManager manager(Clock clock) {
    Instant now = clock.instant();
    return SessionManager.builder()
        .clock(clock)
        .keyRing(
            KeyRing.of(clock, List.of(RingKey.generate("k1", now, now.plus(Duration.ofDays(30))))))
        .build();
  }

  /** The request's {@code Cookie} pairs for an issued session (name=value of each Set-Cookie). */
  static List<Map.Entry<String, String>> requestCookies(IssuedSession s) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String line : s.setCookieHeaders()) {
      String nv = line.split(";", 2)[0];
      int eq = nv.indexOf('=');
      out.add(Map.entry(nv.substring(0, eq), nv.substring(eq + 1)));
    }
    return out;
  }

  public static Results measure(Settings s) {
    Clock clock = Clock.systemUTC();
    SessionManager manager = manager(clock);
    ClaimsPrincipal principal = BenchPrincipal.create("alice", clock.instant());
    IssuedSession issued = manager.issue(principal, SignInOptions.defaults(), true);
    List<Map.Entry<String, String>> cookies = requestCookies(issued);
    long[] timed = loop(manager, cookies, principal, s);
    long ops = timed[0];
    long nanos = timed[1];
    long cpu = timed[2];
    // The same claims without the bootstrap token (WIF's default, saveBootstrapContext=false).
    ClaimsPrincipal lean = BenchPrincipal.withoutBootstrapToken(principal);
    List<Map.Entry<String, String>> leanCookies =
        requestCookies(manager.issue(lean, SignInOptions.defaults(), true));
    long[] leanTimed = loop(manager, leanCookies, lean, s);

    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String contextId = "urn:uuid:" + java.util.UUID.randomUUID();
    Instant from = issued.session().token().validFrom();
    Instant to = issued.session().token().absoluteExpiry();
    byte[] inner = WifStyleSessionXml.sessionToken(principal, contextId, key, from, to);
    byte[] plain = WifStyleSessionXml.securityContextToken(contextId, inner);
    byte[] deflated =
        WifStyleSessionXml.securityContextToken(contextId, WifStyleSessionXml.deflate(inner));
    int bootstrap =
        principal.identities().get(0).bootstrapToken().orElseThrow().serializedForm().length;
    return new Results(
        ops,
        leanTimed[2] / 1e3 / leanTimed[0],
        ops * 1e9 / nanos,
        cpu / 1e3 / ops,
        issued.session().mode(),
        issued.setCookieHeaders().size(),
        issued.session().cookieBytes(),
        bootstrap,
        inner.length,
        WifStyleSessionXml.cookieHeaderBytes(plain),
        WifStyleSessionXml.chunks(plain),
        WifStyleSessionXml.cookieHeaderBytes(deflated),
        WifStyleSessionXml.chunks(deflated));
  }

  /** Warms up, then opens {@code cookies} for the measured time: {ops, wall nanos, cpu nanos}. */
  private static long[] loop(
      SessionManager manager,
      List<Map.Entry<String, String>> cookies,
      ClaimsPrincipal expected,
      Settings s) {
    SessionCheck first = manager.check(cookies);
    if (!first.session().map(v -> v.principal().equals(expected)).orElse(false)) {
      throw new IllegalStateException("the cookie did not open to the same principal: " + first);
    }
    long end = System.nanoTime() + s.warmup().toNanos();
    while (System.nanoTime() < end) {
      if (batch(manager, cookies, s.batch()) != s.batch()) {
        throw new IllegalStateException("a cookie failed to open during the warm-up");
      }
    }
    long sink = 0;
    long ops = 0;
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    end = t0 + s.measure().toNanos();
    long now;
    do {
      sink += batch(manager, cookies, s.batch());
      ops += s.batch();
      now = System.nanoTime();
    } while (now < end);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
    if (sink != ops) {
      throw new IllegalStateException("a cookie failed to open during the run");
    }

    return new long[] {ops, now - t0, cpu};
  }

  private static long batch(SessionManager m, List<Map.Entry<String, String>> cookies, int n) {
    long ok = 0;
    for (int i = 0; i < n; i++) {
      if (m.check(cookies).session().isPresent()) {
        ok++;
      }
    }
    return ok;
  }

  /** Measures and renders the tables. */
  public static String run(Settings s) {
    return render(measure(s));
  }

  public static String render(Results r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "\nWeb session cookie (parley-web SessionManager.check: reassemble chunks, base64,"
            + " AES-256-GCM open, inflate, decode, validate, rebuild the ClaimsPrincipal);"
            + " principal of 3 identities, "
            + BenchPrincipal.CLAIMS
            + " claims, one bootstrap token (signed SAML 2.0 assertion, "
            + r.bootstrapBytes()
            + " bytes); one thread.\n\n");
    boolean met = r.opensPerCpuSecond() >= OPENS_TARGET;
    sb.append(
        new Table(
                "operation",
                "opens/s (wall)",
                "thread cpu us/open",
                "opens/s (thread cpu)",
                "target",
                "met")
            .row(
                "cookie open + principal rebuild",
                Table.num(r.opensPerSecondWall(), 0),
                Table.num(r.cpuMicrosPerOpen(), 2),
                Table.num(r.opensPerCpuSecond(), 0),
                ">= " + Table.num(OPENS_TARGET, 0) + "/s",
                met ? "yes" : "NO")
            .row(
                "same, bootstrap token not kept (WIF default)",
                "-",
                Table.num(r.cpuMicrosPerOpenWithoutBootstrap(), 2),
                Table.num(1e6 / r.cpuMicrosPerOpenWithoutBootstrap(), 0),
                ">= " + Table.num(OPENS_TARGET, 0) + "/s",
                1e6 / r.cpuMicrosPerOpenWithoutBootstrap() >= OPENS_TARGET ? "yes" : "NO")
            .render());
    sb.append(
        "\n'met' is judged on the thread's CPU time (what one thread can do; wall time on a shared"
            + " machine also counts time other processes held the core).\n\n");
    sb.append(
        new Table("encoding of the same session", "Cookie header bytes", "cookies")
            .row(
                "Parley (" + r.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode, sealed)",
                Table.num(r.parleyCookieHeaderBytes(), 0),
                String.valueOf(r.cookies()))
            .row(
                "WIF-style XML + base64 (no transforms; inner XML "
                    + Table.num(r.wifInnerXmlBytes(), 0)
                    + " bytes)",
                Table.num(r.wifCookieHeaderBytes(), 0),
                String.valueOf(r.wifChunks()))
            .row(
                "WIF-style XML, inner deflated, + base64 (before WIF's encryption)",
                Table.num(r.wifDeflatedCookieHeaderBytes(), 0),
                String.valueOf(r.wifDeflatedChunks()))
            .render());
    return sb.toString();
  }
}

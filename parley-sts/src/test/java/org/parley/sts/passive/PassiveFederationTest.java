package org.parley.sts.passive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.testing.TestKeys;
import org.parley.sts.users.SignInThrottle;

/** The passive flow over real HTTP (no browser): STS form, token post-back, RP session. */
class PassiveFederationTest {
  static DemoFederation.Running demo;

  @BeforeAll
  static void start() throws Exception {
    demo =
        DemoFederation.start(
            InetAddress.getLoopbackAddress(),
            0,
            TestKeys.credential("parley passive it sts"),
            DemoFederation.demoUsers());
  }

  @AfterAll
  static void stop() throws Exception {
    demo.close();
  }

  final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  HttpResponse<String> get(String uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(uri)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String uri, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Map<String, String> hiddenFields(String html) {
    Map<String, String> m = new LinkedHashMap<>();
    Matcher x =
        Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .matcher(html);
    while (x.find()) {
      m.put(
          x.group(1),
          x.group(2)
              .replace("&quot;", "\"")
              .replace("&#39;", "'")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&amp;", "&"));
    }
    return m;
  }

  String stsUrl() {
    return demo.uri(DemoFederation.STS_PATH).toString();
  }

  /** Follows /app/ -> STS form and answers it; returns the STS's answer. */
  HttpResponse<String> signInAtSts(String user, String password) throws Exception {
    HttpResponse<String> challenge = get(demo.uri("/app/claims?x=1").toString());
    assertThat(challenge.statusCode()).isEqualTo(302);
    String location = challenge.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(stsUrl() + "?wa=wsignin1.0&wtrealm=");
    HttpResponse<String> form = get(location);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body())
        .contains("<label for=\"username\">")
        .contains("<label for=\"password\">");
    Map<String, String> fields = hiddenFields(form.body());
    fields.put("username", user);
    fields.put("password", password);
    return post(stsUrl(), fields);
  }

  @Test
  void signIn_postsTokenBack_rpIssuesSession_andReturnsToRequestedPath() throws Exception {
    HttpResponse<String> issued = signInAtSts("alice", "alice-password");
    assertThat(issued.statusCode()).isEqualTo(200);
    assertThat(issued.body()).contains("<button type=\"submit\">Continue</button>");
    Map<String, String> post = hiddenFields(issued.body());
    assertThat(post.get("wresult")).contains("RequestSecurityTokenResponse").contains("Assertion");
    HttpResponse<String> back = post(demo.demo().realm(), post);
    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(back.headers().firstValue("Location")).contains("/app/claims?x=1");
    HttpResponse<String> page = get(demo.uri("/app/claims?x=1").toString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("alice@example.org").contains("Bootstrap token");

    // SAML Profiles 4.1.4.5: the same token posted again is refused (one-time use).
    HttpResponse<String> replay = post(demo.demo().realm(), post);
    assertThat(replay.statusCode()).isEqualTo(403);
  }

  @Test
  void wrongPassword_showsErrorOnTheForm() throws Exception {
    HttpResponse<String> r = signInAtSts("alice", "not-her-password");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body())
        .contains("role=\"alert\"")
        .contains("incorrect")
        .contains("value=\"alice\"");
  }

  @Test
  void wreply_notRegisteredForRealm_isRefusedWithoutRedirect_wsfed13_2_4() throws Exception {
    String url =
        stsUrl()
            + "?wa=wsignin1.0&wtrealm="
            + enc(demo.demo().realm())
            + "&wreply="
            + enc("https://evil.example/app/");
    HttpResponse<String> r = get(url);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Location")).isEmpty();
    assertThat(r.body()).doesNotContain("evil.example");
    // A prefix of a registered address is not enough either.
    HttpResponse<String> prefix =
        get(
            stsUrl()
                + "?wa=wsignin1.0&wtrealm="
                + enc(demo.demo().realm())
                + "&wreply="
                + enc(demo.demo().realm() + "x"));
    assertThat(prefix.statusCode()).isEqualTo(400);
  }

  @Test
  void unknownRealm_isRefused() throws Exception {
    HttpResponse<String> r = get(stsUrl() + "?wa=wsignin1.0&wtrealm=" + enc("https://other/"));
    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void signOut_withUnregisteredWreply_doesNotRedirect() throws Exception {
    HttpResponse<String> r =
        get(stsUrl() + "?wa=wsignout1.0&wreply=" + enc("https://evil.example/"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Location")).isEmpty();
    HttpResponse<String> ok = get(stsUrl() + "?wa=wsignout1.0&wreply=" + enc(demo.demo().realm()));
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(ok.headers().firstValue("Location")).contains(demo.demo().realm());
  }

  @Test
  void wctx_withAbsoluteOrProtocolRelativeReturn_landsOnTheDefaultPath() throws Exception {
    String url =
        stsUrl()
            + "?wa=wsignin1.0&wtrealm="
            + enc(demo.demo().realm())
            + "&wctx="
            + enc("ru=" + enc("//evil.example/x"));
    Map<String, String> fields = hiddenFields(get(url).body());
    fields.put("username", "alice");
    fields.put("password", "alice-password");
    Map<String, String> post = hiddenFields(post(stsUrl(), fields).body());
    HttpResponse<String> back = post(demo.demo().realm(), post);
    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(back.headers().firstValue("Location")).contains(DemoFederation.APP_PATH);
  }

  @Test
  void tamperedWresult_isRefusedWithoutSession() throws Exception {
    Map<String, String> post = hiddenFields(signInAtSts("alice", "alice-password").body());
    post.put("wresult", post.get("wresult").replace(">reader<", ">admin<"));
    HttpResponse<String> back = post(demo.demo().realm(), post);
    assertThat(back.statusCode()).isEqualTo(403);
    assertThat(back.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("parley.s="));
  }

  @Test
  void activeIssueAtDemoTrustEndpoint_isAcceptedByTheRealm() throws Exception {
    org.w3c.dom.Document response =
        org.parley.endpoint.SoapHttpClient.newBuilder()
            .build()
            .exchange(
                demo.uri(DemoFederation.TRUST_PATH),
                org.parley.wire.soap.SoapVersion.SOAP_12,
                org.parley.sts.trust.TrustIssueHandler.ACTION_ISSUE,
                org.parley.sts.trust.TrustIssueTest.rst(
                    "alice", "alice-password", demo.demo().realm()));
    String rstrc =
        new String(
            org.parley.wire.xml.XmlWriter.toBytes(
                org.parley.wire.soap.SoapEnvelope.of(response).bodyPayload()),
            StandardCharsets.UTF_8);
    // Posted to the realm like a passive wresult: the RP accepts the actively issued token.
    HttpResponse<String> back =
        post(demo.demo().realm(), Map.of("wa", "wsignin1.0", "wresult", rstrc));
    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(back.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("parley.s="));
  }

  @Test
  void stsSingleSignOn_optIn_secondSignInNeedsNoPassword() throws Exception {
    try (DemoFederation.Running sso =
        DemoFederation.startConfigured(
            InetAddress.getLoopbackAddress(),
            0,
            TestKeys.credential("parley passive it sts"),
            b -> b.stsSingleSignOn())) {
      String sts = sso.uri(DemoFederation.STS_PATH).toString();
      String signIn =
          sts
              + "?wa=wsignin1.0&wtrealm="
              + enc(sso.demo().realm())
              + "&wctx="
              + enc("ru=%2Fapp%2F");
      Map<String, String> fields = hiddenFields(get(signIn).body());
      fields.put("username", "alice");
      fields.put("password", "alice-password");
      assertThat(post(sts, fields).statusCode()).isEqualTo(200);
      long checks = sso.demo().sts().passwordChecks();
      HttpResponse<String> again = get(signIn);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(hiddenFields(again.body())).containsKey("wresult");
      assertThat(sso.demo().sts().passwordChecks()).isEqualTo(checks);
      // wsignout1.0 ends the STS session: the form is back
      get(sts + "?wa=wsignout1.0");
      assertThat(hiddenFields(get(signIn).body())).doesNotContainKey("wresult");
    }
  }

  @Test
  void failedAttempts_areThrottledPerUser() throws Exception {
    long before = demo.demo().sts().passwordChecks();
    for (int i = 0; i < SignInThrottle.DEFAULT_MAX_FAILURES_PER_USER; i++) {
      assertThat(signInAtSts("throttled-user", "guess-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> blocked = signInAtSts("throttled-user", "another-guess");
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.body()).contains("Too many failed sign-in attempts");
    // the refused attempt never reached the password check
    assertThat(demo.demo().sts().passwordChecks() - before)
        .isEqualTo(SignInThrottle.DEFAULT_MAX_FAILURES_PER_USER);
  }
}

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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.testing.TestKeys;

/**
 * Login CSRF on the STS sign-in form (OWASP CSRF Prevention Cheat Sheet, "Login CSRF"): a
 * synchronizer token bound to a pre-sign-in cookie, plus Origin and Fetch Metadata checks. A
 * refused POST gets a clear 403 page and no password is checked.
 */
class LoginCsrfTest {
  static DemoFederation.Running demo;

  @BeforeAll
  static void start() throws Exception {
    demo =
        DemoFederation.start(
            InetAddress.getLoopbackAddress(),
            0,
            TestKeys.credential("parley csrf sts"),
            DemoFederation.demoUsers());
  }

  @AfterAll
  static void stop() throws Exception {
    demo.close();
  }

  static HttpClient browser() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  static String sts() {
    return demo.uri(DemoFederation.STS_PATH).toString();
  }

  static String stsOrigin() {
    URI u = demo.uri("/");
    return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
  }

  static HttpResponse<String> form(HttpClient client) throws Exception {
    String url =
        sts()
            + "?wa=wsignin1.0&wtrealm="
            + URLEncoder.encode(demo.demo().realm(), StandardCharsets.UTF_8);
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> filledForm(HttpClient client) throws Exception {
    Map<String, String> fields = PassiveFederationTest.hiddenFields(form(client).body());
    fields.put("username", "alice");
    fields.put("password", "alice-password");
    return fields;
  }

  static HttpResponse<String> post(HttpClient client, Map<String, String> form, String... headers)
      throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    PassiveFederationTest.enc(e.getKey())
                        + "="
                        + PassiveFederationTest.enc(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sts()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertRefused(HttpResponse<String> r, long checksBefore) {
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(r.body()).contains("Sign-in refused").doesNotContain("wresult");
    assertThat(demo.demo().sts().passwordChecks()).isEqualTo(checksBefore);
  }

  @Test
  void form_setsPreSignInCookie_httpOnly_sameSiteStrict_scopedToTheEndpoint() throws Exception {
    HttpResponse<String> r = form(browser());

    String cookie =
        r.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("parley.sts.presignin="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=" + DemoFederation.STS_PATH);
    assertThat(PassiveFederationTest.hiddenFields(r.body()).get("csrf")).hasSize(43);
  }

  @Test
  void sameOriginPost_withTokenAndCookie_signsIn_andClearsThePreSignInCookie() throws Exception {
    HttpClient client = browser();
    HttpResponse<String> r =
        post(client, filledForm(client), "Origin", stsOrigin(), "Sec-Fetch-Site", "same-origin");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(PassiveFederationTest.hiddenFields(r.body())).containsKey("wresult");
    assertThat(r.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("parley.sts.presignin=;") && c.contains("Max-Age=0"));
  }

  @Test
  void crossSiteOrigin_isRefused_rfc6454() throws Exception {
    HttpClient client = browser();
    Map<String, String> form = filledForm(client);
    long checks = demo.demo().sts().passwordChecks();

    assertRefused(post(client, form, "Origin", "http://evil.example"), checks);
  }

  @Test
  void opaqueNullOrigin_isRefused() throws Exception {
    HttpClient client = browser();
    Map<String, String> form = filledForm(client);
    long checks = demo.demo().sts().passwordChecks();

    assertRefused(post(client, form, "Origin", "null"), checks);
  }

  @Test
  void fetchMetadataCrossSite_isRefused() throws Exception {
    HttpClient client = browser();
    Map<String, String> form = filledForm(client);
    long checks = demo.demo().sts().passwordChecks();

    assertRefused(post(client, form, "Sec-Fetch-Site", "cross-site"), checks);
  }

  @Test
  void postWithoutThePreSignInCookie_isRefused() throws Exception {
    Map<String, String> attackersForm = filledForm(browser());
    long checks = demo.demo().sts().passwordChecks();

    assertRefused(post(browser(), attackersForm), checks);
  }

  @Test
  void tokenOfAnotherCookie_isRefused() throws Exception {
    Map<String, String> attackersForm = filledForm(browser());
    HttpClient victim = browser();
    form(victim); // the victim has a pre-sign-in cookie of its own
    long checks = demo.demo().sts().passwordChecks();

    assertRefused(post(victim, attackersForm), checks);
  }

  @Test
  void postWithoutToken_isRefused() throws Exception {
    HttpClient client = browser();
    Map<String, String> form = filledForm(client);
    form.remove("csrf");
    long checks = demo.demo().sts().passwordChecks();

    assertRefused(post(client, form), checks);
  }
}

package org.parley.sts.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.endpoint.SoapHttpClient;
import org.parley.security.TestKeys;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.saml.SigningCredential;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issue 4 acceptance "active client": a Parley client obtains SAML tokens from the demo's {@code
 * /sts/trust} with a username and password plus an X.509 signature (the dev CA's client
 * certificate), posts the RSTR collection to the relying party, and the RP's claims page shows a
 * principal with two identities, each with its claims and bootstrap token. Loopback Jetty only.
 */
class ActiveClientAcceptanceTest {
  static final SigningCredential STS =
      SigningCredential.of(TestKeys.SERVICE.key(), TestKeys.SERVICE.cert());
  static DemoFederation.Running demo;

  @BeforeAll
  static void start() throws Exception {
    demo =
        DemoFederation.startConfigured(
            InetAddress.getLoopbackAddress(),
            0,
            STS,
            b -> b.clientCertificateAuthorities(List.of(TestKeys.caCert())));
  }

  @AfterAll
  static void stop() throws Exception {
    demo.close();
  }

  final HttpClient browserless =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  @Test
  void activeClient_passwordPlusX509Signature_rpShowsTwoIdentities() throws Exception {
    // 1. WS-Trust 1.3 Issue at /sts/trust: UsernameToken (signed supporting token) + signature.
    String realm = demo.demo().realm();
    Document rst = StsRequests.rst(realm);
    byte[] request =
        StsRequests.signed(
            rst,
            List.of(StsRequests.usernameToken(rst, "alice", "alice-password")),
            TestKeys.CLIENT.key(),
            TestKeys.CLIENT.cert(),
            STS.certificate(),
            Clock.systemUTC());
    byte[] response =
        SoapHttpClient.newBuilder()
            .build()
            .exchangeBytes(
                demo.uri(DemoFederation.TRUST_PATH),
                SoapVersion.SOAP_12,
                TrustIssueHandler.ACTION_ISSUE,
                request);
    Element rstrc =
        SoapEnvelope.of(HardenedXml.create(XmlLimits.DEFAULT).parse(response)).bodyPayload();
    String wresult = new String(XmlWriter.toBytes(rstrc), StandardCharsets.UTF_8);

    // 2. The RP accepts the collection at its reply address and starts a session.
    HttpResponse<String> signIn =
        browserless.send(
            HttpRequest.newBuilder(demo.uri(DemoFederation.APP_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "wa=wsignin1.0&wresult="
                            + URLEncoder.encode(wresult, StandardCharsets.UTF_8)
                            + "&wctx="
                            + URLEncoder.encode("ru=/app/", StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signIn.statusCode()).isEqualTo(303);

    // 3. The protected page lists both identities.
    HttpResponse<String> page =
        browserless.send(
            HttpRequest.newBuilder(demo.uri(DemoFederation.APP_PATH)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    assertThat(identityNames(html)).containsExactly("alice", "client");
    assertThat(html)
        .contains("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
        .contains("urn:oasis:names:tc:SAML:2.0:ac:classes:X509")
        .contains("CN=client");
    assertThat(count(html, "class=\"bootstrap\"")).isEqualTo(2);
  }

  static List<String> identityNames(String html) {
    Matcher m = Pattern.compile("<span class=\"identity-name\">([^<]*)</span>").matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}

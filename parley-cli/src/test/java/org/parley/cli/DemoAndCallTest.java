package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley demo} on a free loopback port, called by {@code parley call}, in this JVM. */
class DemoAndCallTest {
  private static final Pattern PLAIN_URL =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/services/DoubleItPlain)\\s");

  @TempDir static Path keys;
  private static Thread demo;
  private static final AtomicInteger DEMO_EXIT = new AtomicInteger(-1);
  private static final StringWriter DEMO_OUT = new StringWriter();
  private static String url;

  @BeforeAll
  static void startDemo() throws Exception {
    assertThat(CliRun.run("keys", "dev", "--out", keys.toString()).exitCode()).isZero();
    demo =
        new Thread(
            () ->
                DEMO_EXIT.set(
                    Main.run(
                        new PrintWriter(DEMO_OUT, true),
                        new PrintWriter(new StringWriter(), true),
                        "demo",
                        "--port",
                        "0",
                        "--keys",
                        keys.toString())),
            "demo-under-test");
    demo.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (url == null && System.nanoTime() < deadline && demo.isAlive()) {
      Matcher m = PLAIN_URL.matcher(DEMO_OUT.toString());
      if (m.find()) {
        url = m.group(1);
      } else {
        Thread.sleep(50);
      }
    }
    assertThat(url).as("demo output: " + DEMO_OUT).isNotNull();
  }

  @AfterAll
  static void stopDemo() throws Exception {
    demo.interrupt();
    demo.join(30_000);
    assertThat(demo.isAlive()).isFalse();
    assertThat(DEMO_EXIT.get()).isZero();
  }

  @Test
  void demo_printsTheEndpointAndItsWsdl() {
    assertThat(DEMO_OUT.toString())
        .contains(url + "?wsdl")
        .contains("parley call --url " + url)
        .contains(url.replace("DoubleItPlain", "DoubleItX509") + "?wsdl");
  }

  @Test
  void demo_webApp_sendsAnonymousVisitorsToTheStsSignInForm() throws Exception {
    String base = url.substring(0, url.indexOf("/services/"));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> app =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/app/")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(app.statusCode()).isEqualTo(302);
    String location = app.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(base + "/sts/passive?").contains("wa=wsignin1.0");

    java.net.http.HttpResponse<String> form =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<form").contains("password");
    assertThat(DEMO_OUT.toString()).contains(base + "/app/").contains(base + "/sts/trust");
  }

  @Test
  void call_doubleIt21_printsFortyTwo_countTimes() {
    CliRun r = CliRun.run("call", "--url", url, "--op", "DoubleIt", "--arg", "21", "--count", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .containsExactly("DoubleIt(21) = 42", "DoubleIt(21) = 42", "DoubleIt(21) = 42");
  }

  @Test
  void call_byWsdl_readsTheAddressFromTheServedWsdl() {
    CliRun r = CliRun.run("call", "--wsdl", url + "?wsdl", "--op", "DoubleIt", "--arg", "-4");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("DoubleIt(-4) = -8");
  }

  @Test
  void callX509_withTheDevelopmentKeys_isSignedEncryptedAndVerifiedBothWays() {
    String x509 = url.replace("DoubleItPlain", "DoubleItX509");
    CliRun r =
        CliRun.run(
            "call",
            "--url",
            x509,
            "--keys",
            keys.toString(),
            "--op",
            "DoubleIt",
            "--arg",
            "21",
            "--count",
            "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly("DoubleIt(21) = 42", "DoubleIt(21) = 42");
  }

  @Test
  void callX509_byWsdl_readsAddressAndNeedsKeys() {
    String wsdl = url.replace("DoubleItPlain", "DoubleItX509") + "?wsdl";
    CliRun without = CliRun.run("call", "--wsdl", wsdl, "--op", "DoubleIt", "--arg", "3");
    assertThat(without.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(without.errLine()).contains("asks for WS-Security", "--keys");
    CliRun with =
        CliRun.run(
            "call", "--wsdl", wsdl, "--keys", keys.toString(), "--op", "DoubleIt", "--arg", "3");
    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(with.out().strip()).isEqualTo("DoubleIt(3) = 6");
  }

  @Test
  void callX509_unsecuredRequest_isRefusedWithWsseFault() {
    String x509 = url.replace("DoubleItPlain", "DoubleItX509");
    CliRun r = CliRun.run("call", "--url", x509, "--op", "DoubleIt", "--arg", "21");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILED);
    assertThat(r.errLine()).contains("SOAP fault Sender/InvalidSecurity", "HTTP 400");
  }

  @Test
  void callX509_withKeysOfAnotherCa_isRefused(@TempDir Path otherKeys) {
    assertThat(CliRun.run("keys", "dev", "--out", otherKeys.toString()).exitCode()).isZero();
    String x509 = url.replace("DoubleItPlain", "DoubleItX509");
    CliRun r =
        CliRun.run(
            "call",
            "--url",
            x509,
            "--keys",
            otherKeys.toString(),
            "--op",
            "DoubleIt",
            "--arg",
            "1");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILED);
    assertThat(r.errLine()).startsWith("parley call: ").contains("SOAP fault Sender/");
  }

  private static String sc(String name) {
    return url.replace("DoubleItPlain", name);
  }

  private static CliRun callByWsdl(String service, Path keyDir, String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "call",
                "--wsdl",
                sc(service) + "?wsdl",
                "--keys",
                keyDir.toString(),
                "--op",
                "DoubleIt",
                "--arg",
                "21"));
    args.addAll(java.util.List.of(more));
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void demo_listsTheSecureConversationEndpointsWithTheirWsdl_includingCookieMode() {
    for (String name :
        new String[] {
          "DoubleItSC13", "DoubleItSC200502", "DoubleItSC13NoCancel", "DoubleItSC13Cookie"
        }) {
      assertThat(DEMO_OUT.toString())
          .contains(sc(name) + System.lineSeparator())
          .containsPattern("\n    WSDL +" + Pattern.quote(sc(name) + "?wsdl"));
    }
    assertThat(DEMO_OUT.toString()).contains("DoubleItSC13Cookie (cookie mode)");
  }

  @Test
  void callSc13Cookie_byWsdl_threeCallsInOneContext_thenCancel() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String wsdl =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sc("DoubleItSC13Cookie") + "?wsdl"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(wsdl).contains("SecureConversationToken").doesNotContain("MustNotSendCancel");
    CliRun r = callByWsdl("DoubleItSC13Cookie", keys, "--count", "3", "--cancel");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .containsExactly("DoubleIt(21) = 42", "DoubleIt(21) = 42", "DoubleIt(21) = 42");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void wsdl_ofNoCancelEndpoint_carriesMustNotSendCancel_sc13DoesNot() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String noCancel =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sc("DoubleItSC13NoCancel") + "?wsdl"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    String sc13 =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sc("DoubleItSC13") + "?wsdl"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(noCancel).contains("MustNotSendCancel").contains("SecureConversationToken");
    assertThat(sc13).contains("SecureConversationToken").doesNotContain("MustNotSendCancel");
  }

  @Test
  void callSc13_byWsdl_threeCallsInOneContext_thenCancel() {
    CliRun r = callByWsdl("DoubleItSC13", keys, "--count", "3", "--cancel");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .containsExactly("DoubleIt(21) = 42", "DoubleIt(21) = 42", "DoubleIt(21) = 42");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void callSc13Reliable_byWsdl_threeCallsInAReliableSessionInOneContext_thenCancel()
      throws Exception {
    String wsdl =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sc("DoubleItSC13Reliable") + "?wsdl"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(wsdl).contains("RMAssertion").contains("SequenceSTR");
    assertThat(DEMO_OUT.toString()).contains(sc("DoubleItSC13Reliable") + System.lineSeparator());
    CliRun r = callByWsdl("DoubleItSC13Reliable", keys, "--count", "3", "--cancel");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .containsExactly("DoubleIt(21) = 42", "DoubleIt(21) = 42", "DoubleIt(21) = 42");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void callSc200502_byWsdl_threeCallsInOneContext_thenCancel() {
    CliRun r = callByWsdl("DoubleItSC200502", keys, "--count", "3", "--cancel");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .containsExactly("DoubleIt(21) = 42", "DoubleIt(21) = 42", "DoubleIt(21) = 42");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void callSc13NoCancel_byWsdl_threeCalls_thenCancelRequested_isUsageError() {
    CliRun r = callByWsdl("DoubleItSC13NoCancel", keys, "--count", "3", "--cancel");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).startsWith("parley call: ").contains("MustNotSendCancel");
    assertThat(r.out()).as("refused before any call").isEmpty();
  }

  @Test
  void demoContexts_liveTenMinutes_soUncancelledOnesDoNotLockTheClientOutForHours()
      throws Exception {
    org.parley.cli.keys.DevKeys dev = org.parley.cli.keys.DevKeys.load(keys);
    org.parley.endpoint.SoapHttpClient http =
        org.parley.endpoint.SoapHttpClient.newBuilder().build();
    byte[] wsdl = http.get(java.net.URI.create(sc("DoubleItSC13NoCancel") + "?wsdl")).body();
    var client =
        org.parley.cli.demo.ConversationDoubleIt.client(
            wsdl, http, dev, java.time.Clock.systemUTC());
    java.time.Instant before = java.time.Instant.now();
    var conversation = client.open();
    assertThat(org.parley.cli.demo.ConversationDoubleIt.call(conversation, 5)).isEqualTo(10);
    assertThat(conversation.keyExpires())
        .isBefore(before.plus(java.time.Duration.ofMinutes(11)))
        .isAfter(before.plus(java.time.Duration.ofMinutes(9)));
  }

  @Test
  void callSc13NoCancel_withoutCancel_printsFortyTwo() {
    CliRun r = callByWsdl("DoubleItSC13NoCancel", keys);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly("DoubleIt(21) = 42");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void callSc13_withoutKeys_isUsageError() {
    CliRun r =
        CliRun.run(
            "call", "--wsdl", sc("DoubleItSC13") + "?wsdl", "--op", "DoubleIt", "--arg", "1");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).contains("secure conversation", "--keys");
  }

  @Test
  void cancel_withPlainWsdl_orUrl_isUsageError() {
    CliRun byWsdl =
        CliRun.run("call", "--wsdl", url + "?wsdl", "--op", "DoubleIt", "--arg", "1", "--cancel");
    assertThat(byWsdl.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(byWsdl.errLine()).contains("--cancel", "secure conversation");
    CliRun byUrl = CliRun.run("call", "--url", url, "--op", "DoubleIt", "--arg", "1", "--cancel");
    assertThat(byUrl.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(byUrl.errLine()).contains("--cancel", "--wsdl");
  }

  @Test
  void callSc_withKeysOfAnotherCa_isRefused_exitOne_oneLineFault(@TempDir Path otherKeys) {
    assertThat(CliRun.run("keys", "dev", "--out", otherKeys.toString()).exitCode()).isZero();
    for (String service : new String[] {"DoubleItSC13", "DoubleItSC200502"}) {
      CliRun r = callByWsdl(service, otherKeys, "--count", "3", "--cancel");
      assertThat(r.exitCode()).as(service + ": " + r.err()).isEqualTo(Main.EXIT_FAILED);
      assertThat(r.errLine())
          .startsWith("parley call: ")
          .contains("refused the security context", "SOAP fault");
      assertThat(r.err()).doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void callSc_clientCertOfAnotherCa_rightServiceCert_isFailedAuthentication(
      @TempDir Path otherKeys, @TempDir Path mixed) throws Exception {
    // The client encrypts to the demo's own service certificate, so what the service refuses is
    // the client certificate: it does not chain to the CA the demo trusts.
    assertThat(CliRun.run("keys", "dev", "--out", otherKeys.toString()).exitCode()).isZero();
    for (String f : new String[] {"ca.p12", "ca.pem", "service.p12"}) {
      Files.copy(keys.resolve(f), mixed.resolve(f));
    }
    Files.copy(otherKeys.resolve("client.p12"), mixed.resolve("client.p12"));
    for (String service : new String[] {"DoubleItSC13", "DoubleItSC200502"}) {
      CliRun r = callByWsdl(service, mixed, "--cancel");
      assertThat(r.exitCode()).as(service + ": " + r.err()).isEqualTo(Main.EXIT_FAILED);
      assertThat(r.errLine())
          .startsWith("parley call: ")
          .contains("refused the security context", "FailedAuthentication");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void call_overflowingInt_isSenderFault_exitOne_oneLine() {
    CliRun r = CliRun.run("call", "--url", url, "--op", "DoubleIt", "--arg", "2147483647");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILED);
    assertThat(r.errLine()).startsWith("parley call: ").contains("SOAP fault Sender", "HTTP 400");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void call_unknownPath_isOneLineFailure() {
    CliRun r =
        CliRun.run(
            "call",
            "--url",
            url.replace("DoubleItPlain", "Nope"),
            "--op",
            "DoubleIt",
            "--arg",
            "1");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILED);
    assertThat(r.errLine()).startsWith("parley call: ");
  }

  @Test
  void demo_portInUse_isOneLineFailure() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun r =
          CliRun.run(
              "demo", "--port", String.valueOf(taken.getLocalPort()), "--keys", keys.toString());
      assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILED);
      assertThat(r.errLine())
          .isEqualTo(
              "parley demo: port "
                  + taken.getLocalPort()
                  + " on 127.0.0.1 is in use; choose another with --port");
    }
  }

  @Test
  void demo_keysDirWithoutKeys_isUsageError(@TempDir Path empty) {
    CliRun r = CliRun.run("demo", "--port", "0", "--keys", empty.toString());
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).contains("ca.p12 is missing", "parley keys dev --out");
  }

  @Test
  void demo_withoutKeysOption_generatesDefaultKeysOnce_thenReusesThem(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve(".parley/keys");
    assertThat(DemoCommand.loadKeys(dir, true).note()).isEqualTo("generated development keys");
    byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));
    assertThat(DemoCommand.loadKeys(dir, true).note()).isEqualTo("loaded");
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(ca);
  }
}

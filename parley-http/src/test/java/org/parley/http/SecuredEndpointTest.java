package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapHttpClient;
import org.parley.security.AlgorithmSuite;
import org.parley.security.CertificateTrust;
import org.parley.security.InboundContext;
import org.parley.security.InboundProcessor;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.security.PrivateKeyResolver;
import org.parley.security.SecurityPolicy;
import org.parley.security.VerifiedMessage;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;

/**
 * A secured endpoint end to end with the WS-Security engine and the peer captures' keys: the
 * handler sees the decrypted payload together with what was verified.
 */
class SecuredEndpointTest {
  private static final Clock CLOCK = Clock.systemUTC();

  private static KeyStore.PrivateKeyEntry load(String name) throws Exception {
    Path file =
        SoapEndpointServletTest.sharedWsdl().getParent().getParent().resolve("keys/" + name);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, "password".toCharArray());
    }
    for (String alias : java.util.Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        return (KeyStore.PrivateKeyEntry)
            ks.getEntry(alias, new KeyStore.PasswordProtection("password".toCharArray()));
      }
    }
    throw new AssertionError(name + " has no key");
  }

  private static SecurityPolicy policy() {
    return SecurityPolicy.newBuilder()
        .binding(SecurityPolicy.Binding.ASYMMETRIC)
        .algorithmSuite(AlgorithmSuite.BASIC256)
        .derivedKeys(false)
        .signHeader(new QName(Ns.WSA10, "Action"))
        .build();
  }

  @Test
  void securedEndpoint_handlerSeesDecryptedSignedPayload_responseProtectedForTheSigner()
      throws Exception {
    KeyStore.PrivateKeyEntry service = load("service.p12");
    KeyStore.PrivateKeyEntry client = load("client.p12");
    X509Certificate serviceCert = (X509Certificate) service.getCertificate();
    X509Certificate clientCert = (X509Certificate) client.getCertificate();
    X509Certificate ca = (X509Certificate) load("ca.p12").getCertificate();
    CertificateTrust trust =
        CertificateTrust.pkix(Set.of(new TrustAnchor(ca, null)), List.of(), CLOCK);
    OutboundProtector protector = OutboundProtector.newBuilder().policy(policy()).build();

    AtomicReference<Boolean> handlerSawSignedEncryptedBody = new AtomicReference<>();
    SoapHandler handler =
        request -> {
          VerifiedMessage v = request.verified().orElseThrow();
          handlerSawSignedEncryptedBody.set(v.isSigned(v.body()) && v.wasEncrypted(v.body()));
          String n =
              Payloads.requireChildText(
                  request.requirePayload(), DoubleItFixture.NS, "numberToDouble");
          return request.reply(
              DoubleItFixture.REPLY_ACTION,
              Payloads.element(
                  DoubleItFixture.NS,
                  "DoubleItResponse",
                  Payloads.element(DoubleItFixture.NS, "doubledNumber", 2 * Integer.parseInt(n))));
        };
    SoapEndpoint endpoint =
        SoapEndpoint.newBuilder()
            .handler(handler)
            .security(
                InboundProcessor.newBuilder()
                    .policy(policy())
                    .privateKeys(PrivateKeyResolver.of(serviceCert, service.getPrivateKey()))
                    .certificateTrust(trust)
                    .build(),
                (response, request) ->
                    protector
                        .protect(
                            response,
                            OutboundCredentials.x509(
                                service.getPrivateKey(),
                                serviceCert,
                                request
                                    .primarySigningToken()
                                    .orElseThrow()
                                    .certificate()
                                    .orElseThrow()))
                        .bytes())
            .build();

    try (ParleyServer server =
        ParleyServer.newBuilder().port(0).endpoint("/secured", endpoint).build().start()) {
      SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
      AddressingHeaders.newBuilder(AddressingVersion.WSA_10)
          .action(DoubleItFixture.ACTION)
          .messageId("urn:uuid:6a1c5a52-1f4b-4a5e-9d1e-3e0c2b8d9f10")
          .build()
          .writeTo(b);
      b.addBodyContent(Dom.importSelfContained(b.document(), DoubleItFixture.request(20)));
      byte[] request =
          protector
              .protect(
                  b.build().document(),
                  OutboundCredentials.x509(client.getPrivateKey(), clientCert, serviceCert))
              .bytes();
      assertThat(new String(request, java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("numberToDouble");

      byte[] reply =
          SoapHttpClient.newBuilder()
              .build()
              .exchangeBytes(
                  server.uri("/secured"), SoapVersion.SOAP_12, DoubleItFixture.ACTION, request);
      VerifiedMessage verified =
          InboundProcessor.newBuilder()
              .policy(policy())
              .privateKeys(PrivateKeyResolver.of(clientCert, client.getPrivateKey()))
              .certificateTrust(trust)
              .build()
              .process(reply, InboundContext.none());

      assertThat(handlerSawSignedEncryptedBody.get()).isTrue();
      assertThat(verified.wasEncrypted(verified.body())).isTrue();
      assertThat(verified.primarySigningToken().orElseThrow().certificate()).contains(serviceCert);
      assertThat(
              Payloads.childText(
                  Dom.firstChildElement(verified.body()), DoubleItFixture.NS, "doubledNumber"))
          .isEqualTo("40");
    }
  }
}

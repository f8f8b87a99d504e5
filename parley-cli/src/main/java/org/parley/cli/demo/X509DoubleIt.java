package org.parley.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.parley.cli.keys.DevKeys;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.ResponseProtection;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHttpClient;
import org.parley.endpoint.WsdlProvider;
import org.parley.security.AlgorithmSuite;
import org.parley.security.CertificateTrust;
import org.parley.security.InboundContext;
import org.parley.security.InboundProcessor;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.security.PrivateKeyResolver;
import org.parley.security.SecurityPolicy;
import org.parley.security.VerifiedMessage;
import org.parley.security.VerifiedToken;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;

/**
 * DoubleIt protected per message with X.509, as {@code shared/peer-captures/wsdl/DoubleItX509.wsdl}
 * describes it (WS-SecurityPolicy 1.2 section 7.5 asymmetric binding, Basic256, a signed timestamp,
 * encrypted signature; the body and the WS-Addressing headers signed, the body content encrypted).
 * The service signs with its key and encrypts to the certificate that signed the request; the
 * client signs with its key and encrypts to the service's certificate.
 */
public final class X509DoubleIt {
  private static final QName[] REQUEST_SIGNED = {
    new QName(Ns.WSA10, "Action"), new QName(Ns.WSA10, "MessageID"), new QName(Ns.WSA10, "To")
  };
  private static final QName[] RESPONSE_SIGNED = {
    new QName(Ns.WSA10, "Action"),
    new QName(Ns.WSA10, "MessageID"),
    new QName(Ns.WSA10, "To"),
    new QName(Ns.WSA10, "RelatesTo")
  };

  private final DevKeys keys;
  private final Clock clock;
  private final CertificateTrust trust;

  private X509DoubleIt(DevKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
    this.trust =
        CertificateTrust.pkix(
            Set.of(new TrustAnchor(keys.caCertificate(), null)), List.of(), clock);
  }

  /** The service and client sides for these development keys. */
  public static X509DoubleIt with(DevKeys keys, Clock clock) {
    return new X509DoubleIt(keys, clock);
  }

  /** The request policy (what the service demands of a request). */
  public static SecurityPolicy requestPolicy() {
    return policy(REQUEST_SIGNED);
  }

  /** The response policy (what the client demands of a response). */
  public static SecurityPolicy responsePolicy() {
    return policy(RESPONSE_SIGNED);
  }

  private static SecurityPolicy policy(QName[] signedHeaders) {
    SecurityPolicy.Builder b =
        SecurityPolicy.newBuilder()
            .binding(SecurityPolicy.Binding.ASYMMETRIC)
            .algorithmSuite(AlgorithmSuite.BASIC256)
            .derivedKeys(false)
            .encryptSignature(true);
    for (QName h : signedHeaders) {
      b.signHeader(h);
    }
    return b.build();
  }

  /**
   * The secured endpoint: requests pass the inbound processor (trusting certificates issued by the
   * development CA, decrypting with the service key) before {@link DoubleIt#handler()} sees them.
   */
  public SoapEndpoint endpoint() {
    X509Certificate serviceCert = certificate(keys.service());
    PrivateKey serviceKey = keys.service().getPrivateKey();
    InboundProcessor inbound =
        InboundProcessor.newBuilder()
            .policy(requestPolicy())
            .clock(clock)
            .privateKeys(PrivateKeyResolver.of(serviceCert, serviceKey))
            .certificateTrust(trust)
            .build();
    OutboundProtector outbound =
        OutboundProtector.newBuilder().policy(responsePolicy()).clock(clock).build();
    ResponseProtection protection =
        (response, request) ->
            outbound
                .protect(
                    response, OutboundCredentials.x509(serviceKey, serviceCert, signer(request)))
                .bytes();
    return SoapEndpoint.newBuilder()
        .handler(DoubleIt.handler())
        .wsdl(WsdlProvider.rewritingAddress(resource("DoubleItX509.wsdl")))
        .security(inbound, protection)
        .build();
  }

  /** The certificate that signed the request: the response is encrypted for it. */
  private static X509Certificate signer(VerifiedMessage request) throws ParleyFault {
    return request
        .primarySigningToken()
        .map(VerifiedToken::root)
        .flatMap(VerifiedToken::certificate)
        .orElseThrow(
            () ->
                new ParleyFault(
                    FaultCode.FAILED_AUTHENTICATION,
                    "the request was not signed with an X.509 certificate"));
  }

  /** Calls the secured endpoint as the development client and returns {@code doubledNumber}. */
  public int call(SoapHttpClient http, URI address, int numberToDouble)
      throws IOException, ParleyFault {
    X509Certificate clientCert = certificate(keys.client());
    PrivateKey clientKey = keys.client().getPrivateKey();
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(DoubleIt.ACTION)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(address.toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    b.addBodyContent(Dom.importSelfContained(b.document(), DoubleIt.request(numberToDouble)));
    byte[] request =
        OutboundProtector.newBuilder()
            .policy(requestPolicy())
            .clock(clock)
            .build()
            .protect(
                b.build().document(),
                OutboundCredentials.x509(clientKey, clientCert, certificate(keys.service())))
            .bytes();
    byte[] reply = http.exchangeBytes(address, SoapVersion.SOAP_12, DoubleIt.ACTION, request);
    VerifiedMessage verified =
        InboundProcessor.newBuilder()
            .policy(responsePolicy())
            .clock(clock)
            .privateKeys(PrivateKeyResolver.of(clientCert, clientKey))
            .certificateTrust(trust)
            .build()
            .process(reply, InboundContext.none());
    return DoubleIt.result(Dom.firstChildElement(verified.body()));
  }

  private static X509Certificate certificate(java.security.KeyStore.PrivateKeyEntry entry) {
    return (X509Certificate) entry.getCertificate();
  }

  private static byte[] resource(String name) {
    try (InputStream in = X509DoubleIt.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

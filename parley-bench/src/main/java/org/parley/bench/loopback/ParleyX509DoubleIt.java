package org.parley.bench.loopback;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.UUID;
import org.parley.conversation.policy.PolicyException;
import org.parley.conversation.policy.PolicyLimits;
import org.parley.conversation.policy.WsdlPolicyReader;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.ResponseProtection;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHttpClient;
import org.parley.endpoint.SoapOperations;
import org.parley.interop.cxf.DoubleIt;
import org.parley.interop.cxf.Scenario;
import org.parley.security.CertificateTrust;
import org.parley.security.InboundContext;
import org.parley.security.InboundProcessor;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.security.PrivateKeyResolver;
import org.parley.security.SecurityPolicy;
import org.parley.security.TestKeys;
import org.parley.security.VerifiedMessage;
import org.parley.security.VerifiedToken;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;

/**
 * DoubleIt protected per message with X.509 (no secure conversation), Parley on both sides, under
 * the policy of {@code peer-captures/wsdl/DoubleItX509.wsdl} that CXF's side reads too
 * (WS-SecurityPolicy 1.2 section 7.5 asymmetric binding, Basic256, signed timestamp, encrypted
 * signature, Body and WS-Addressing headers signed, Body encrypted). The service signs with the
 * capture service key and encrypts to the certificate that signed the request; the client signs
 * with the capture client key and encrypts to the service certificate. Thread-safe.
 */
public final class ParleyX509DoubleIt {
  private final SecurityPolicy policy;
  private final Clock clock;
  private final CertificateTrust trust;

  private ParleyX509DoubleIt(SecurityPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    this.trust = TestKeys.trust(clock);
  }

  /** The policy read from the scenario's WSDL, as the Parley client would read it. */
  public static ParleyX509DoubleIt fromWsdl(Clock clock)
      throws IOException, ParleyFault, PolicyException {
    byte[] wsdl = Files.readAllBytes(Scenario.X509.wsdlPath());
    SecurityPolicy p =
        WsdlPolicyReader.create(PolicyLimits.DEFAULT)
            .read(HardenedXml.create(XmlLimits.DEFAULT).parse(wsdl))
            .messagePolicy();
    return new ParleyX509DoubleIt(p, clock);
  }

  public SecurityPolicy policy() {
    return policy;
  }

  /** The service: verify and decrypt, double, sign and encrypt the answer for the signer. */
  public SoapEndpoint endpoint() {
    X509Certificate cert = TestKeys.SERVICE.cert();
    PrivateKey key = TestKeys.SERVICE.key();
    InboundProcessor inbound =
        InboundProcessor.newBuilder()
            .policy(policy)
            .clock(clock)
            .privateKeys(PrivateKeyResolver.of(cert, key))
            .certificateTrust(trust)
            .build();
    OutboundProtector outbound = OutboundProtector.newBuilder().policy(policy).clock(clock).build();
    ResponseProtection protection =
        (response, request) ->
            outbound
                .protect(response, OutboundCredentials.x509(key, cert, signer(request)))
                .bytes();
    return SoapEndpoint.newBuilder()
        .handler(
            SoapOperations.newBuilder()
                .operation(
                    DoubleIt.ACTION,
                    request ->
                        request.reply(DoubleIt.RESPONSE_ACTION, doubled(request.requirePayload())))
                .build())
        .security(inbound, protection)
        .build();
  }

  private static org.w3c.dom.Element doubled(org.w3c.dom.Element payload) throws ParleyFault {
    int n;
    try {
      n = Integer.parseInt(Payloads.requireChildText(payload, DoubleIt.NS, "numberToDouble"));
    } catch (NumberFormatException e) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "numberToDouble is not an xsd:int");
    }
    return Payloads.element(
        DoubleIt.NS, "DoubleItResponse", Payloads.element(DoubleIt.NS, "doubledNumber", 2 * n));
  }

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

  /** A client of the endpoint at {@code address}; built once, thread-safe. */
  public Client client(URI address) {
    return new Client(address);
  }

  /** The client side: protect, send, verify and decrypt the answer. */
  public final class Client {
    private final URI address;
    private final SoapHttpClient http = SoapHttpClient.newBuilder().build();
    private final OutboundProtector outbound;
    private final InboundProcessor inbound;

    private Client(URI address) {
      this.address = address;
      this.outbound = OutboundProtector.newBuilder().policy(policy).clock(clock).build();
      this.inbound =
          InboundProcessor.newBuilder()
              .policy(policy)
              .clock(clock)
              .privateKeys(PrivateKeyResolver.of(TestKeys.CLIENT.cert(), TestKeys.CLIENT.key()))
              .certificateTrust(trust)
              .build();
    }

    public int doubleIt(int n) throws IOException, ParleyFault {
      SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
      AddressingVersion wsa = AddressingVersion.WSA_10;
      AddressingHeaders.newBuilder(wsa)
          .action(DoubleIt.ACTION)
          .messageId("urn:uuid:" + UUID.randomUUID())
          .to(address.toString())
          .replyTo(EndpointReference.of(wsa.anonymousUri()))
          .build()
          .writeTo(b);
      b.addBodyContent(
          Dom.importSelfContained(
              b.document(),
              Payloads.element(
                  DoubleIt.NS, "DoubleIt", Payloads.element(DoubleIt.NS, "numberToDouble", n))));
      byte[] request =
          outbound
              .protect(
                  b.build().document(),
                  OutboundCredentials.x509(
                      TestKeys.CLIENT.key(), TestKeys.CLIENT.cert(), TestKeys.SERVICE.cert()))
              .bytes();
      byte[] reply = http.exchangeBytes(address, SoapVersion.SOAP_12, DoubleIt.ACTION, request);
      VerifiedMessage m = inbound.process(reply, InboundContext.none());
      String text =
          Payloads.requireChildText(Dom.firstChildElement(m.body()), DoubleIt.NS, "doubledNumber");
      return Integer.parseInt(text);
    }
  }
}

package org.parley.conversation.client;

import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.policy.PolicyException;
import org.parley.conversation.policy.PolicyLimits;
import org.parley.conversation.policy.WsdlPolicyReader;
import org.parley.conversation.sct.SecurityContextToken;
import org.parley.conversation.trust.BinarySecret;
import org.parley.conversation.trust.ContextTokenReference;
import org.parley.conversation.trust.Entropy;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.KeyComputation;
import org.parley.conversation.trust.RequestSecurityToken;
import org.parley.conversation.trust.RequestSecurityTokenResponse;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustCodec;
import org.parley.conversation.trust.TrustCompliance;
import org.parley.conversation.trust.TrustLimits;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapHttpClient;
import org.parley.endpoint.WsdlProvider;
import org.parley.security.CertificateTrust;
import org.parley.security.InboundContext;
import org.parley.security.InboundProcessor;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.security.PrivateKeyResolver;
import org.parley.security.ProtectedMessage;
import org.parley.security.SecurityContextResolver;
import org.parley.security.SecurityPolicy;
import org.parley.security.VerifiedMessage;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A client for one secure conversation endpoint, configured from its WSDL: binding, algorithm
 * suite, WS-SC version, bootstrap and MustNotSendCancel come from the published WS-Policy. Built
 * once and shared: thread-safe, any number of {@link Conversation}s open at once.
 *
 * <pre>{@code
 * SecureConversationClient client = SecureConversationClient.newBuilder()
 *     .wsdl(URI.create("https://host/services/DoubleItSC13?wsdl"))
 *     .clientKey(key, cert).serviceCertificate(serviceCert).serviceTrust(trust)
 *     .build();
 * try (Conversation c = client.open()) {
 *   Element result = c.call(action, payload);
 * }
 * }</pre>
 */
public final class SecureConversationClient {
  /** Default of the setting {@code renewBefore}: renew when less than this is left of a key. */
  public static final Duration DEFAULT_RENEW_BEFORE = Duration.ofMinutes(1);

  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  private final URI address;
  private final SoapVersion soapVersion;
  private final ConversationPolicy policy;
  private final TrustVersion version;
  private final PrivateKey clientKey;
  private final X509Certificate clientCertificate;
  private final X509Certificate serviceCertificate;
  private final CertificateTrust serviceTrust;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration renewBefore;
  private final SoapHttpClient http;
  private final TrustCodec trust;
  private final OutboundProtector bootstrapOutbound;
  private final OutboundProtector messageOutbound;
  private final InboundProcessor messageInbound;
  private final InboundProcessor cancelInbound;
  private final Map<String, ContextKey> secrets = new ConcurrentHashMap<>();

  /**
   * What the client holds of one context: the token as issued (with its Instance and, in cookie
   * mode, the cookie it must send back) and its key; after a renewal also the previous key, which
   * the service may still use for replies while its rollover lasts.
   */
  private record ContextKey(SecurityContextToken token, SecretBytes secret, ContextKey previous) {
    String instance() {
      return token.instance().orElse(null);
    }

    Optional<SecretBytes> secretFor(String instance) {
      if (instance == null || instance.equals(instance())) {
        return Optional.of(secret);
      }
      return previous != null && instance.equals(previous.instance())
          ? Optional.of(previous.secret)
          : Optional.empty();
    }

    OutboundCredentials credentials(String wscNamespace) {
      OutboundCredentials c =
          OutboundCredentials.securityContext(token.identifier(), secret).inNamespace(wscNamespace);
      if (token.instance().isPresent()) {
        c = c.instance(token.instance().get());
      }
      if (token.cookie().isPresent()) {
        // Cookie mode (WCF's stateless SCT): the issuer reads the context from the token itself.
        c = c.carryingCookie(token.cookie().get());
      }
      return c;
    }

    ContextTokenReference target() {
      return token.isCookie()
          ? ContextTokenReference.inline(token)
          : ContextTokenReference.toIdentifier(token.identifier());
    }
  }

  private SecureConversationClient(
      Builder b, ConversationPolicy policy, URI address, SoapVersion v) {
    this.address = address;
    this.soapVersion = v;
    this.policy = policy;
    this.version = policy.version();
    this.clientKey = b.clientKey;
    this.clientCertificate = b.clientCertificate;
    this.serviceCertificate = b.serviceCertificate;
    this.serviceTrust = b.serviceTrust;
    this.clock = b.clock;
    this.random = b.random;
    this.renewBefore = b.renewBefore;
    this.http = b.http != null ? b.http : SoapHttpClient.newBuilder().build();
    this.trust = TrustCodec.create(TrustLimits.DEFAULT, b.compliance);
    this.bootstrapOutbound =
        OutboundProtector.newBuilder()
            .policy(policy.bootstrap().securityPolicy())
            .clock(clock)
            .random(random)
            .build();
    this.messageOutbound =
        OutboundProtector.newBuilder()
            .policy(policy.messagePolicy())
            .clock(clock)
            .random(random)
            .build();
    SecurityContextResolver contexts =
        new SecurityContextResolver() {
          @Override
          public Optional<SecretBytes> secretFor(String id) {
            return secretFor(id, null);
          }

          @Override
          public Optional<SecretBytes> secretFor(String id, String instance) {
            ContextKey k = secrets.get(id);
            return k == null ? Optional.empty() : k.secretFor(instance);
          }
        };
    this.messageInbound =
        InboundProcessor.newBuilder()
            .policy(policy.messagePolicy())
            .clock(clock)
            .privateKeys(PrivateKeyResolver.of(clientCertificate, clientKey))
            .certificateTrust(serviceTrust)
            .securityContexts(contexts)
            .build();
    // CXF signs its Cancel response with the context secret itself (no derived keys) and encrypts
    // nothing: the body is only RequestedTokenCancelled. Accepted for Cancel responses alone.
    this.cancelInbound =
        InboundProcessor.newBuilder()
            .policy(
                policy.messagePolicy().toBuilder()
                    .allowUnencryptedBody()
                    .encryptSignature(false)
                    .derivedKeys(false)
                    .build())
            .clock(clock)
            .privateKeys(PrivateKeyResolver.of(clientCertificate, clientKey))
            .certificateTrust(serviceTrust)
            .securityContexts(contexts)
            .build();
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** The policy read from the WSDL. */
  public ConversationPolicy policy() {
    return policy;
  }

  /** The endpoint address (the WSDL's, unless overridden). */
  public URI address() {
    return address;
  }

  /**
   * Establishes a new security context (RST/SCT under the bootstrap policy).
   *
   * @throws ParleyFault with the peer's fault code when it refuses ({@code
   *     org.parley.endpoint.SoapFaultException}), or the security engine's when its answer fails
   *     verification
   */
  public Conversation open() throws IOException, ParleyFault {
    int bits = policy.algorithmSuite().dataEncryption().keyLengthBytes() * 8;
    RequestSecurityToken.Builder rst =
        RequestSecurityToken.newBuilder(version, RequestType.ISSUE)
            .sctTokenType()
            .keySizeBits(bits);
    BinarySecret entropy = null;
    if (policy.entropyMode() != EntropyMode.SERVER) {
      entropy = BinarySecret.nonce(SecretBytes.random(bits / 8, random));
      rst.entropy(Entropy.of(entropy));
    }
    if (policy.entropyMode() == EntropyMode.COMBINED) {
      rst.computedKeyPsha1();
    }
    RequestSecurityTokenResponse rstr =
        bootstrapExchange(version.actionIssueRequest(), rst.build());
    SecretBytes key = KeyComputation.requestorKey(entropy, rstr, bits);
    SecurityContextToken token = requestedToken(rstr);
    String id = token.identifier();
    Instant expires =
        rstr.lifetime().map(l -> l.expires()).orElse(clock.instant().plus(Duration.ofHours(15)));
    secrets.put(id, new ContextKey(token, key, null));
    return new Conversation(id, expires);
  }

  private static SecurityContextToken requestedToken(RequestSecurityTokenResponse rstr)
      throws ParleyFault {
    return rstr.requestedToken()
        .orElseThrow(
            () ->
                new ParleyFault(
                    FaultCode.TRUST_INVALID_REQUEST,
                    "the RSTR carries no wst:RequestedSecurityToken (WS-SC 1.3 section 3.2)"));
  }

  /**
   * Cancels context {@code identifier} under the bootstrap policy, proving ownership with this
   * client's certificate rather than the context key (the form CXF sends; useful when the key is
   * lost). The service refuses it unless this certificate established the context.
   */
  public void cancel(String identifier) throws IOException, ParleyFault {
    Objects.requireNonNull(identifier, "identifier");
    ContextKey k = secrets.get(identifier);
    RequestSecurityToken rst =
        RequestSecurityToken.newBuilder(version, RequestType.CANCEL)
            .target(k != null ? k.target() : ContextTokenReference.toIdentifier(identifier))
            .build();
    RequestSecurityTokenResponse rstr = bootstrapExchange(version.actionCancelRequest(), rst);
    if (!rstr.tokenCancelled()) {
      throw new ParleyFault(
          FaultCode.TRUST_REQUEST_FAILED,
          "the Cancel response lacks wst:RequestedTokenCancelled (WS-Trust 1.3 section 8.1)");
    }
    secrets.remove(identifier);
  }

  /** Sends an RST under the bootstrap policy and verifies and reads the response. */
  private RequestSecurityTokenResponse bootstrapExchange(String action, RequestSecurityToken rst)
      throws IOException, ParleyFault {
    Document request = envelope(action, null);
    SoapEnvelope env = SoapEnvelope.of(request);
    env.body().appendChild(trust.writeRequest(request, rst));
    OutboundCredentials creds =
        policy.bootstrap().kind() == BootstrapPolicy.Kind.ASYMMETRIC_X509
            ? OutboundCredentials.x509(clientKey, clientCertificate, serviceCertificate)
            : OutboundCredentials.encryptedKeyFor(serviceCertificate)
                .endorsedBy(clientKey, clientCertificate);
    ProtectedMessage sent =
        bootstrapOutbound.protect(request, creds.inNamespace(version.scNamespace()));
    byte[] answer = http.exchangeBytes(address, soapVersion, action, sent.bytes());
    InboundProcessor inbound =
        InboundProcessor.newBuilder()
            .policy(policy.bootstrap().securityPolicy())
            .clock(clock)
            .privateKeys(PrivateKeyResolver.of(clientCertificate, clientKey))
            .certificateTrust(serviceTrust)
            .encryptedKeys(sent.encryptedKeyResolver())
            .build();
    VerifiedMessage m =
        inbound.process(answer, expecting(policy.bootstrap().securityPolicy(), sent));
    return trust.readResponse(payload(m));
  }

  /** WSS 1.1 section 8.5: expect our signatures confirmed only when the policy asks for it. */
  private static InboundContext expecting(SecurityPolicy p, ProtectedMessage sent) {
    return p.signatureConfirmation()
        ? InboundContext.none().expectingSignatureConfirmations(sent.signatureValues())
        : InboundContext.none();
  }

  private Document envelope(String action, Element payload) {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(soapVersion);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(action)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(address.toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    if (payload != null) {
      b.addBodyContent(Dom.importSelfContained(b.document(), payload));
    }
    return b.build().document();
  }

  private static Element payload(VerifiedMessage m) throws ParleyFault {
    Element p = Dom.firstChildElement(m.body());
    if (p == null) {
      throw new ParleyFault(FaultCode.SOAP_RECEIVER, "the response body is empty");
    }
    return p;
  }

  /**
   * One established security context. Thread-safe: calls may run concurrently; renewal happens
   * once, before the key expires. {@link #close()} cancels it unless the peer publishes
   * MustNotSendCancel.
   */
  public final class Conversation implements AutoCloseable {
    private final String id;
    private volatile Instant keyExpires;
    private volatile boolean closed;

    private Conversation(String id, Instant keyExpires) {
      this.id = id;
      this.keyExpires = keyExpires;
    }

    /** The context's {@code wsc:Identifier}. */
    public String identifier() {
      return id;
    }

    /**
     * The security context token as the issuer last sent it (its Instance after a renewal; in
     * cookie mode with the sealed cookie, which this client sends back with every message).
     */
    public SecurityContextToken token() {
      ContextKey k = secrets.get(id);
      if (k == null) {
        throw new IllegalStateException("conversation " + id + " is closed");
      }
      return k.token();
    }

    /** When the current key expires, as the issuer stated. */
    public Instant keyExpires() {
      return keyExpires;
    }

    /**
     * Calls operation {@code action} with {@code payload}, protected with keys derived from the
     * context, and returns the verified response payload.
     *
     * @throws ParleyFault the peer's fault ({@code org.parley.endpoint.SoapFaultException}: {@code
     *     wsc:BadContextToken} for a context the peer no longer knows) or a verification failure
     */
    public Element call(String action, Element payload) throws IOException, ParleyFault {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(payload, "payload");
      if (closed) {
        throw new IllegalStateException("conversation " + id + " is closed");
      }
      renewIfDue();
      ContextKey k = secrets.get(id);
      if (k == null) {
        throw new IllegalStateException("conversation " + id + " was cancelled");
      }
      Document request = envelope(action, payload);
      ProtectedMessage sent =
          messageOutbound.protect(request, k.credentials(version.scNamespace()));
      byte[] answer = http.exchangeBytes(address, soapVersion, action, sent.bytes());
      VerifiedMessage m = messageInbound.process(answer, expecting(policy.messagePolicy(), sent));
      return payload(m);
    }

    /**
     * Sends {@code envelope}, built by the caller with headers of its own (WS-RM's, for one), with
     * the protection of {@link #call} (the envelope is changed in place), and returns the verified
     * response envelope, or null when the peer answered 2xx with an empty body (a one-way message).
     *
     * @throws ParleyFault the peer's fault ({@code org.parley.endpoint.SoapFaultException}) or a
     *     response that fails verification
     */
    public Document exchange(Document envelope, String action) throws IOException, ParleyFault {
      Objects.requireNonNull(envelope, "envelope");
      Objects.requireNonNull(action, "action");
      if (closed) {
        throw new IllegalStateException("conversation " + id + " is closed");
      }
      renewIfDue();
      ContextKey k = secrets.get(id);
      if (k == null) {
        throw new IllegalStateException("conversation " + id + " was cancelled");
      }
      ProtectedMessage sent =
          messageOutbound.protect(envelope, k.credentials(version.scNamespace()));
      byte[] answer = http.exchangeBytes(address, soapVersion, action, sent.bytes());
      if (answer.length == 0) {
        return null;
      }
      return messageInbound.process(answer, expecting(policy.messagePolicy(), sent)).document();
    }

    /** Renews now (WS-SC 1.3 section 5): same context, a new key. */
    public synchronized void renew() throws IOException, ParleyFault {
      ContextKey old = secrets.get(id);
      RequestSecurityToken rst =
          RequestSecurityToken.newBuilder(version, RequestType.RENEW)
              .sctTokenType()
              .target(old.target())
              .build();
      RequestSecurityTokenResponse rstr = bootstrapExchange(version.actionRenewRequest(), rst);
      int bits = old.secret().lengthBytes() * 8;
      SecretBytes key = KeyComputation.requestorKey(null, rstr, bits);
      SecurityContextToken token = rstr.requestedToken().orElse(old.token());
      if (!token.identifier().equals(id)) {
        throw new ParleyFault(
            FaultCode.SC_UNABLE_TO_RENEW,
            "the renewed token names another context (WS-SC 1.3 section 5: same Identifier)");
      }
      secrets.put(id, new ContextKey(token, key, new ContextKey(old.token(), old.secret(), null)));
      keyExpires =
          rstr.lifetime().map(l -> l.expires()).orElse(clock.instant().plus(Duration.ofHours(15)));
    }

    private void renewIfDue() throws IOException, ParleyFault {
      if (!clock.instant().plus(renewBefore).isBefore(keyExpires)) {
        synchronized (this) {
          if (!clock.instant().plus(renewBefore).isBefore(keyExpires)) {
            renew();
          }
        }
      }
    }

    /**
     * Cancels the context (WS-SC 1.3 section 6), signed with its own key, unless the endpoint's
     * policy says MustNotSendCancel, in which case nothing is sent and the context just expires.
     */
    @Override
    public void close() throws IOException, ParleyFault {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (policy.requireCancellation()) {
          cancel();
        }
      } finally {
        secrets.remove(id);
      }
    }

    private void cancel() throws IOException, ParleyFault {
      ContextKey k = secrets.get(id);
      RequestSecurityToken rst =
          RequestSecurityToken.newBuilder(version, RequestType.CANCEL)
              .target(ContextTokenReference.toIdentifier(id))
              .build();
      String action = version.actionCancelRequest();
      Document request = envelope(action, null);
      SoapEnvelope.of(request).body().appendChild(trust.writeRequest(request, rst));
      ProtectedMessage sent =
          messageOutbound.protect(request, k.credentials(version.scNamespace()));
      byte[] answer = http.exchangeBytes(address, soapVersion, action, sent.bytes());
      VerifiedMessage m;
      try {
        m = messageInbound.process(answer, InboundContext.none());
      } catch (ParleyFault e) {
        m = cancelInbound.process(answer, InboundContext.none());
      }
      RequestSecurityTokenResponse rstr = trust.readResponse(payload(m));
      if (!rstr.tokenCancelled()) {
        throw new ParleyFault(
            FaultCode.TRUST_REQUEST_FAILED,
            "the Cancel response lacks wst:RequestedTokenCancelled (WS-Trust 1.3 section 8.1)");
      }
    }
  }

  /** Builder; {@link #build} needs the WSDL, the client key and the service certificate. */
  public static final class Builder {
    private URI wsdl;
    private byte[] wsdlBytes;
    private URI address;
    private String bindingName;
    private PrivateKey clientKey;
    private X509Certificate clientCertificate;
    private X509Certificate serviceCertificate;
    private CertificateTrust serviceTrust;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration renewBefore = DEFAULT_RENEW_BEFORE;
    private SoapHttpClient http;
    private PolicyLimits policyLimits = PolicyLimits.DEFAULT;
    private TrustCompliance compliance = TrustCompliance.STRICT;
    private PolicyFloor floor = PolicyFloor.DEFAULT;

    private Builder() {}

    /**
     * The weakest peer policy accepted (default {@link PolicyFloor#DEFAULT}: signed and encrypted
     * body, Basic128 or stronger, no RSA-1_5 key transport); {@link #build} refuses a WSDL below
     * it.
     */
    public Builder policyFloor(PolicyFloor floor) {
      this.floor = Objects.requireNonNull(floor, "floor");
      return this;
    }

    /**
     * Which named WS-Trust deviations of the peer are accepted (default {@link
     * TrustCompliance#STRICT}; {@link TrustCompliance#CXF} for Apache CXF, whose renew response
     * types its proof key as a Nonce).
     */
    public Builder trustCompliance(TrustCompliance compliance) {
      this.compliance = Objects.requireNonNull(compliance, "compliance");
      return this;
    }

    /** Where the peer publishes its WSDL ({@code ...?wsdl}); fetched once by {@link #build}. */
    public Builder wsdl(URI wsdl) {
      this.wsdl = Objects.requireNonNull(wsdl, "wsdl");
      return this;
    }

    /** The peer's WSDL document itself (instead of fetching it). */
    public Builder wsdl(byte[] wsdl) {
      this.wsdlBytes = Objects.requireNonNull(wsdl, "wsdl").clone();
      return this;
    }

    /** The endpoint address, overriding the WSDL's {@code soap12:address}/{@code soap:address}. */
    public Builder address(URI address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Which {@code wsdl:binding} to use when the WSDL has several. */
    public Builder binding(String bindingName) {
      this.bindingName = Objects.requireNonNull(bindingName, "bindingName");
      return this;
    }

    public Builder clientKey(PrivateKey key, X509Certificate certificate) {
      this.clientKey = Objects.requireNonNull(key, "key");
      this.clientCertificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /** The service's certificate: bootstrap keys are encrypted for it. */
    public Builder serviceCertificate(X509Certificate certificate) {
      this.serviceCertificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /** Which service certificates are accepted on bootstrap responses; default: only the pinned. */
    public Builder serviceTrust(CertificateTrust trust) {
      this.serviceTrust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Setting {@code renewBefore}: renew when less than this is left of the key's lifetime. */
    public Builder renewBefore(Duration d) {
      Objects.requireNonNull(d, "renewBefore");
      if (d.isNegative()) {
        throw new IllegalArgumentException("renewBefore must not be negative, was " + d);
      }
      this.renewBefore = d;
      return this;
    }

    public Builder httpClient(SoapHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    public Builder policyLimits(PolicyLimits limits) {
      this.policyLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Reads the WSDL and builds the client.
     *
     * @throws ParleyFault when the WSDL cannot be fetched or parsed, publishes no secure
     *     conversation policy Parley supports, or one weaker than the {@link PolicyFloor}
     */
    public SecureConversationClient build() throws IOException, ParleyFault {
      if ((wsdl == null && wsdlBytes == null) || clientKey == null || serviceCertificate == null) {
        throw new IllegalStateException(
            "a secure conversation client needs wsdl(), clientKey() and serviceCertificate()");
      }
      SoapHttpClient h = http != null ? http : SoapHttpClient.newBuilder().build();
      http = h;
      byte[] bytes = wsdlBytes;
      if (bytes == null) {
        var r = h.get(wsdl);
        if (r.status() != 200) {
          throw new ParleyFault(
              FaultCode.SOAP_RECEIVER, "GET " + wsdl + " answered HTTP " + r.status());
        }
        bytes = r.body();
      }
      Document doc = XML.parse(bytes);
      ConversationPolicy policy;
      try {
        WsdlPolicyReader reader = WsdlPolicyReader.create(policyLimits);
        policy =
            (bindingName == null ? reader.read(doc) : reader.read(doc, bindingName))
                .conversation()
                .orElseThrow(
                    () -> new PolicyException("the WSDL's policy is not a secure conversation"));
      } catch (PolicyException e) {
        throw new ParleyFault(
            FaultCode.SOAP_RECEIVER, "the WSDL's policy is unusable: " + e.getMessage(), e);
      }
      // A WSDL may arrive downgraded: refuse anything below the local floor.
      floor.check(policy);
      SoapVersion v = SoapVersion.SOAP_11;
      URI addr = address;
      for (String ns : List.of(WsdlProvider.WSDL_SOAP12, WsdlProvider.WSDL_SOAP11)) {
        var list = doc.getElementsByTagNameNS(ns, "address");
        if (list.getLength() > 0) {
          v = ns.equals(WsdlProvider.WSDL_SOAP12) ? SoapVersion.SOAP_12 : SoapVersion.SOAP_11;
          if (addr == null) {
            addr = URI.create(((Element) list.item(0)).getAttribute("location"));
          }
          break;
        }
      }
      if (addr == null) {
        if (wsdl == null) {
          throw new IllegalStateException("the WSDL has no soap address: call address()");
        }
        addr = URI.create(wsdl.toString().replaceFirst("\\?.*$", ""));
      }
      if (serviceTrust == null) {
        serviceTrust = CertificateTrust.pinned(List.of(serviceCertificate));
      }
      return new SecureConversationClient(this, policy, addr, v);
    }
  }
}

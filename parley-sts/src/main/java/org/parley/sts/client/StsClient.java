package org.parley.sts.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.parley.conversation.trust.BinarySecret;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.KeyComputation;
import org.parley.conversation.trust.Lifetime;
import org.parley.conversation.trust.ProofToken;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapHttpClient;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.security.SecurityPolicy;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.trust.ProofKeyType;
import org.parley.sts.trust.SamlTokenRequest;
import org.parley.sts.trust.SamlTokenResponse;
import org.parley.sts.trust.SamlTrustCodec;
import org.parley.sts.trust.TrustIssueHandler;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A WS-Trust client of a security token service issuing SAML 2.0 assertions: Issue (bearer,
 * holder-of-key with a symmetric or a public proof key), Validate, Renew and Cancel, in WS-Trust
 * 1.3 or Feb 2005, over SOAP/HTTP with parley-endpoint's {@link SoapHttpClient}.
 *
 * <pre>{@code
 * StsClient sts = StsClient.newBuilder(URI.create("https://sts.example/sts/trust"))
 *     .usernameToken("alice", "alice-password".toCharArray())
 *     .build();
 * IssuedToken token = sts.issue(TokenRequest.bearer("https://rp.example/app/"));
 * }</pre>
 *
 * Requests carry the configured credentials: a {@code wsse:UsernameToken} (PasswordText: use
 * HTTPS), an X.509 signature over body and timestamp made with {@link OutboundProtector} (WS-SP 1.2
 * asymmetric binding, the body also encrypted for the STS certificate), or both, the username token
 * then a signed supporting token (section 8.3). Built once, immutable and thread-safe.
 */
public final class StsClient {
  private final URI address;
  private final TrustVersion version;
  private final SoapVersion soapVersion;
  private final SoapHttpClient http;
  private final String username;
  private final SecretBytes password;
  private final PrivateKey signingKey;
  private final X509Certificate signingCertificate;
  private final X509Certificate stsCertificate;
  private final OutboundProtector protector;
  private final HardenedXml xml;
  private final SamlTrustCodec codec = SamlTrustCodec.strict();
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private StsClient(Builder b) {
    this.address = b.address;
    this.version = b.version;
    this.soapVersion = b.soapVersion;
    this.http = b.http != null ? b.http : SoapHttpClient.newBuilder().build();
    this.username = b.username;
    this.password = b.password;
    this.signingKey = b.signingKey;
    this.signingCertificate = b.signingCertificate;
    this.stsCertificate = b.stsCertificate;
    this.clock = b.clock;
    this.protector =
        signingKey == null
            ? null
            : OutboundProtector.newBuilder()
                .clock(b.clock)
                // WS-SP 1.2 section 7.5 with the safe defaults: body signed and encrypted for the
                // STS, signed timestamp; the STS's RequestAuthenticator expects exactly this.
                .policy(
                    SecurityPolicy.newBuilder().binding(SecurityPolicy.Binding.ASYMMETRIC).build())
                .build();
    this.xml = HardenedXml.create(XmlLimits.DEFAULT);
  }

  /** A client of the WS-Trust endpoint at {@code address}. */
  public static Builder newBuilder(URI address) {
    return new Builder(address);
  }

  public TrustVersion version() {
    return version;
  }

  /** Issues one token (the first, when the STS answers with several identities' tokens). */
  public IssuedToken issue(TokenRequest request) throws IOException, ParleyFault {
    return issueAll(request).get(0);
  }

  /**
   * Issues and returns every token of the answer: a WS-Trust 1.3 collection may hold one assertion
   * per authenticated identity.
   */
  public List<IssuedToken> issueAll(TokenRequest request) throws IOException, ParleyFault {
    Objects.requireNonNull(request, "request");
    SamlTokenRequest.Builder rst =
        SamlTokenRequest.newBuilder(version, RequestType.ISSUE)
            .context("uuid-" + UUID.randomUUID())
            .tokenType(SamlAssertion.TOKEN_TYPE)
            .appliesTo(request.appliesTo())
            .keyType(request.keyType());
    BinarySecret clientEntropy = null;
    int keyBits = request.keySizeBits();
    if (request.keyType() == ProofKeyType.SYMMETRIC) {
      EntropyMode mode = request.entropy().orElseThrow();
      rst.keySizeBits(keyBits);
      if (mode != EntropyMode.SERVER) {
        // CLIENT: the entropy is the key, so it has the key's size; COMBINED: as much as the key.
        clientEntropy = BinarySecret.nonce(SecretBytes.random(keyBits / 8, random));
        rst.entropy(clientEntropy);
      }
      if (mode == EntropyMode.COMBINED) {
        rst.computedKeyPsha1();
      }
    }
    request.useKey().ifPresent(rst::useKey);
    request
        .renewableAfterExpiry()
        .ifPresent(ok -> rst.renewing(new SamlTokenRequest.Renewing(true, ok)));
    request
        .lifetime()
        .ifPresent(
            d -> {
              Instant now = clock.instant();
              rst.lifetime(new Lifetime(now, now.plus(d)));
            });
    List<SamlTokenResponse> answers = exchange(rst.build(), RequestType.ISSUE);
    List<IssuedToken> out = new ArrayList<>();
    for (SamlTokenResponse r : answers) {
      SecretBytes proof =
          request.keyType() == ProofKeyType.SYMMETRIC
              ? proofKey(request.entropy().orElseThrow(), clientEntropy, r, keyBits)
              : null;
      out.add(token(r, request.keyType(), proof));
    }
    return out;
  }

  /** Asks the STS whether {@code token} is valid (WS-Trust 1.3 section 7). */
  public TokenStatus validate(IssuedToken token) throws IOException, ParleyFault {
    SamlTokenRequest rst =
        SamlTokenRequest.newBuilder(token.version(), RequestType.VALIDATE)
            .tokenType(token.version().statusTokenType())
            .target(assertionElement(token))
            .build();
    SamlTokenResponse r = single(exchange(rst, RequestType.VALIDATE));
    SamlTokenResponse.Status s =
        r.status()
            .orElseThrow(() -> new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, "no wst:Status"));
    return new TokenStatus(s.valid(), s.reason());
  }

  /**
   * Renews {@code token} (WS-Trust 1.3 section 5): a new assertion with a new lifetime and the same
   * proof key.
   */
  public IssuedToken renew(IssuedToken token) throws IOException, ParleyFault {
    SamlTokenRequest rst =
        SamlTokenRequest.newBuilder(token.version(), RequestType.RENEW)
            .tokenType(SamlAssertion.TOKEN_TYPE)
            .target(assertionElement(token))
            .build();
    SamlTokenResponse r = single(exchange(rst, RequestType.RENEW));
    return token(r, token.keyType(), token.proofKey().orElse(null));
  }

  /** Cancels {@code token} (WS-Trust 1.3 section 6). */
  public void cancel(IssuedToken token) throws IOException, ParleyFault {
    SamlTokenRequest rst =
        SamlTokenRequest.newBuilder(token.version(), RequestType.CANCEL)
            .target(assertionElement(token))
            .build();
    single(exchange(rst, RequestType.CANCEL));
  }

  // ---------------------------------------------------------------------------------------------

  private List<SamlTokenResponse> exchange(SamlTokenRequest rst, RequestType type)
      throws IOException, ParleyFault {
    String action = rst.action();
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(soapVersion);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(action)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(address.toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    b.addBodyContent(codec.writeRequest(b.document(), rst));
    Element usernameToken = username == null ? null : usernameToken(b);
    byte[] message;
    if (protector == null) {
      Element security = b.element(Ns.WSSE, "wsse", "Security");
      security.appendChild(usernameToken);
      b.addHeaderBlock(security, true);
      message = XmlWriter.toBytes(b.build().document());
    } else {
      OutboundCredentials credentials =
          OutboundCredentials.x509(signingKey, signingCertificate, stsCertificate);
      if (usernameToken != null) {
        // WS-SP 1.2 section 8.3: a signed supporting token, covered by the primary signature.
        credentials = credentials.withSignedSupportingTokens(List.of(usernameToken));
      }
      message = protector.protect(b.build().document(), credentials).bytes();
    }
    byte[] response = http.exchangeBytes(address, soapVersion, action, message);
    Document doc = xml.parse(response);
    Element payload = Dom.firstChildElement(SoapEnvelope.of(doc).body());
    if (payload == null) {
      throw new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, "the STS answered an empty body");
    }
    if (!version(rst).trustNamespace().equals(payload.getNamespaceURI())) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "asked in " + rst.version() + ", answered in {" + payload.getNamespaceURI() + "}");
    }
    return codec.readResponses(payload, type);
  }

  private static TrustVersion version(SamlTokenRequest rst) {
    return rst.version();
  }

  // Username Token Profile 1.1 section 3.1: Username and a PasswordText Password.
  private Element usernameToken(SoapEnvelopeBuilder b) {
    Element ut = b.element(Ns.WSSE, "wsse", "UsernameToken");
    Element u = b.element(Ns.WSSE, "wsse", "Username");
    u.setTextContent(username);
    Element p = b.element(Ns.WSSE, "wsse", "Password");
    p.setAttributeNS(null, "Type", TrustIssueHandler.PASSWORD_TEXT);
    byte[] pw = password.toByteArray();
    try {
      p.setTextContent(new String(pw, StandardCharsets.UTF_8));
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    ut.appendChild(u);
    ut.appendChild(p);
    return ut;
  }

  // WS-Trust 1.3 section 4.4.3: the proof key from the entropies and the RequestedProofToken.
  private static SecretBytes proofKey(
      EntropyMode mode, BinarySecret clientEntropy, SamlTokenResponse r, int keyBits)
      throws ParleyFault {
    ProofToken proof = r.proofToken().orElse(null);
    switch (mode) {
      case CLIENT -> {
        if (proof != null) {
          throw mismatch("a proof token although the client supplied the key");
        }
        return clientEntropy.value();
      }
      case SERVER -> {
        if (proof == null || proof.kind() != ProofToken.Kind.BINARY_SECRET) {
          throw mismatch("no wst:BinarySecret proof token for a server-generated key");
        }
        return proof.binarySecret().orElseThrow().value();
      }
      case COMBINED -> {
        if (proof == null || proof.kind() != ProofToken.Kind.COMPUTED_KEY) {
          throw mismatch("no wst:ComputedKey proof token for combined entropy");
        }
        BinarySecret issuer =
            r.issuerEntropy().orElseThrow(() -> mismatch("wst:ComputedKey without issuer entropy"));
        int bits = r.keySizeBits().orElse(keyBits);
        if (bits != keyBits) {
          throw mismatch("the STS computed a " + bits + "-bit key, " + keyBits + " were asked");
        }
        return KeyComputation.computedKey(clientEntropy.value(), issuer.value(), bits);
      }
    }
    throw new AssertionError(mode);
  }

  private static ParleyFault mismatch(String detail) {
    return new ParleyFault(
        FaultCode.TRUST_INVALID_REQUEST,
        "the STS response does not match the request: " + detail + " (WS-Trust 1.3 section 4.4.3)");
  }

  private static IssuedToken token(SamlTokenResponse r, ProofKeyType keyType, SecretBytes proof)
      throws ParleyFault {
    Element assertion =
        r.assertion()
            .orElseThrow(
                () -> new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, "no assertion returned"));
    Element standalone = Dom.importSelfContained(HardenedXml.newEmptyDocument(), assertion);
    standalone.getOwnerDocument().appendChild(standalone);
    String id = assertion.getAttributeNS(null, "ID");
    if (id.isEmpty()) {
      throw new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, "the assertion has no ID");
    }
    return new IssuedToken(
        r.version(),
        XmlWriter.toBytes(standalone),
        id,
        r.lifetime().map(Lifetime::created).orElse(null),
        r.lifetime().map(Lifetime::expires).orElse(null),
        keyType,
        proof,
        r.appliesTo().orElse(null));
  }

  private Element assertionElement(IssuedToken token) throws ParleyFault {
    return xml.parse(token.assertionXml()).getDocumentElement();
  }

  private static SamlTokenResponse single(List<SamlTokenResponse> answers) throws ParleyFault {
    if (answers.size() != 1) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST, "expected one response, got " + answers.size());
    }
    return answers.get(0);
  }

  @Override
  public String toString() {
    return "StsClient[" + address + ", " + version + "]";
  }

  /** Builder; {@link #build()} needs at least one credential. */
  public static final class Builder {
    private final URI address;
    private TrustVersion version = TrustVersion.WS_TRUST_13;
    private SoapVersion soapVersion = SoapVersion.SOAP_12;
    private SoapHttpClient http;
    private String username;
    private SecretBytes password;
    private PrivateKey signingKey;
    private X509Certificate signingCertificate;
    private X509Certificate stsCertificate;
    private Clock clock = Clock.systemUTC();

    private Builder(URI address) {
      this.address = Objects.requireNonNull(address, "address");
    }

    /** WS-Trust 1.3 (default) or Feb 2005. */
    public Builder version(TrustVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** SOAP 1.2 (default) or 1.1. */
    public Builder soapVersion(SoapVersion soapVersion) {
      this.soapVersion = Objects.requireNonNull(soapVersion, "soapVersion");
      return this;
    }

    public Builder httpClient(SoapHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sends a {@code wsse:UsernameToken} with a clear-text password; {@code password} is copied.
     */
    public Builder usernameToken(String username, char[] password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isBlank()) {
        throw new IllegalArgumentException("username must not be blank");
      }
      this.username = username;
      byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
      this.password = SecretBytes.wrapOwned(pw);
      return this;
    }

    /**
     * Signs each request's body and timestamp with {@code key} (its {@code certificate} sent as a
     * BinarySecurityToken), the asymmetric binding addressed to {@code stsCertificate}.
     */
    public Builder x509Signature(
        PrivateKey key, X509Certificate certificate, X509Certificate stsCertificate) {
      this.signingKey = Objects.requireNonNull(key, "key");
      this.signingCertificate = Objects.requireNonNull(certificate, "certificate");
      this.stsCertificate = Objects.requireNonNull(stsCertificate, "stsCertificate");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public StsClient build() {
      if (username == null && signingKey == null) {
        throw new IllegalStateException(
            "StsClient needs a credential: usernameToken(...) and/or x509Signature(...)");
      }
      return new StsClient(this);
    }
  }
}

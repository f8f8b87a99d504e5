package org.parley.sts.trust;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.KeyComputation;
import org.parley.conversation.trust.Lifetime;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapRequest;
import org.parley.security.VerifiedToken;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.auth.PasswordAuthenticator;
import org.parley.sts.auth.RequestAuthenticator;
import org.parley.sts.saml.EncryptedProofKey;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.users.SignInThrottle;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-Trust Issue of SAML 2.0 assertions, WS-Trust 1.3 and Feb 2005 (the version of the action and
 * of the {@code wst:RequestSecurityToken} namespace, which must agree; the answer is in the same
 * version), for the credentials of the request:
 *
 * <pre>
 * Header: wsse:Security  with any of (see {@link RequestAuthenticator}):
 *           wsse:UsernameToken (Username, Password[@Type=PasswordText])
 *           ds:Signature over the Body by a wsse:BinarySecurityToken client certificate
 *           saml2:Assertion issued by another trusted STS
 * Body:   wst:RequestSecurityToken (see {@link SamlTrustCodec})
 *           wst:RequestType  .../Issue                       (required)
 *           wsp:AppliesTo / wsa:EndpointReference / wsa:Address   (required, a registered realm)
 *           wst:TokenType    SAML 2.0                          (optional)
 *           wst:KeyType      Bearer (default) | SymmetricKey | PublicKey
 *           wst:KeySize, wst:Entropy, wst:ComputedKeyAlgorithm  (SymmetricKey)
 *           wst:UseKey                                          (PublicKey)
 *           wst:Lifetime, wst:Renewing, wst:AllowPostdating     (optional)
 * </pre>
 *
 * <p>Each credential gives one identity, and each identity one signed assertion: the answer is a
 * {@code wst:RequestSecurityTokenResponseCollection} (WS-Trust 1.3 section 4.3) with one RSTR per
 * identity, in credential order (password, certificate, issued tokens); a Feb 2005 answer with one
 * identity is a bare RSTR, as WCF sends it. Every assertion of one answer carries the same fresh
 * random {@code SessionIndex} in its AuthnStatement (SAML Core 2.7.2), which is how a relying party
 * knows they were proven together: {@link org.parley.sts.passive.WsFedResponseValidator} accepts
 * such a collection as one principal with one identity per assertion. All assertions of one answer
 * share one proof key.
 *
 * <ul>
 *   <li>Bearer (SAML Profiles 3.3): no proof key.
 *   <li>SymmetricKey (WS-Trust 1.3 sections 4.4.3, 4.4.4): the proof key is the client's entropy,
 *       the server's (returned in {@code wst:RequestedProofToken/wst:BinarySecret}) or both
 *       combined with {@code CK/PSHA1} (the server's entropy returned, the proof token {@code
 *       wst:ComputedKey}); it travels to the relying party encrypted for its registered certificate
 *       in the assertion's SubjectConfirmationData.
 *   <li>PublicKey (section 4.4.1, 9.2): the certificate of {@code wst:UseKey}, else the certificate
 *       that signed the request, goes into the SubjectConfirmationData's {@code ds:KeyInfo}.
 * </ul>
 *
 * Any failed credential, an unknown user and a throttled user or address all get the same {@code
 * wst:FailedAuthentication} fault; an unregistered AppliesTo is {@code wst:InvalidScope} (WS-Trust
 * 1.3 section 11: "the request scope (AppliesTo) is invalid or unsupported"). The password and a
 * server-generated proof key travel in clear inside the message: host this endpoint on HTTPS only.
 */
public final class TrustIssueHandler implements SoapHandler {
  /** WS-Trust 1.3 section 4.1: the Issue request action. */
  public static final String ACTION_ISSUE = Ns.WST13 + "/RST/Issue";

  /** WS-Trust 1.3 section 4.3: the final response action of an Issue. */
  public static final String ACTION_ISSUE_FINAL = Ns.WST13 + "/RSTRC/IssueFinal";

  /** Username Token Profile 1.1 section 3.1: the clear-text password type. */
  public static final String PASSWORD_TEXT =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

  /** Size of a symmetric proof key when the request names none. */
  public static final int DEFAULT_KEY_SIZE_BITS = 256;

  /** Smallest symmetric proof key issued. */
  public static final int MIN_KEY_SIZE_BITS = 128;

  /** Farthest into the future a postdated token may start (WS-Trust 1.3 section 5). */
  public static final Duration MAX_POSTDATING = Duration.ofDays(1);

  private final SamlTokenIssuer issuer;
  private final RequestAuthenticator authentication;
  private final Map<String, TrustRelyingParty> relyingParties;
  private final TokenStatusStore status;
  private final Duration renewalWindow;
  private final SamlTrustCodec codec = SamlTrustCodec.strict();
  private final SecureRandom random = new SecureRandom();

  /** Username and password only; bearer and public-key tokens for {@code realms}. */
  public TrustIssueHandler(
      SamlTokenIssuer issuer, UserAuthenticator authenticator, Set<String> realms) {
    this(issuer, passwordsOnly(authenticator), realms);
  }

  /**
   * Every credential {@code authentication} accepts; bearer and public-key tokens for {@code
   * realms}, with an in-memory token status store.
   */
  public TrustIssueHandler(
      SamlTokenIssuer issuer, RequestAuthenticator authentication, Set<String> realms) {
    this(
        issuer,
        authentication,
        realms.stream().map(TrustRelyingParty::of).toList(),
        InMemoryTokenStatusStore.create(issuer.clock()),
        StsTrustEndpoint.DEFAULT_RENEWAL_WINDOW);
  }

  TrustIssueHandler(
      SamlTokenIssuer issuer,
      RequestAuthenticator authentication,
      Collection<TrustRelyingParty> relyingParties,
      TokenStatusStore status,
      Duration renewalWindow) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.authentication = Objects.requireNonNull(authentication, "authentication");
    this.relyingParties =
        relyingParties.stream()
            .collect(Collectors.toUnmodifiableMap(TrustRelyingParty::realm, Function.identity()));
    if (this.relyingParties.isEmpty()) {
      throw new IllegalArgumentException("at least one realm must be registered");
    }
    this.status = Objects.requireNonNull(status, "status");
    this.renewalWindow = Objects.requireNonNull(renewalWindow, "renewalWindow");
  }

  /** The endpoint: this handler, which declares that it processes {@code wsse:Security}. */
  public SoapEndpoint endpoint() {
    return SoapEndpoint.newBuilder()
        .handler(this)
        .understands(new QName(Ns.WSSE, "Security"))
        .build();
  }

  /** A request authenticator for username tokens only, throttled with the defaults. */
  static RequestAuthenticator passwordsOnly(UserAuthenticator users) {
    return RequestAuthenticator.builder()
        .passwords(PasswordAuthenticator.of(users))
        .throttle(SignInThrottle.defaults(Clock.systemUTC()))
        .build();
  }

  RequestAuthenticator authentication() {
    return authentication;
  }

  @Override
  public Document handle(SoapRequest received) throws ParleyFault {
    var byAction = TrustVersion.forGenericRequestAction(received.action()).orElse(null);
    if (byAction == null || byAction.getValue() != RequestType.ISSUE) {
      throw invalid(
          "unsupported action "
              + received.action()
              + "; expected "
              + ACTION_ISSUE
              + " or its Feb 2005 equivalent");
    }
    // First: a signed request may have its body encrypted, and nothing is read unauthenticated.
    RequestAuthenticator.Authenticated auth = authentication.authenticate(received);
    SoapRequest request = auth.request();
    SamlTokenRequest rst = StsTrustEndpoint.read(codec, request, byAction.getKey());
    return issue(request, rst, auth.identities());
  }

  /**
   * Answers {@code rst}, an Issue request read from {@code request} (already authenticated), with
   * one assertion per identity.
   */
  Document issue(SoapRequest request, SamlTokenRequest rst, List<ClaimsIdentity> identities)
      throws ParleyFault {
    if (rst.type() != RequestType.ISSUE) {
      throw invalid("RequestType must be " + rst.version().requestTypeUri(RequestType.ISSUE));
    }
    TrustVersion v = rst.version();
    String realm =
        rst.appliesTo()
            .orElseThrow(
                () -> invalid("wsp:AppliesTo/wsa:EndpointReference/wsa:Address is required"));
    TrustRelyingParty rp = relyingParties.get(realm);
    if (rp == null) {
      throw new ParleyFault(FaultCode.TRUST_INVALID_SCOPE, "AppliesTo is not a registered realm");
    }
    if (identities.isEmpty()) {
      throw new ParleyFault(FaultCode.TRUST_FAILED_AUTHENTICATION, "no authenticated identity");
    }
    Lifetime validity = validity(rst);
    // One proof of possession for every assertion of the answer.
    Proof proof =
        switch (rst.keyType()) {
          case BEARER -> new Proof(null, null, null);
          case SYMMETRIC -> symmetricProof(rst, rp);
          case PUBLIC_KEY -> new Proof(null, publicKey(request, rst), null);
        };
    String sessionIndex = issuer.newSessionIndex();
    List<SamlTokenResponse> answers = new ArrayList<>();
    for (ClaimsIdentity identity : identities) {
      SamlAssertion.Builder a = issuer.assertionBuilderFor(identity, realm, sessionIndex);
      a.validity(validity.created(), validity.expires());
      if (proof.encryptedKey() != null) {
        a.holderOfKey(proof.encryptedKey());
      } else if (proof.certificate() != null) {
        a.holderOfKey(proof.certificate());
      }
      SamlAssertion assertion = a.build();
      Document signed = issuer.sign(assertion);
      if (rst.renewing().isPresent() && rst.renewing().get().allow()) {
        rememberRenewable(assertion, rst.renewing().get().ok());
      }
      SamlTokenResponse.Builder r =
          SamlTokenResponse.newBuilder(v, RequestType.ISSUE)
              .tokenType(SamlAssertion.TOKEN_TYPE)
              .assertion(signed.getDocumentElement())
              .appliesTo(realm)
              .lifetime(validity)
              .keyType(rst.keyType());
      rst.context().ifPresent(r::context);
      if (proof.key() != null) {
        r.keySizeBits(proof.key().key().lengthBytes() * 8);
        if (proof.key().proofToken() != null) {
          r.proofToken(proof.key().proofToken());
        }
        if (proof.key().issuerEntropy() != null) {
          r.issuerEntropy(proof.key().issuerEntropy().binarySecret().orElseThrow());
        }
      }
      answers.add(r.build());
    }
    Document doc = HardenedXml.newEmptyDocument();
    Element answer = codec.writeResponses(doc, answers);
    return request.reply(v.finalResponseAction(RequestType.ISSUE), answer);
  }

  /** The proof of possession of one answer: a symmetric key, or a certificate, or none. */
  private record Proof(
      EncryptedProofKey encryptedKey, X509Certificate certificate, KeyComputation.IssuedKey key) {}

  private void rememberRenewable(SamlAssertion assertion, boolean afterExpiry) {
    try {
      status.rememberRenewable(
          assertion.id(),
          new TokenStatusStore.RenewalTerms(afterExpiry),
          assertion.notOnOrAfter().plus(renewalWindow));
    } catch (ParleyFault full) {
      throw new IllegalStateException(full.getMessage(), full);
    }
  }

  /*
   * WS-Trust 1.3 section 4.4 and 5: the requested Lifetime may shorten the token, never lengthen
   * it; a start in the future needs wst:AllowPostdating and lies within MAX_POSTDATING.
   */
  private Lifetime validity(SamlTokenRequest rst) throws ParleyFault {
    Instant now = issuer.clock().instant();
    Instant start = now;
    Lifetime asked = rst.lifetime().orElse(null);
    if (asked != null && asked.created().isAfter(now)) {
      if (!rst.allowPostdating()) {
        throw new ParleyFault(
            FaultCode.TRUST_INVALID_TIME_RANGE,
            "a Lifetime starting in the future needs wst:AllowPostdating (WS-Trust 1.3 section 5)");
      }
      if (asked.created().isAfter(now.plus(MAX_POSTDATING))) {
        throw new ParleyFault(
            FaultCode.TRUST_INVALID_TIME_RANGE,
            "postdating beyond TrustIssueHandler.MAX_POSTDATING (" + MAX_POSTDATING + ")");
      }
      start = asked.created();
    }
    Instant end = start.plus(issuer.lifetime());
    if (asked != null && asked.expires().isBefore(end)) {
      end = asked.expires();
    }
    if (!end.isAfter(start)) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_TIME_RANGE, "the requested Lifetime has already ended");
    }
    return new Lifetime(start, end);
  }

  // WS-Trust 1.3 sections 4.4.3 and 4.4.4: who supplies the key material.
  private Proof symmetricProof(SamlTokenRequest rst, TrustRelyingParty rp) throws ParleyFault {
    X509Certificate rpCert =
        rp.encryptionCertificate()
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.TRUST_BAD_REQUEST,
                        "relying party "
                            + rp.realm()
                            + " has no certificate to encrypt a symmetric proof key for"));
    int bits = rst.keySizeBits().orElse(DEFAULT_KEY_SIZE_BITS);
    int max = codec.limits().maxKeySizeBits();
    if (bits < MIN_KEY_SIZE_BITS || bits > max) {
      throw invalid(
          "wst:KeySize "
              + bits
              + " outside ["
              + MIN_KEY_SIZE_BITS
              + ", TrustLimits.maxKeySizeBits = "
              + max
              + "]");
    }
    EntropyMode mode =
        rst.entropy().isEmpty()
            ? EntropyMode.SERVER
            : rst.computedKeyPsha1() ? EntropyMode.COMBINED : EntropyMode.CLIENT;
    KeyComputation.IssuedKey key =
        KeyComputation.issue(rst.version(), mode, rst.entropy().orElse(null), bits, random);
    return new Proof(EncryptedProofKey.wrap(key.key(), rpCert, random), null, key);
  }

  // WS-Trust 1.3 section 9.2: UseKey names the key; without it, the key that signed the request.
  private static X509Certificate publicKey(SoapRequest request, SamlTokenRequest rst)
      throws ParleyFault {
    if (rst.useKey().isPresent()) {
      return rst.useKey().get();
    }
    return request
        .verified()
        .flatMap(m -> m.primarySigningToken())
        .filter(t -> t.kind() == VerifiedToken.Kind.X509_CERTIFICATE)
        .flatMap(VerifiedToken::certificate)
        .orElseThrow(
            () ->
                new ParleyFault(
                    FaultCode.TRUST_BAD_REQUEST,
                    "a PublicKey token needs wst:UseKey with a certificate, or a request signed"
                        + " with an X.509 certificate (WS-Trust 1.3 section 9.2)"));
  }

  private static ParleyFault invalid(String detail) {
    return new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, detail);
  }
}

package org.parley.sts.trust;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
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
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapRequest;
import org.parley.security.VerifiedToken;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.saml.EncryptedProofKey;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.users.StoredUser;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-Trust Issue of SAML 2.0 assertions, WS-Trust 1.3 and Feb 2005 (the version of the action and
 * of the {@code wst:RequestSecurityToken} namespace, which must agree; the answer is in the same
 * version), for a username and password:
 *
 * <pre>
 * Header: wsse:Security / wsse:UsernameToken / (wsse:Username, wsse:Password[@Type=PasswordText])
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
 * and answers with one signed assertion for the realm: in a {@code
 * wst:RequestSecurityTokenResponseCollection} for 1.3 (section 4.3), a bare RSTR for Feb 2005.
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
 * A wrong password, an unknown user and a throttled user all get the same {@code
 * wst:FailedAuthentication} fault; an unregistered AppliesTo is {@code wst:InvalidScope} (WS-Trust
 * 1.3 section 11: "the request scope (AppliesTo) is invalid or unsupported"). The password and a
 * server-generated proof key travel in clear inside the message: host this endpoint on HTTPS only.
 *
 * <p>Per-address throttling needs the client address, which parley-http's {@code SoapRequest} does
 * not carry: this endpoint throttles per user name only.
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

  private static final String CLIENT_ADDRESS_UNKNOWN = "soap";

  private final SamlTokenIssuer issuer;
  private final UserAuthenticator authenticator;
  private final Map<String, TrustRelyingParty> relyingParties;
  private final TokenStatusStore status;
  private final Duration renewalWindow;
  private final SamlTrustCodec codec = SamlTrustCodec.strict();
  private final SecureRandom random = new SecureRandom();

  /** Bearer and public-key tokens for {@code realms}, with an in-memory token status store. */
  public TrustIssueHandler(
      SamlTokenIssuer issuer, UserAuthenticator authenticator, Set<String> realms) {
    this(
        issuer,
        authenticator,
        realms.stream().map(TrustRelyingParty::of).toList(),
        InMemoryTokenStatusStore.create(issuer.clock()),
        StsTrustEndpoint.DEFAULT_RENEWAL_WINDOW);
  }

  TrustIssueHandler(
      SamlTokenIssuer issuer,
      UserAuthenticator authenticator,
      Collection<TrustRelyingParty> relyingParties,
      TokenStatusStore status,
      Duration renewalWindow) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
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

  @Override
  public Document handle(SoapRequest request) throws ParleyFault {
    var byAction = TrustVersion.forGenericRequestAction(request.action()).orElse(null);
    if (byAction == null || byAction.getValue() != RequestType.ISSUE) {
      throw invalid(
          "unsupported action "
              + request.action()
              + "; expected "
              + ACTION_ISSUE
              + " or its Feb 2005 equivalent");
    }
    SamlTokenRequest rst = StsTrustEndpoint.read(codec, request, byAction.getKey());
    return issue(request, rst);
  }

  /** Answers {@code rst}, an Issue request read from {@code request}. */
  Document issue(SoapRequest request, SamlTokenRequest rst) throws ParleyFault {
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
    StoredUser user = authenticateUser(request);

    SamlAssertion.Builder a =
        issuer.assertionBuilderFor(user, realm, SamlAssertion.AC_PASSWORD_PROTECTED_TRANSPORT);
    Lifetime validity = validity(rst);
    a.validity(validity.created(), validity.expires());
    SamlTokenResponse.Builder r =
        SamlTokenResponse.newBuilder(v, RequestType.ISSUE)
            .tokenType(SamlAssertion.TOKEN_TYPE)
            .appliesTo(realm)
            .lifetime(validity)
            .keyType(rst.keyType());
    rst.context().ifPresent(r::context);
    switch (rst.keyType()) {
      case BEARER -> a.bearer();
      case SYMMETRIC -> symmetricProof(rst, rp, a, r);
      case PUBLIC_KEY -> a.holderOfKey(publicKey(request, rst));
    }
    SamlAssertion assertion = a.build();
    Document signed = issuer.sign(assertion);
    rst.renewing()
        .filter(SamlTokenRequest.Renewing::allow)
        .ifPresent(rn -> rememberRenewable(assertion, rn.ok()));
    r.assertion(signed.getDocumentElement());

    Document doc = HardenedXml.newEmptyDocument();
    Element answer = codec.writeResponse(doc, r.build());
    return request.reply(v.finalResponseAction(RequestType.ISSUE), answer);
  }

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
  private void symmetricProof(
      SamlTokenRequest rst,
      TrustRelyingParty rp,
      SamlAssertion.Builder a,
      SamlTokenResponse.Builder r)
      throws ParleyFault {
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
    a.holderOfKey(EncryptedProofKey.wrap(key.key(), rpCert, random));
    r.keySizeBits(bits);
    if (key.proofToken() != null) {
      r.proofToken(key.proofToken());
    }
    if (key.issuerEntropy() != null) {
      r.issuerEntropy(key.issuerEntropy().binarySecret().orElseThrow());
    }
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

  /**
   * The user of the request's {@code wsse:UsernameToken}, authenticated with the user store and
   * throttled; {@code wst:FailedAuthentication} otherwise.
   */
  public StoredUser authenticateUser(SoapRequest request) throws ParleyFault {
    List<Element> security = request.envelope().headerBlocks(Ns.WSSE, "Security");
    if (security.size() != 1) {
      throw failed("exactly one wsse:Security header expected");
    }
    List<Element> tokens = Dom.children(security.get(0), Ns.WSSE, "UsernameToken");
    if (tokens.size() != 1) {
      throw failed("exactly one wsse:UsernameToken expected");
    }
    Element ut = tokens.get(0);
    Element username = Dom.child(ut, Ns.WSSE, "Username");
    Element password = Dom.child(ut, Ns.WSSE, "Password");
    if (username == null || password == null) {
      throw failed("UsernameToken needs Username and Password");
    }
    String type =
        password.hasAttributeNS(null, "Type")
            ? password.getAttributeNS(null, "Type")
            : PASSWORD_TEXT;
    if (!PASSWORD_TEXT.equals(type)) {
      throw failed("only PasswordText is supported");
    }
    UserAuthenticator.Result result =
        authenticator.authenticate(
            Dom.text(username).strip(), Dom.text(password).toCharArray(), CLIENT_ADDRESS_UNKNOWN);
    if (result.outcome() != UserAuthenticator.Outcome.AUTHENTICATED) {
      throw failed("authentication " + result.outcome());
    }
    return result.user().orElseThrow();
  }

  private static ParleyFault invalid(String detail) {
    return new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, detail);
  }

  private static ParleyFault failed(String detail) {
    return new ParleyFault(FaultCode.TRUST_FAILED_AUTHENTICATION, detail);
  }
}

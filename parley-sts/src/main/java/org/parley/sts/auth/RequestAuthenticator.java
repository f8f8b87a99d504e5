package org.parley.sts.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.store.ReplayCache;
import org.parley.endpoint.SoapRequest;
import org.parley.security.InboundContext;
import org.parley.security.InboundProcessor;
import org.parley.security.PrivateKeyResolver;
import org.parley.security.SecurityPolicy;
import org.parley.security.VerifiedMessage;
import org.parley.security.VerifiedToken;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.users.SignInThrottle;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads and checks every credential of one WS-Trust Issue request and returns one identity per
 * credential, in this order:
 *
 * <pre>
 * wsse:Security
 *   wsse:UsernameToken (Username, Password[@Type=#PasswordText])   at most one  -> password identity
 *   ds:Signature by a wsse:BinarySecurityToken certificate over the Body
 *       (asymmetric binding, WS-SP 1.2 section 7.5; processed by InboundProcessor) -> X.509 identity
 *   saml2:Assertion of another STS               at most {@link #MAX_ISSUED_TOKENS}  -> one each
 * </pre>
 *
 * At least one credential is required; when any credential fails, the whole request fails with
 * {@code wst:FailedAuthentication} (WS-Trust 1.3 section 11) and nothing is issued. A credential
 * type without a configured authenticator is a failure too. Failures of signatures and issued
 * tokens count against the client address in the {@link SignInThrottle} (passwords are throttled
 * per user and address by {@link org.parley.sts.users.UserAuthenticator}); a throttled address is
 * refused before any credential is checked. A verified request signature is accepted once ({@link
 * ReplayCache}). Immutable and thread-safe.
 */
public final class RequestAuthenticator {
  /** Most {@code saml2:Assertion}s accepted in one request's security header. */
  public static final int MAX_ISSUED_TOKENS = 4;

  private static final QName USERNAME_TOKEN = new QName(Ns.WSSE, "UsernameToken");
  private static final QName ASSERTION = new QName(SamlAssertion.NS, "Assertion");
  private static final String PASSWORD_TEXT =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
  private static final String UNKNOWN_ADDRESS = "unknown";

  private final Authenticator<PasswordCredential> passwords;
  private final Authenticator<CertificateCredential> certificates;
  private final Authenticator<IssuedTokenCredential> issuedTokens;
  private final InboundProcessor inbound;
  private final SignInThrottle throttle;
  private final ReplayCache replayCache;
  private final Clock clock;
  private final Duration maxMessageAge;

  private RequestAuthenticator(Builder b) {
    this.passwords = b.passwords;
    this.certificates = b.certificates;
    this.issuedTokens = b.issuedTokens;
    this.throttle = b.throttle;
    this.replayCache = b.replayCache;
    this.clock = b.clock;
    this.maxMessageAge = b.policy.maxMessageAge();
    this.inbound =
        b.certificates == null
            ? null
            : InboundProcessor.newBuilder()
                .policy(b.policy)
                .clock(b.clock)
                .privateKeys(b.stsKeys)
                // The engine proves possession of the certificate's key; whether the certificate
                // is trusted is the CertificateAuthenticator's decision, taken right after.
                .certificateTrust(cert -> {})
                .callerProcessedTokens(USERNAME_TOKEN, ASSERTION)
                .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The request after authentication (decrypted when it was encrypted) and its identities. */
  public record Authenticated(SoapRequest request, List<ClaimsIdentity> identities) {
    public Authenticated {
      identities = List.copyOf(identities);
    }
  }

  /**
   * Authenticates every credential of {@code request}.
   *
   * @throws ParleyFault {@code wst:FailedAuthentication} for a missing, refused or throttled
   *     credential
   */
  public Authenticated authenticate(SoapRequest request) throws ParleyFault {
    String address = request.clientAddress().orElse(UNKNOWN_ADDRESS);
    String addressKey = "request|" + address;
    if (!throttle.allowed(addressKey, address)) {
      throw failed("client address throttled after failed attempts");
    }
    List<Element> headers = request.envelope().headerBlocks(Ns.WSSE, "Security");
    if (headers.size() != 1) {
      throw failed("exactly one wsse:Security header expected, found " + headers.size());
    }
    Element security = headers.get(0);

    CertificateCredential certificate = null;
    if (needsEngine(security)) {
      if (certificates == null) {
        throw failed("X.509 signed requests are not accepted by this STS");
      }
      VerifiedMessage verified;
      try {
        verified = inbound.process(request.envelope().document(), InboundContext.none());
      } catch (ParleyFault e) {
        throttle.failed(addressKey, address);
        throw new ParleyFault(
            FaultCode.TRUST_FAILED_AUTHENTICATION,
            "request signature refused: " + e.code().localName() + ": " + e.getMessage(),
            e);
      }
      certificate = signer(verified);
      checkReplay(verified);
      SoapRequest reread =
          SoapRequest.verified(
              request.version(), verified, request.action(), request.endpointAddress());
      request = request.clientAddress().map(reread::withClientAddress).orElse(reread);
      security = request.envelope().headerBlocks(Ns.WSSE, "Security").get(0);
    }

    List<ClaimsIdentity> identities = new ArrayList<>();
    List<Element> uts = Dom.children(security, Ns.WSSE, "UsernameToken");
    if (uts.size() > 1) {
      throw failed("at most one wsse:UsernameToken expected");
    }
    if (!uts.isEmpty()) {
      if (passwords == null) {
        throw failed("username tokens are not accepted by this STS");
      }
      PasswordCredential credential = passwordCredential(uts.get(0));
      try {
        identities.add(passwords.authenticate(credential, address));
      } finally {
        credential.clear();
      }
    }
    if (certificate != null) {
      try {
        identities.add(certificates.authenticate(certificate, address));
      } catch (ParleyFault e) {
        throttle.failed(addressKey, address);
        throw e;
      }
    }
    List<Element> assertions = Dom.children(security, SamlAssertion.NS, "Assertion");
    if (assertions.size() > MAX_ISSUED_TOKENS) {
      throttle.failed(addressKey, address);
      throw failed("more than MAX_ISSUED_TOKENS (" + MAX_ISSUED_TOKENS + ") issued tokens");
    }
    for (Element assertion : assertions) {
      if (issuedTokens == null) {
        throw failed("issued tokens are not accepted by this STS");
      }
      try {
        identities.add(issuedTokens.authenticate(IssuedTokenCredential.of(assertion), address));
      } catch (ParleyFault e) {
        throttle.failed(addressKey, address);
        throw e;
      }
    }
    if (identities.isEmpty()) {
      throw failed("the request carries no credential");
    }
    return new Authenticated(request, identities);
  }

  // Anything beyond a UsernameToken, issued tokens and a Timestamp is the signature's business.
  private static boolean needsEngine(Element security) {
    for (Element e : Dom.childElements(security)) {
      if (!Dom.is(e, Ns.WSSE, "UsernameToken")
          && !Dom.is(e, SamlAssertion.NS, "Assertion")
          && !Dom.is(e, Ns.WSU, "Timestamp")) {
        return true;
      }
    }
    return false;
  }

  private static CertificateCredential signer(VerifiedMessage verified) throws ParleyFault {
    VerifiedToken token = verified.primarySigningToken().orElse(null);
    if (token == null
        || token.kind() != VerifiedToken.Kind.X509_CERTIFICATE
        || token.certificate().isEmpty()
        || !verified.isSigned(verified.body())) {
      throw failed("the Body must be signed with an X.509 certificate's key");
    }
    X509Certificate cert = token.certificate().get();
    return new CertificateCredential(cert);
  }

  private void checkReplay(VerifiedMessage verified) throws ParleyFault {
    Instant until =
        verified
            .timestamp()
            .flatMap(t -> t.expires())
            .orElse(clock.instant().plus(maxMessageAge))
            .plus(maxMessageAge);
    for (byte[] value : verified.signatureValues()) {
      ReplayCache.Verdict v = replayCache.firstSeen("sts-sig|" + digest(value), until);
      if (!v.accepted()) {
        // WSS 1.1 section 13 (replay): the same signed request never buys a second token.
        throw failed("signed request replayed (" + v + ")");
      }
    }
  }

  private static String digest(byte[] value) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  //   <wsse:UsernameToken> <wsse:Username/> <wsse:Password Type="...#PasswordText"/>
  //     (wsse:Nonce, wsu:Created)? </wsse:UsernameToken>      (Username Token Profile 1.1, 3.1)
  private static PasswordCredential passwordCredential(Element ut) throws ParleyFault {
    List<Element> names = Dom.children(ut, Ns.WSSE, "Username");
    List<Element> passwords = Dom.children(ut, Ns.WSSE, "Password");
    if (names.size() != 1 || passwords.size() != 1) {
      throw failed("UsernameToken needs exactly one Username and one Password");
    }
    Element password = passwords.get(0);
    String type =
        password.hasAttributeNS(null, "Type")
            ? password.getAttributeNS(null, "Type")
            : PASSWORD_TEXT;
    if (!PASSWORD_TEXT.equals(type)) {
      throw failed("only PasswordText is supported (Username Token Profile 1.1 section 3.1)");
    }
    // The bootstrap token is the UsernameToken without its password: never keep a secret there.
    Document copy = HardenedXml.newEmptyDocument();
    Element bootstrap = Dom.importSelfContained(copy, ut);
    copy.appendChild(bootstrap);
    for (Element p : Dom.children(bootstrap, Ns.WSSE, "Password")) {
      bootstrap.removeChild(p);
    }
    char[] secret = Dom.text(password).toCharArray();
    try {
      return PasswordCredential.of(
          Dom.text(names.get(0)).strip(),
          secret,
          BootstrapToken.of(
              AuthenticationMethods.TOKEN_TYPE_USERNAME, XmlWriter.toBytes(bootstrap)));
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
  }

  private static ParleyFault failed(String detail) {
    return new ParleyFault(FaultCode.TRUST_FAILED_AUTHENTICATION, detail);
  }

  /** Builder; at least one authenticator and a throttle are required. */
  public static final class Builder {
    private Authenticator<PasswordCredential> passwords;
    private Authenticator<CertificateCredential> certificates;
    private Authenticator<IssuedTokenCredential> issuedTokens;
    private PrivateKeyResolver stsKeys;
    private SecurityPolicy policy =
        SecurityPolicy.newBuilder().binding(SecurityPolicy.Binding.ASYMMETRIC).build();
    private SignInThrottle throttle;
    private ReplayCache replayCache;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder passwords(Authenticator<PasswordCredential> passwords) {
      this.passwords = Objects.requireNonNull(passwords, "passwords");
      return this;
    }

    /**
     * Accepts requests signed with a client certificate (the asymmetric binding: body signed and,
     * by default, encrypted for the STS's certificate, whose private key {@code stsKeys} finds,
     * e.g. {@link org.parley.sts.saml.SigningCredential#privateKeyResolver()}).
     */
    public Builder certificates(
        Authenticator<CertificateCredential> certificates, PrivateKeyResolver stsKeys) {
      this.certificates = Objects.requireNonNull(certificates, "certificates");
      this.stsKeys = Objects.requireNonNull(stsKeys, "stsKeys");
      return this;
    }

    /** The policy signed requests must meet; its binding must be asymmetric. */
    public Builder signaturePolicy(SecurityPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (policy.binding() != SecurityPolicy.Binding.ASYMMETRIC) {
        throw new IllegalArgumentException(
            "a client certificate signs with the asymmetric binding");
      }
      this.policy = policy;
      return this;
    }

    public Builder issuedTokens(Authenticator<IssuedTokenCredential> issuedTokens) {
      this.issuedTokens = Objects.requireNonNull(issuedTokens, "issuedTokens");
      return this;
    }

    /** Counts failures per client address; share it with the password authenticator. */
    public Builder throttle(SignInThrottle throttle) {
      this.throttle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /** Remembers verified request signatures (required with {@link #certificates}). */
    public Builder replayCache(ReplayCache replayCache) {
      this.replayCache = Objects.requireNonNull(replayCache, "replayCache");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public RequestAuthenticator build() {
      if (passwords == null && certificates == null && issuedTokens == null) {
        throw new IllegalStateException("RequestAuthenticator needs at least one authenticator");
      }
      if (throttle == null) {
        throw new IllegalStateException("RequestAuthenticator needs a SignInThrottle");
      }
      if (certificates != null && replayCache == null) {
        throw new IllegalStateException("accepting signed requests needs a replay cache");
      }
      return new RequestAuthenticator(this);
    }
  }
}

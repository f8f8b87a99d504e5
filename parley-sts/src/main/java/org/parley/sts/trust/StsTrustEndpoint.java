package org.parley.sts.trust;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapRequest;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.auth.RequestAuthenticator;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.users.UserAuthenticator;
import org.parley.wire.Ns;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The STS's WS-Trust endpoint ({@code /sts/trust}): Issue, Validate, Renew and Cancel of SAML 2.0
 * assertions, WS-Trust 1.3 and Feb 2005 on the same address. The request's action (WS-Trust 1.3
 * sections 4.1, 5, 6, 7: {@code <wst>/RST/Issue}, {@code /RST/Validate}, {@code /RST/Renew}, {@code
 * /RST/Cancel}) picks the operation and the version; the {@code wst:RequestSecurityToken} must be
 * in that version's namespace and name the same request type, and the answer is in that version.
 * Issue is {@link TrustIssueHandler}'s, the others {@link TrustTokenLifecycle}'s. Immutable and
 * thread-safe.
 */
public final class StsTrustEndpoint implements SoapHandler {
  /** How long after expiry a token issued with {@code wst:Renewing OK="true"} may be renewed. */
  public static final Duration DEFAULT_RENEWAL_WINDOW = Duration.ofHours(1);

  private final TrustIssueHandler issue;
  private final TrustTokenLifecycle lifecycle;
  private final SamlTrustCodec codec = SamlTrustCodec.strict();

  private StsTrustEndpoint(Builder b) {
    TokenStatusStore status =
        b.status != null ? b.status : InMemoryTokenStatusStore.create(b.issuer.clock());
    this.issue =
        new TrustIssueHandler(b.issuer, b.users, b.relyingParties, status, b.renewalWindow);
    SamlAssertionValidator.Builder own =
        SamlAssertionValidator.builder()
            .trustIssuer(b.issuer.issuerName(), b.signingCertificate)
            .clock(b.issuer.clock())
            .maxClockSkew(b.maxClockSkew)
            .acceptHolderOfKey()
            .skipOneTimeUseForTokenService();
    own.anyAudienceOf(b.relyingParties.stream().map(TrustRelyingParty::realm).toList());
    SamlAssertionValidator current = own.build();
    SamlAssertionValidator renewable = own.acceptExpiredWithin(b.renewalWindow).build();
    this.lifecycle =
        new TrustTokenLifecycle(
            b.issuer, current, renewable, status, b.renewalWindow, b.maxClockSkew);
  }

  /**
   * An endpoint issuing with {@code issuer}, whose signing certificate is {@code
   * signingCertificate} (to recognise its own tokens), authenticating requesters with {@code
   * authentication}.
   */
  public static Builder newBuilder(
      SamlTokenIssuer issuer,
      java.security.cert.X509Certificate signingCertificate,
      RequestAuthenticator authentication) {
    return new Builder(issuer, signingCertificate, authentication);
  }

  /** As above, for username tokens only (throttled with the defaults). */
  public static Builder newBuilder(
      SamlTokenIssuer issuer,
      java.security.cert.X509Certificate signingCertificate,
      UserAuthenticator users) {
    return new Builder(issuer, signingCertificate, TrustIssueHandler.passwordsOnly(users));
  }

  /** The endpoint: this handler, which declares that it processes {@code wsse:Security}. */
  public SoapEndpoint endpoint() {
    return SoapEndpoint.newBuilder()
        .handler(this)
        .understands(new QName(Ns.WSSE, "Security"))
        .build();
  }

  @Override
  public Document handle(SoapRequest received) throws ParleyFault {
    Map.Entry<TrustVersion, RequestType> op =
        TrustVersion.forGenericRequestAction(received.action())
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.TRUST_INVALID_REQUEST,
                        "unsupported action "
                            + received.action()
                            + "; expected <wst>/RST/Issue, Validate, Renew or Cancel of WS-Trust"
                            + " 1.3 or Feb 2005"));
    SoapRequest request = received;
    List<ClaimsIdentity> identities = List.of();
    // Validate may be asked anonymously; everything else is read only once authenticated (a
    // signed request may also have an encrypted body, which authentication decrypts).
    if (op.getValue() != RequestType.VALIDATE
        || !received.envelope().headerBlocks(Ns.WSSE, "Security").isEmpty()) {
      RequestAuthenticator.Authenticated auth = issue.authentication().authenticate(received);
      request = auth.request();
      identities = auth.identities();
    }
    SamlTokenRequest rst = read(codec, request, op.getKey());
    if (rst.type() != op.getValue()) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "wst:RequestType " + rst.type() + " does not match the action " + request.action());
    }
    return switch (rst.type()) {
      case ISSUE -> issue.issue(request, rst, identities);
      case VALIDATE -> lifecycle.validate(request, rst);
      case RENEW -> lifecycle.renew(request, rst, subjects(identities));
      case CANCEL -> lifecycle.cancel(request, rst, subjects(identities));
    };
  }

  // The NameIDs SamlTokenIssuer gives these identities' assertions.
  private static Set<String> subjects(List<ClaimsIdentity> identities) {
    Set<String> out = new HashSet<>();
    for (ClaimsIdentity i : identities) {
      i.name()
          .or(() -> i.findFirst(ClaimTypes.NAME_IDENTIFIER).map(Claim::value))
          .ifPresent(out::add);
    }
    return out;
  }

  /** Reads the body's RST, which must be in {@code version}'s namespace. */
  static SamlTokenRequest read(SamlTrustCodec codec, SoapRequest request, TrustVersion version)
      throws ParleyFault {
    Element body = request.requirePayload();
    if (!version.trustNamespace().equals(body.getNamespaceURI())) {
      throw new ParleyFault(
          FaultCode.TRUST_INVALID_REQUEST,
          "the action is "
              + version
              + " but the body is {"
              + body.getNamespaceURI()
              + "}"
              + body.getLocalName());
    }
    return codec.readRequest(body);
  }

  /** Builder; {@link #build()} needs at least one relying party. */
  public static final class Builder {
    private final SamlTokenIssuer issuer;
    private final java.security.cert.X509Certificate signingCertificate;
    private final RequestAuthenticator users;
    private final List<TrustRelyingParty> relyingParties = new ArrayList<>();
    private TokenStatusStore status;
    private Duration renewalWindow = DEFAULT_RENEWAL_WINDOW;
    private Duration maxClockSkew = SamlAssertionValidator.DEFAULT_MAX_CLOCK_SKEW;

    private Builder(
        SamlTokenIssuer issuer,
        java.security.cert.X509Certificate signingCertificate,
        RequestAuthenticator users) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      this.signingCertificate = Objects.requireNonNull(signingCertificate, "signingCertificate");
      this.users = Objects.requireNonNull(users, "users");
    }

    public Builder relyingParty(TrustRelyingParty rp) {
      relyingParties.add(Objects.requireNonNull(rp, "rp"));
      return this;
    }

    /** Where cancellations and renewal terms are kept; default in memory, 100,000 entries. */
    public Builder tokenStatusStore(TokenStatusStore status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** How long after expiry a token may still be renewed (if issued so); at most seven days. */
    public Builder renewalWindow(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.compareTo(SamlAssertionValidator.MAX_EXPIRED_GRACE) > 0) {
        throw new IllegalArgumentException(
            "renewalWindow must be within [0, " + SamlAssertionValidator.MAX_EXPIRED_GRACE + "]");
      }
      this.renewalWindow = window;
      return this;
    }

    /** Clock skew tolerated on the tokens' validity; capped like the validator's. */
    public Builder maxClockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(SamlAssertionValidator.MAX_CLOCK_SKEW_CAP) > 0) {
        throw new IllegalArgumentException(
            "maxClockSkew must be within [0, " + SamlAssertionValidator.MAX_CLOCK_SKEW_CAP + "]");
      }
      this.maxClockSkew = skew;
      return this;
    }

    public StsTrustEndpoint build() {
      if (relyingParties.isEmpty()) {
        throw new IllegalStateException("StsTrustEndpoint needs at least one relying party");
      }
      return new StsTrustEndpoint(this);
    }
  }
}

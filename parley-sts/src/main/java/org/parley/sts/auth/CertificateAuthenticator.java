package org.parley.sts.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.sts.users.StoredUser;
import org.parley.sts.users.UserStore;

/**
 * An X.509 client certificate whose key signed the request: RFC 5280 path validation (JDK PKIX
 * {@link CertPathValidator}) to one of the configured trust anchors at the injected clock's time,
 * with no network access (revocation checking off: no CRL or OCSP fetches), and the {@code
 * digitalSignature} key usage when the certificate restricts its key usage (RFC 5280 section
 * 4.2.1.3).
 *
 * <p>With a user store ({@link Builder#users}) the certificate must map to a stored user, whose
 * claims the identity gets; without one the identity holds the certificate's own claims (name = the
 * subject's CN, distinguished name, thumbprint). The bootstrap token is the certificate. Immutable
 * and thread-safe.
 */
public final class CertificateAuthenticator implements Authenticator<CertificateCredential> {
  private final Set<TrustAnchor> anchors;
  private final Clock clock;
  private final UserStore users;
  private final CertificateMapping mapping;

  private CertificateAuthenticator(Builder b) {
    this.anchors = Set.copyOf(b.anchors);
    this.clock = b.clock;
    this.users = b.users;
    this.mapping = b.mapping;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ClaimsIdentity authenticate(CertificateCredential credential, String clientAddress)
      throws ParleyFault {
    X509Certificate cert = credential.certificate();
    validatePath(cert);
    boolean[] keyUsage = cert.getKeyUsage();
    if (keyUsage != null && !keyUsage[0]) {
      throw failed("the certificate's key usage does not allow digitalSignature");
    }
    ClaimsIdentity.Builder b =
        ClaimsIdentity.builder().authenticationType(AuthenticationMethods.X509);
    Optional<String> cn = CertificateMapping.commonNameOf(cert);
    if (users != null) {
      String name = mapping.username(cert).orElseThrow(() -> failed("maps to no user"));
      StoredUser user = users.find(name).orElseThrow(() -> failed("maps to an unknown user"));
      b.addClaims(user.claims());
      if (user.claims().stream().noneMatch(c -> c.hasType(ClaimTypes.NAME))) {
        b.addClaim(ClaimTypes.NAME, user.username());
      }
    } else {
      b.addClaim(ClaimTypes.NAME, cn.orElse(cert.getSubjectX500Principal().getName()));
    }
    b.addClaim(
        AuthenticationMethods.CLAIM_X500_DISTINGUISHED_NAME,
        cert.getSubjectX500Principal().getName());
    b.addClaim(AuthenticationMethods.CLAIM_THUMBPRINT, thumbprint(cert));
    b.addClaim(ClaimTypes.AUTHENTICATION_METHOD, AuthenticationMethods.AC_X509);
    b.bootstrapToken(BootstrapToken.of(AuthenticationMethods.TOKEN_TYPE_X509V3, encoded(cert)));
    return b.build();
  }

  private void validatePath(X509Certificate cert) throws ParleyFault {
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      // No network: revocation would mean CRL or OCSP fetches from addresses in the certificate.
      params.setRevocationEnabled(false);
      params.setDate(Date.from(clock.instant()));
      CertPathValidator.getInstance("PKIX")
          .validate(
              CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
    } catch (CertPathValidatorException e) {
      throw failed(
          cert.getSubjectX500Principal().getName()
              + " does not chain to a trust anchor (RFC 5280 section 6): "
              + e.getReason());
    } catch (GeneralSecurityException e) {
      throw failed("certificate path validation failed: " + e.getMessage());
    }
  }

  private static String thumbprint(X509Certificate cert) throws ParleyFault {
    try {
      return Base64.getEncoder()
          .encodeToString(MessageDigest.getInstance("SHA-1").digest(encoded(cert)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  private static byte[] encoded(X509Certificate cert) throws ParleyFault {
    try {
      return cert.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw failed("certificate cannot be encoded");
    }
  }

  private static ParleyFault failed(String detail) {
    return new ParleyFault(FaultCode.TRUST_FAILED_AUTHENTICATION, "client certificate: " + detail);
  }

  /** Builder; {@link #build()} refuses an authenticator without a trust anchor. */
  public static final class Builder {
    private final Set<TrustAnchor> anchors = new LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private UserStore users;
    private CertificateMapping mapping = CertificateMapping.commonName();

    private Builder() {}

    /** Trusts certificates that chain to these CA certificates (the dev CA, say). */
    public Builder trustAnchors(Collection<X509Certificate> caCertificates) {
      for (X509Certificate c : caCertificates) {
        anchors.add(new TrustAnchor(Objects.requireNonNull(c, "caCertificate"), null));
      }
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Requires each certificate to map to a user of {@code users} (with {@code mapping}); the
     * identity then carries that user's claims.
     */
    public Builder users(UserStore users, CertificateMapping mapping) {
      this.users = Objects.requireNonNull(users, "users");
      this.mapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    public CertificateAuthenticator build() {
      if (anchors.isEmpty()) {
        throw new IllegalStateException("CertificateAuthenticator needs a trust anchor");
      }
      return new CertificateAuthenticator(this);
    }
  }
}

package org.parley.sts.auth;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * An X.509 certificate whose private key signed the request body (OASIS WSS X.509 Token Profile
 * 1.1), as the WS-Security engine verified it. Only {@link RequestAuthenticator} builds one, from a
 * {@link org.parley.security.VerifiedMessage}; whether the certificate is trusted is the {@link
 * CertificateAuthenticator}'s decision.
 */
public final class CertificateCredential implements Credential {
  private final X509Certificate certificate;

  CertificateCredential(X509Certificate certificate) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
  }

  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public String toString() {
    return "CertificateCredential[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}

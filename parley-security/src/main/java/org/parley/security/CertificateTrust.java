package org.parley.security;

import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;

/**
 * Decides whether an X.509 certificate may vouch for a signature, and finds certificates a message
 * references without carrying them (by SKI, thumbprint or issuer/serial).
 */
public interface CertificateTrust {
  /**
   * Returns normally when {@code certificate} is trusted; otherwise throws FailedAuthentication.
   */
  void checkTrusted(X509Certificate certificate) throws ParleyFault;

  /** A known certificate matching {@code reference}, or empty. */
  default Optional<X509Certificate> resolve(X509Reference reference) {
    return Optional.empty();
  }

  /** Trusts nothing: every X.509 signature is refused. */
  static CertificateTrust none() {
    return cert -> {
      throw new ParleyFault(FaultCode.FAILED_AUTHENTICATION, "no certificate is trusted");
    };
  }

  /**
   * Trusts exactly these certificates (compared by DER encoding) and resolves references to them.
   */
  static CertificateTrust pinned(List<X509Certificate> certificates) {
    List<X509Certificate> pins = List.copyOf(certificates);
    return new CertificateTrust() {
      @Override
      public void checkTrusted(X509Certificate certificate) throws ParleyFault {
        for (X509Certificate p : pins) {
          if (p.equals(certificate)) {
            return;
          }
        }
        throw new ParleyFault(
            FaultCode.FAILED_AUTHENTICATION,
            "certificate " + certificate.getSubjectX500Principal().getName() + " is not pinned");
      }

      @Override
      public Optional<X509Certificate> resolve(X509Reference reference) {
        return pins.stream().filter(reference::matches).findFirst();
      }
    };
  }

  /**
   * PKIX path validation (RFC 5280) to one of {@code anchors} at the clock's time, without
   * revocation checking; {@code known} certificates can be referenced without being carried.
   */
  static CertificateTrust pkix(Set<TrustAnchor> anchors, List<X509Certificate> known, Clock clock) {
    Set<TrustAnchor> a = Set.copyOf(anchors);
    List<X509Certificate> k = List.copyOf(known);
    return new CertificateTrust() {
      @Override
      public void checkTrusted(X509Certificate certificate) throws ParleyFault {
        try {
          PKIXParameters params = new PKIXParameters(a);
          params.setRevocationEnabled(false);
          params.setDate(Date.from(clock.instant()));
          CertificateFactory cf = CertificateFactory.getInstance("X.509");
          CertPathValidator.getInstance("PKIX")
              .validate(cf.generateCertPath(List.of(certificate)), params);
        } catch (CertPathValidatorException e) {
          throw new ParleyFault(
              FaultCode.FAILED_AUTHENTICATION,
              "certificate "
                  + certificate.getSubjectX500Principal().getName()
                  + " does not chain to a trust anchor: "
                  + e.getReason());
        } catch (CertificateException
            | InvalidAlgorithmParameterException
            | java.security.NoSuchAlgorithmException e) {
          throw new ParleyFault(
              FaultCode.FAILED_AUTHENTICATION, "certificate validation failed", e);
        }
      }

      @Override
      public Optional<X509Certificate> resolve(X509Reference reference) {
        return k.stream().filter(reference::matches).findFirst();
      }
    };
  }
}

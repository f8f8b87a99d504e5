package org.parley.sts.auth;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Which user of the user store a trusted client certificate stands for (SPI). */
@FunctionalInterface
public interface CertificateMapping {

  /** The user name {@code certificate} maps to, or empty when it maps to nobody. */
  Optional<String> username(X509Certificate certificate);

  /**
   * The subject's common name (the last CN of the subject DN). Sound only because the certificate
   * chains to a configured trust anchor: the CA vouches for the name.
   */
  static CertificateMapping commonName() {
    return CertificateMapping::commonNameOf;
  }

  /** The last CN of the subject DN, if any. */
  static Optional<String> commonNameOf(X509Certificate certificate) {
    try {
      String cn = null;
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) {
          cn = rdn.getValue().toString();
        }
      }
      return Optional.ofNullable(cn).filter(s -> !s.isBlank());
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }
}

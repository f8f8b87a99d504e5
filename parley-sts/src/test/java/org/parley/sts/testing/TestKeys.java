package org.parley.sts.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.parley.sts.saml.SigningCredential;

/** Self-signed RSA 2048 credentials for tests, made once per name per JVM. */
public final class TestKeys {
  private static final java.util.Map<String, KeyAndCertificate> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private TestKeys() {}

  /** A private key and its self-signed certificate. */
  public record KeyAndCertificate(java.security.PrivateKey key, X509Certificate certificate) {
    public SigningCredential credential() {
      return SigningCredential.of(key, certificate);
    }
  }

  public static SigningCredential credential(String cn) {
    return keyPair(cn).credential();
  }

  public static KeyAndCertificate keyPair(String cn) {
    return CACHE.computeIfAbsent(cn, TestKeys::generate);
  }

  private static KeyAndCertificate generate(String cn) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      X500Principal name = new X500Principal("CN=" + cn);
      Instant now = Instant.now();
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              name,
              kp.getPublic());
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
      return new KeyAndCertificate(kp.getPrivate(), cert);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}

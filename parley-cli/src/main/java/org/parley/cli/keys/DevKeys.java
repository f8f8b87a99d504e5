package org.parley.cli.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development CA with a service and a client key pair. The service certificate names {@code
 * localhost} (CN and subject alternative names {@code localhost} and {@code 127.0.0.1}).
 *
 * <p>On disk: {@code ca.p12}, {@code service.p12}, {@code client.p12} (PKCS#12, password {@value
 * #PASSWORD}, one private key entry each with its chain, aliases {@code ca}, {@code service},
 * {@code client}) and {@code ca.pem} (the CA certificate, to trust).
 */
public final class DevKeys {
  /** The password of every development PKCS#12 file: public, as development keys are. */
  public static final String PASSWORD = "changeit";

  public static final String CA_P12 = "ca.p12";
  public static final String SERVICE_P12 = "service.p12";
  public static final String CLIENT_P12 = "client.p12";
  public static final String CA_PEM = "ca.pem";

  /** Every file {@link #writeTo} writes. */
  public static final List<String> FILES = List.of(CA_P12, SERVICE_P12, CLIENT_P12, CA_PEM);

  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final Duration VALIDITY = Duration.ofDays(730);
  private static final int RSA_BITS = 2048;

  private final KeyStore.PrivateKeyEntry ca;
  private final KeyStore.PrivateKeyEntry service;
  private final KeyStore.PrivateKeyEntry client;

  private DevKeys(
      KeyStore.PrivateKeyEntry ca,
      KeyStore.PrivateKeyEntry service,
      KeyStore.PrivateKeyEntry client) {
    this.ca = ca;
    this.service = service;
    this.client = client;
  }

  /** Generates a fresh CA, service and client, valid from an hour before now for two years. */
  public static DevKeys generate(Clock clock, SecureRandom random) throws GeneralSecurityException {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(RSA_BITS, random);
    Instant now = clock.instant();
    Date notBefore = Date.from(now.minus(BACKDATE));
    Date notAfter = Date.from(now.plus(VALIDITY));

    KeyPair caPair = rsa.generateKeyPair();
    X500Name caName = new X500Name("CN=Parley Development CA,O=Parley development keys");
    X509Certificate caCert;
    X509Certificate serviceCert;
    X509Certificate clientCert;
    KeyPair servicePair = rsa.generateKeyPair();
    KeyPair clientPair = rsa.generateKeyPair();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder caBuilder =
          new JcaX509v3CertificateBuilder(
              caName, serial(random), notBefore, notAfter, caName, caPair.getPublic());
      caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      caBuilder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      caBuilder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          ext.createSubjectKeyIdentifier(caPair.getPublic()));
      caCert = sign(caBuilder, caPair.getPrivate());

      serviceCert =
          leaf(
              ext,
              caCert,
              caPair.getPrivate(),
              servicePair,
              new X500Name("CN=localhost,O=Parley development keys"),
              notBefore,
              notAfter,
              random,
              KeyPurposeId.id_kp_serverAuth,
              new GeneralNames(
                  new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                  }));
      clientCert =
          leaf(
              ext,
              caCert,
              caPair.getPrivate(),
              clientPair,
              new X500Name("CN=Parley Development Client,O=Parley development keys"),
              notBefore,
              notAfter,
              random,
              KeyPurposeId.id_kp_clientAuth,
              null);
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("building a development certificate failed", e);
    }
    return new DevKeys(
        new KeyStore.PrivateKeyEntry(caPair.getPrivate(), new Certificate[] {caCert}),
        new KeyStore.PrivateKeyEntry(
            servicePair.getPrivate(), new Certificate[] {serviceCert, caCert}),
        new KeyStore.PrivateKeyEntry(
            clientPair.getPrivate(), new Certificate[] {clientCert, caCert}));
  }

  private static X509Certificate leaf(
      JcaX509ExtensionUtils ext,
      X509Certificate caCert,
      PrivateKey caKey,
      KeyPair pair,
      X500Name subject,
      Date notBefore,
      Date notAfter,
      SecureRandom random,
      KeyPurposeId purpose,
      GeneralNames altNames)
      throws GeneralSecurityException, CertIOException, OperatorCreationException {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            caCert, serial(random), notBefore, notAfter, subject, pair.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    // digitalSignature for WS-Security signatures, keyEncipherment for RSA-OAEP key transport.
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    b.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
    if (altNames != null) {
      b.addExtension(Extension.subjectAlternativeName, false, altNames);
    }
    return sign(b, caKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    // The JDK's own provider signs; Bouncy Castle only assembles the certificate.
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
  }

  /** RFC 5280 section 4.1.2.2: positive, at most 20 octets, unique per CA: 63 random bits. */
  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(63, random).setBit(62);
  }

  /** True when {@code dir} holds every development key file. */
  public static boolean presentIn(Path dir) {
    return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  /**
   * Writes the four files into {@code dir}, creating it when missing.
   *
   * @throws FileAlreadyExistsException when one of the files exists and {@code overwrite} is false
   *     (nothing is written then)
   */
  public void writeTo(Path dir, boolean overwrite) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    if (!overwrite) {
      for (String f : FILES) {
        if (Files.exists(dir.resolve(f))) {
          throw new FileAlreadyExistsException(dir.resolve(f).toString());
        }
      }
    }
    writeP12(dir.resolve(CA_P12), "ca", ca);
    writeP12(dir.resolve(SERVICE_P12), "service", service);
    writeP12(dir.resolve(CLIENT_P12), "client", client);
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(caCertificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    writeAtomically(dir.resolve(CA_PEM), pem.getBytes(StandardCharsets.US_ASCII), false);
  }

  private static void writeP12(Path file, String alias, KeyStore.PrivateKeyEntry entry)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        alias, entry.getPrivateKey(), PASSWORD.toCharArray(), entry.getCertificateChain());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ks.store(out, PASSWORD.toCharArray());
    writeAtomically(file, out.toByteArray(), true);
  }

  /** Writes through a temporary file in the same directory, owner-only when it holds a key. */
  private static void writeAtomically(Path file, byte[] content, boolean secret)
      throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(
            tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(content);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Loads the files {@link #writeTo} wrote.
   *
   * @throws NoSuchFileException naming the first missing file
   */
  public static DevKeys load(Path dir) throws IOException, GeneralSecurityException {
    for (String f : FILES) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new NoSuchFileException(dir.resolve(f).toString());
      }
    }
    return new DevKeys(
        readP12(dir.resolve(CA_P12)),
        readP12(dir.resolve(SERVICE_P12)),
        readP12(dir.resolve(CLIENT_P12)));
  }

  private static KeyStore.PrivateKeyEntry readP12(Path file)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    var aliases = ks.aliases();
    while (aliases.hasMoreElements()) {
      String alias = aliases.nextElement();
      if (ks.isKeyEntry(alias)) {
        return (KeyStore.PrivateKeyEntry)
            ks.getEntry(alias, new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
      }
    }
    throw new GeneralSecurityException(file + " holds no private key entry");
  }

  /** Reads a PEM or DER certificate file such as {@code ca.pem}. */
  public static X509Certificate readCertificate(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  public X509Certificate caCertificate() {
    return (X509Certificate) ca.getCertificate();
  }

  /** The service's key and chain (service certificate first, then the CA). */
  public KeyStore.PrivateKeyEntry service() {
    return service;
  }

  /** The client's key and chain (client certificate first, then the CA). */
  public KeyStore.PrivateKeyEntry client() {
    return client;
  }

  @Override
  public String toString() {
    return "DevKeys[ca=" + caCertificate().getSubjectX500Principal() + "]";
  }
}

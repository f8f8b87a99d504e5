package org.parley.interop.cxf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.parley.security.TestKeys;

/**
 * CXF security properties as the captures were made: one WSS4J Merlin crypto for signature and
 * encryption holding the side's own key, the peer's certificate and the CA as trust anchor, and a
 * callback handler that answers the private-key password.
 *
 * <p>The crypto is built in memory from a {@link Keys} value, so the same peer runs with the
 * peer-capture keys ({@link Keys#capturesClient()}, {@link Keys#capturesService()}) or with any
 * other PKCS#12 files (e.g. those {@code parley keys dev} writes, see {@link Keys#load}).
 */
public final class CxfSecurity {
  /** Alias of the side's own key entry in the in-memory keystore. */
  static final String OWN = "own";

  /** Alias of the peer's certificate in the in-memory keystore. */
  static final String PEER = "peer";

  private static final String KEY_PASSWORD = "in-memory";

  private CxfSecurity() {}

  /** One side's key material: its own key and certificate, the peer's certificate, the CA. */
  public record Keys(
      PrivateKey key, X509Certificate cert, X509Certificate peer, X509Certificate ca) {
    public Keys {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(cert, "cert");
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(ca, "ca");
    }

    /** The peer-capture client: client.p12, trusting the capture CA, talking to service.p12. */
    public static Keys capturesClient() {
      return new Keys(
          TestKeys.CLIENT.key(),
          TestKeys.CLIENT.cert(),
          TestKeys.SERVICE.cert(),
          TestKeys.caCert());
    }

    /** The peer-capture service: service.p12, trusting the capture CA, answering client.p12. */
    public static Keys capturesService() {
      return new Keys(
          TestKeys.SERVICE.key(),
          TestKeys.SERVICE.cert(),
          TestKeys.CLIENT.cert(),
          TestKeys.caCert());
    }

    /**
     * Keys from PKCS#12 files: {@code own} holds a private key entry; the first certificate (key or
     * trusted entry) of {@code peer} and of {@code ca} is used.
     */
    public static Keys load(Path own, Path peer, Path ca, char[] password) {
      KeyStore o = read(own, password);
      try {
        for (Enumeration<String> e = o.aliases(); e.hasMoreElements(); ) {
          String alias = e.nextElement();
          if (o.isKeyEntry(alias)) {
            return new Keys(
                (PrivateKey) o.getKey(alias, password),
                (X509Certificate) o.getCertificate(alias),
                firstCertificate(read(peer, password)),
                firstCertificate(read(ca, password)));
          }
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot read " + own, e);
      }
      throw new IllegalStateException("no private key entry in " + own);
    }
  }

  /** The CXF client's properties (endpoint properties of the JAX-WS client). */
  public static Map<String, Object> client(Keys keys) {
    Map<String, Object> p = common(keys);
    p.put(SecurityConstants.SIGNATURE_USERNAME, OWN);
    p.put(SecurityConstants.ENCRYPT_USERNAME, PEER);
    return p;
  }

  /** The CXF service's endpoint properties. */
  public static Map<String, Object> service(Keys keys) {
    Map<String, Object> p = common(keys);
    p.put(SecurityConstants.SIGNATURE_USERNAME, OWN);
    // Encrypt responses to whoever signed the request (the client certificate).
    p.put(SecurityConstants.ENCRYPT_USERNAME, "useReqSigCert");
    return p;
  }

  private static Map<String, Object> common(Keys keys) {
    Map<String, Object> p = new HashMap<>();
    Crypto crypto = merlin(keys);
    p.put(SecurityConstants.SIGNATURE_CRYPTO, crypto);
    p.put(SecurityConstants.ENCRYPT_CRYPTO, crypto);
    p.put(SecurityConstants.CALLBACK_HANDLER, new PasswordCallback());
    return p;
  }

  /** Keystore: own key (chain own cert, CA) and the peer certificate; truststore: the CA. */
  static Crypto merlin(Keys keys) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      Certificate[] chain =
          keys.cert().equals(keys.ca())
              ? new Certificate[] {keys.cert()}
              : new Certificate[] {keys.cert(), keys.ca()};
      ks.setKeyEntry(OWN, keys.key(), KEY_PASSWORD.toCharArray(), chain);
      ks.setCertificateEntry(PEER, keys.peer());
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("ca", keys.ca());
      Merlin m = new Merlin();
      m.setKeyStore(ks);
      m.setTrustStore(ts);
      return m;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore read(Path p12, char[] password) {
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot read " + p12, e);
    }
  }

  private static X509Certificate firstCertificate(KeyStore ks) throws GeneralSecurityException {
    for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
      Certificate c = ks.getCertificate(e.nextElement());
      if (c instanceof X509Certificate x) {
        return x;
      }
    }
    throw new IllegalStateException("no certificate");
  }

  /** Answers WSS4J's private-key password questions for the in-memory keystore. */
  static final class PasswordCallback implements CallbackHandler {
    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
      for (Callback c : callbacks) {
        if (c instanceof WSPasswordCallback pc) {
          pc.setPassword(KEY_PASSWORD);
        } else {
          throw new UnsupportedCallbackException(c);
        }
      }
    }
  }
}

package org.parley.interop.cxf;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.parley.security.TestKeys;

/**
 * CXF security properties as the captures were made: WSS4J Merlin crypto over the PKCS#12 files of
 * {@code shared/peer-captures/keys/} (password {@code password}) for signature and encryption, and
 * a callback handler that answers the private-key password.
 *
 * <p>client.p12 holds the client key plus the CA and service certificates; service.p12 holds the
 * service key plus the CA certificate. Merlin trusts what is in the keystore when no separate
 * truststore is configured, so each side trusts certificates the CA issued.
 */
public final class CxfSecurity {
  static final String PASSWORD = "password";

  private CxfSecurity() {}

  /** The CXF client's properties (request context / endpoint properties). */
  public static Map<String, Object> client() {
    Map<String, Object> p = common("client.p12");
    p.put(SecurityConstants.SIGNATURE_USERNAME, "client");
    p.put(SecurityConstants.ENCRYPT_USERNAME, "service");
    return p;
  }

  /** The CXF service's endpoint properties. */
  public static Map<String, Object> service() {
    Map<String, Object> p = common("service.p12");
    p.put(SecurityConstants.SIGNATURE_USERNAME, "service");
    // Encrypt responses to whoever signed the request (the client certificate).
    p.put(SecurityConstants.ENCRYPT_USERNAME, "useReqSigCert");
    return p;
  }

  private static Map<String, Object> common(String keystore) {
    Map<String, Object> p = new HashMap<>();
    Properties crypto = merlin(keystore);
    p.put(SecurityConstants.SIGNATURE_PROPERTIES, crypto);
    p.put(SecurityConstants.ENCRYPT_PROPERTIES, crypto);
    p.put(SecurityConstants.CALLBACK_HANDLER, new PasswordCallback());
    return p;
  }

  static Properties merlin(String keystore) {
    Properties p = new Properties();
    p.put("org.apache.wss4j.crypto.provider", "org.apache.wss4j.common.crypto.Merlin");
    p.put("org.apache.wss4j.crypto.merlin.keystore.type", "pkcs12");
    p.put("org.apache.wss4j.crypto.merlin.keystore.password", PASSWORD);
    p.put(
        "org.apache.wss4j.crypto.merlin.keystore.file",
        TestKeys.captures().resolve("keys").resolve(keystore).toString());
    return p;
  }

  /** Answers WSS4J's private-key password questions with the capture keys' password. */
  static final class PasswordCallback implements CallbackHandler {
    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
      for (Callback c : callbacks) {
        if (c instanceof WSPasswordCallback pc) {
          pc.setPassword(PASSWORD);
        } else {
          throw new UnsupportedCallbackException(c);
        }
      }
    }
  }
}

package org.parley.security.internal;

/** Algorithm identifiers and token value types, as the specifications spell them. */
public final class Uris {
  private Uris() {}

  // XML Signature 1.0 (RFC 3275) and RFC 6931 (xmldsig-more).
  public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
  public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  public static final String HMAC_SHA1 = "http://www.w3.org/2000/09/xmldsig#hmac-sha1";
  public static final String HMAC_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
  public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
  public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  public static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

  // XML Encryption 1.0 and 1.1.
  public static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
  public static final String AES192_CBC = "http://www.w3.org/2001/04/xmlenc#aes192-cbc";
  public static final String AES256_CBC = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
  public static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
  public static final String AES192_GCM = "http://www.w3.org/2009/xmlenc11#aes192-gcm";
  public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
  public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
  public static final String RSA_OAEP_11 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
  public static final String RSA_1_5 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
  public static final String MGF1_SHA1 = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
  public static final String MGF1_SHA256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
  public static final String TYPE_ELEMENT = "http://www.w3.org/2001/04/xmlenc#Element";
  public static final String TYPE_CONTENT = "http://www.w3.org/2001/04/xmlenc#Content";

  // WS-Security 1.0/1.1 token profiles.
  public static final String BASE64_BINARY =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
  public static final String X509V3 =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
  public static final String X509_SKI =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509SubjectKeyIdentifier";
  public static final String THUMBPRINT_SHA1 =
      "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#ThumbprintSHA1";
  public static final String ENCRYPTED_KEY_SHA1 =
      "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#EncryptedKeySHA1";
  public static final String ENCRYPTED_KEY_TOKEN =
      "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#EncryptedKey";

  // WS-SecureConversation 1.3 and February 2005 token types and the P_SHA1 derivation.
  public static final String SCT_13 =
      "http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512/sct";
  public static final String DK_13 =
      "http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512/dk";
  public static final String DK_P_SHA1_13 =
      "http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512/dk/p_sha1";
  public static final String SCT_200502 = "http://schemas.xmlsoap.org/ws/2005/02/sc/sct";
  public static final String DK_200502 = "http://schemas.xmlsoap.org/ws/2005/02/sc/dk";
  public static final String DK_P_SHA1_200502 =
      "http://schemas.xmlsoap.org/ws/2005/02/sc/dk/p_sha1";
}

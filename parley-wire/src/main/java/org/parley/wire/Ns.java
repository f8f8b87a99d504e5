package org.parley.wire;

/** Namespace URIs of the specifications Parley speaks, in one place. */
public final class Ns {
  private Ns() {}

  // SOAP 1.1 (W3C note) and SOAP 1.2 (W3C recommendation).
  public static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
  public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

  // WS-Addressing 1.0 (W3C) and the 2004/08 member submission.
  public static final String WSA10 = "http://www.w3.org/2005/08/addressing";
  public static final String WSA200408 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

  // OASIS WS-Security 1.0 / 1.1.
  public static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  public static final String WSSE11 =
      "http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd";
  public static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  public static final String WSS_SOAP_MESSAGE_SECURITY =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0";
  public static final String WSS_SOAP_MESSAGE_SECURITY11 =
      "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1";
  public static final String WSS_X509_PROFILE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0";
  public static final String WSS_X509_PROFILE11 =
      "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1";

  // W3C XML Signature and XML Encryption (1.0 and 1.1).
  public static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  public static final String DS11 = "http://www.w3.org/2009/xmldsig11#";
  public static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
  public static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
  public static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

  // WS-SecureConversation 1.3 (OASIS) and February 2005.
  public static final String WSC13 =
      "http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512";
  public static final String WSC200502 = "http://schemas.xmlsoap.org/ws/2005/02/sc";

  // WS-Trust 1.3 (OASIS) and February 2005.
  public static final String WST13 = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
  public static final String WST200502 = "http://schemas.xmlsoap.org/ws/2005/02/trust";

  // WS-Policy 1.5 and 1.2 (2004/09); WS-SecurityPolicy 1.2 and 1.1; Microsoft's SP extensions.
  public static final String WSP15 = "http://www.w3.org/ns/ws-policy";
  public static final String WSP12 = "http://schemas.xmlsoap.org/ws/2004/09/policy";
  public static final String SP12 = "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702";
  public static final String SP11 = "http://schemas.xmlsoap.org/ws/2005/07/securitypolicy";
  public static final String MSSP = "http://schemas.microsoft.com/ws/2005/07/securitypolicy";

  // WS-ReliableMessaging 1.2 and February 2005.
  public static final String WSRM12 = "http://docs.oasis-open.org/ws-rx/wsrm/200702";
  public static final String WSRM200502 = "http://schemas.xmlsoap.org/ws/2005/02/rm";

  public static final String XMLNS = "http://www.w3.org/2000/xmlns/";
}

package org.parley.interop.cxf;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import javax.xml.namespace.QName;
import org.parley.security.TestKeys;

/**
 * One WSDL of {@code shared/peer-captures/wsdl/}: what the CXF peer serves and calls. The name is
 * the capture folder whose messages the same WSDL produced ({@code sc13}, {@code sc200502}, {@code
 * x509}), so recordings can be replayed with parley-security's {@code PeerConversation}.
 */
public enum Scenario {
  /** WS-SC 1.3, SP 1.2, WS-Trust 1.3; asymmetric X.509 bootstrap. */
  SC13("sc13", "DoubleItSC13.wsdl", "DoubleItSC13Port", true),
  /** WS-SC Feb 2005, SP 1.1, WS-Trust Feb 2005; symmetric bootstrap + endorsing client cert. */
  SC200502("sc200502", "DoubleItSC200502.wsdl", "DoubleItSC200502Port", true),
  /** Per-message asymmetric X.509, no secure conversation. */
  X509("x509", "DoubleItX509.wsdl", "DoubleItX509Port", false),
  /** No WS-Security (benchmark reference). */
  PLAIN("plain", "DoubleItPlain.wsdl", "DoubleItPlainPort", false);

  private final String captureName;
  private final String wsdlFile;
  private final String port;
  private final boolean secureConversation;

  Scenario(String captureName, String wsdlFile, String port, boolean secureConversation) {
    this.captureName = captureName;
    this.wsdlFile = wsdlFile;
    this.port = port;
    this.secureConversation = secureConversation;
  }

  /** The peer-captures folder of this WSDL (the scenario name for {@code PeerConversation}). */
  public String captureName() {
    return captureName;
  }

  public QName portName() {
    return new QName(DoubleIt.NS, port);
  }

  /** The path the service is published at, e.g. {@code /DoubleItSC13}. */
  public String path() {
    return "/" + wsdlFile.substring(0, wsdlFile.length() - ".wsdl".length());
  }

  public boolean secureConversation() {
    return secureConversation;
  }

  public boolean secured() {
    return this != PLAIN;
  }

  public Path wsdlPath() {
    return TestKeys.captures().resolve("wsdl").resolve(wsdlFile);
  }

  public URL wsdlUrl() {
    try {
      return wsdlPath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.parley.interop.cxf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
  /**
   * {@link #SC13} with {@code sp:MustNotSendCancel} (SP 1.2 section 5.4.7) added to the
   * SecureConversationToken assertion; the WSDL is derived from DoubleItSC13.wsdl at run time.
   */
  SC13_NO_CANCEL("sc13-mustnotsendcancel", "DoubleItSC13NoCancel.wsdl", "DoubleItSC13Port", true),
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
    if (this == SC13_NO_CANCEL) {
      return derivedNoCancelWsdl();
    }
    return TestKeys.captures().resolve("wsdl").resolve(wsdlFile);
  }

  private static final String REQUIRE_DERIVED_KEYS = "<sp:RequireDerivedKeys/>";

  /** Writes (once) target/wsdl/DoubleItSC13NoCancel.wsdl and returns its path. */
  private synchronized Path derivedNoCancelWsdl() {
    Path out = Path.of("target", "wsdl", wsdlFile).toAbsolutePath();
    try {
      if (!Files.exists(out)) {
        String sc13 = Files.readString(SC13.wsdlPath(), StandardCharsets.UTF_8);
        // The only RequireDerivedKeys in DoubleItSC13.wsdl is the SecureConversationToken's own.
        int at = sc13.indexOf(REQUIRE_DERIVED_KEYS);
        if (at < 0 || sc13.indexOf(REQUIRE_DERIVED_KEYS, at + 1) >= 0) {
          throw new IllegalStateException("DoubleItSC13.wsdl changed shape");
        }
        int end = at + REQUIRE_DERIVED_KEYS.length();
        String derived = sc13.substring(0, end) + "<sp:MustNotSendCancel/>" + sc13.substring(end);
        Files.createDirectories(out.getParent());
        Files.writeString(out, derived, StandardCharsets.UTF_8);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URL wsdlUrl() {
    try {
      return wsdlPath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.parley.conversation.policy;

import org.parley.conversation.trust.TrustVersion;
import org.parley.wire.Ns;

/**
 * The two WS-SecurityPolicy vocabularies WCF and CXF publish, each paired with its WS-Policy,
 * WS-Trust and WS-SC versions as WCF's {@code MessageSecurityVersion} pairs them.
 */
public enum PolicyDialect {
  /**
   * WS-SP 1.2 (and 1.3's {@code sp:MustNotSendCancel}), WS-Policy 1.5, {@code sp:Trust13}, WS-SC
   * 1.3, {@code wsam:Addressing}.
   */
  SP12(Ns.SP12, Ns.WSP15, TrustVersion.WS_TRUST_13),
  /**
   * WS-SP 1.1 (2005/07), WS-Policy 1.2 (2004/09), {@code sp:Trust10} (WS-Trust Feb 2005), WS-SC Feb
   * 2005, {@code wsaw:UsingAddressing}, and MS-SP's {@code mssp:MustNotSendCancel}.
   */
  SP11(Ns.SP11, Ns.WSP12, TrustVersion.WS_TRUST_200502);

  /** WS-Addressing 1.0 Metadata (W3C), the {@code wsam:Addressing} assertion. */
  public static final String WSAM = "http://www.w3.org/2007/05/addressing/metadata";

  /** WS-Addressing 1.0 WSDL Binding (W3C CR 2006), {@code wsaw:UsingAddressing}. */
  public static final String WSAW = "http://www.w3.org/2006/05/addressing/wsdl";

  private final String spNamespace;
  private final String policyNamespace;
  private final TrustVersion trustVersion;

  PolicyDialect(String spNamespace, String policyNamespace, TrustVersion trustVersion) {
    this.spNamespace = spNamespace;
    this.policyNamespace = policyNamespace;
    this.trustVersion = trustVersion;
  }

  public String spNamespace() {
    return spNamespace;
  }

  public String policyNamespace() {
    return policyNamespace;
  }

  /** The WS-Trust / WS-SC pair this dialect's secure conversation uses. */
  public TrustVersion trustVersion() {
    return trustVersion;
  }

  /** The dialect that expresses {@code version}'s secure conversation. */
  public static PolicyDialect forVersion(TrustVersion version) {
    return version == TrustVersion.WS_TRUST_13 ? SP12 : SP11;
  }

  /** The IncludeToken URI {@code value} (e.g. {@code AlwaysToRecipient}) of this dialect. */
  public String includeToken(String value) {
    return spNamespace + "/IncludeToken/" + value;
  }
}

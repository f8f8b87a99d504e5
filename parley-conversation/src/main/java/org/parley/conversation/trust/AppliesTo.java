package org.parley.conversation.trust;

import java.util.Objects;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingVersion;

/**
 * {@code wsp:AppliesTo} with a {@code wsa:EndpointReference} (WS-Trust 1.3 section 4.1): the
 * endpoint a token is for. WS-Policy 1.5 and 1.2 namespaces are both read; CXF sends 1.5 with
 * either WS-Trust version.
 *
 * @param address the endpoint address
 * @param policyNamespace {@link Ns#WSP15} or {@link Ns#WSP12}
 * @param addressing the namespace of the endpoint reference
 */
public record AppliesTo(String address, String policyNamespace, AddressingVersion addressing) {
  public AppliesTo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(addressing, "addressing");
    if (address.isBlank()) {
      throw new IllegalArgumentException("address must not be blank");
    }
    if (!Ns.WSP15.equals(policyNamespace) && !Ns.WSP12.equals(policyNamespace)) {
      throw new IllegalArgumentException(
          "policyNamespace must be WS-Policy 1.5 or 1.2, was " + policyNamespace);
    }
  }

  /** WS-Policy 1.5 and WS-Addressing 1.0, as CXF and WCF send it. */
  public static AppliesTo of(String address) {
    return new AppliesTo(address, Ns.WSP15, AddressingVersion.WSA_10);
  }
}

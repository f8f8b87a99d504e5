package org.parley.wire.fault;

import java.util.Objects;
import org.parley.wire.Ns;

/**
 * The WS-Trust and WS-SecureConversation namespaces of an exchange, which decide the namespace of
 * {@code wst:} and {@code wsc:} fault codes (WS-Trust 1.3 section 11, WS-SC 1.3 section 8; the Feb
 * 2005 drafts use the same local names in their own namespaces).
 *
 * @param trustNamespace {@link Ns#WST13} or {@link Ns#WST200502}
 * @param scNamespace {@link Ns#WSC13} or {@link Ns#WSC200502}
 */
public record ProtocolNamespaces(String trustNamespace, String scNamespace) {
  /** WS-Trust 1.3 with WS-SecureConversation 1.3 (OASIS ws-sx, 2005/12 namespaces). */
  public static final ProtocolNamespaces WS_SX_13 = new ProtocolNamespaces(Ns.WST13, Ns.WSC13);

  /** WS-Trust and WS-SecureConversation February 2005 (WCF's default). */
  public static final ProtocolNamespaces FEB_2005 =
      new ProtocolNamespaces(Ns.WST200502, Ns.WSC200502);

  public ProtocolNamespaces {
    Objects.requireNonNull(trustNamespace, "trustNamespace");
    Objects.requireNonNull(scNamespace, "scNamespace");
    if (!trustNamespace.equals(Ns.WST13) && !trustNamespace.equals(Ns.WST200502)) {
      throw new IllegalArgumentException("not a WS-Trust namespace: " + trustNamespace);
    }
    if (!scNamespace.equals(Ns.WSC13) && !scNamespace.equals(Ns.WSC200502)) {
      throw new IllegalArgumentException("not a WS-SecureConversation namespace: " + scNamespace);
    }
  }
}

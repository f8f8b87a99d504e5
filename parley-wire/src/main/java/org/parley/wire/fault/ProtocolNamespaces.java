package org.parley.wire.fault;

import java.util.Objects;
import org.parley.wire.Ns;

/**
 * The WS-Trust, WS-SecureConversation and WS-ReliableMessaging namespaces of an exchange, which
 * decide the namespace of {@code wst:}, {@code wsc:} and {@code wsrm:} fault codes (WS-Trust 1.3
 * section 11, WS-SC 1.3 section 8, WS-RM 1.2 section 4; the Feb 2005 drafts use the same local
 * names in their own namespaces).
 *
 * @param trustNamespace {@link Ns#WST13} or {@link Ns#WST200502}
 * @param scNamespace {@link Ns#WSC13} or {@link Ns#WSC200502}
 * @param rmNamespace {@link Ns#WSRM12} or {@link Ns#WSRM200502}
 */
public record ProtocolNamespaces(String trustNamespace, String scNamespace, String rmNamespace) {
  /** WS-Trust 1.3 with WS-SecureConversation 1.3 (OASIS ws-sx, 2005/12 namespaces), WS-RM 1.2. */
  public static final ProtocolNamespaces WS_SX_13 =
      new ProtocolNamespaces(Ns.WST13, Ns.WSC13, Ns.WSRM12);

  /** WS-Trust, WS-SecureConversation and WS-RM February 2005 (WCF's default). */
  public static final ProtocolNamespaces FEB_2005 =
      new ProtocolNamespaces(Ns.WST200502, Ns.WSC200502, Ns.WSRM200502);

  /** Trust and SC namespaces with WS-RM 1.2 faults. */
  public ProtocolNamespaces(String trustNamespace, String scNamespace) {
    this(trustNamespace, scNamespace, Ns.WSRM12);
  }

  /** The same namespaces with {@code rmNamespace} for WS-RM faults. */
  public ProtocolNamespaces withRmNamespace(String rmNamespace) {
    return new ProtocolNamespaces(trustNamespace, scNamespace, rmNamespace);
  }

  public ProtocolNamespaces {
    Objects.requireNonNull(rmNamespace, "rmNamespace");
    if (!rmNamespace.equals(Ns.WSRM12) && !rmNamespace.equals(Ns.WSRM200502)) {
      throw new IllegalArgumentException("not a WS-ReliableMessaging namespace: " + rmNamespace);
    }
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

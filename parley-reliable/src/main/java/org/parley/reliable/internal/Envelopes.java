package org.parley.reliable.internal;

import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapRequest;
import org.parley.security.VerifiedMessage;
import org.parley.security.VerifiedToken;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Small envelope helpers shared by the RM source and destination. */
public final class Envelopes {
  private Envelopes() {}

  /**
   * Adds {@code block} (created in {@code envelope}) as a header block, creating the Header before
   * the Body when the envelope has none, and marks it mustUnderstand when asked.
   */
  public static void addHeader(Document envelope, Element block, boolean mustUnderstand)
      throws ParleyFault {
    SoapEnvelope env = SoapEnvelope.of(envelope);
    Element header = env.header();
    String ns = env.version().namespace();
    String prefix = env.envelope().getPrefix();
    if (header == null) {
      header = envelope.createElementNS(ns, prefix == null ? "Header" : prefix + ":Header");
      env.envelope().insertBefore(header, env.body());
    }
    if (mustUnderstand) {
      block.setAttributeNS(
          ns,
          (prefix == null ? "" : prefix + ":") + "mustUnderstand",
          env.version().mustUnderstandTrue());
    }
    header.appendChild(block);
  }

  /** A deep copy of {@code d}. */
  public static Document copy(Document d) {
    synchronized (d) { // DOM promises no thread safety, not even for reads
      return (Document) d.cloneNode(true);
    }
  }

  /** Whether the envelope's Body is empty. */
  public static boolean emptyBody(Document d) throws ParleyFault {
    return Dom.firstChildElement(SoapEnvelope.of(d).body()) == null;
  }

  /**
   * The identifier of the security context whose key signed {@code request} (the root of its
   * primary signing token), or null when the request was not verified or not context-protected.
   */
  public static String contextOf(SoapRequest request) {
    VerifiedMessage m = request.verified().orElse(null);
    if (m == null) {
      return null;
    }
    VerifiedToken root = m.primarySigningToken().map(VerifiedToken::root).orElse(null);
    if (root == null || root.kind() != VerifiedToken.Kind.SECURITY_CONTEXT) {
      return null;
    }
    return root.contextIdentifier().orElse(null);
  }
}

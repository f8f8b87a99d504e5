package org.parley.conversation.internal;

import java.util.Base64;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Bounded reading helpers shared by the codecs; every failure is a {@link ParleyFault}. */
public final class Read {
  private Read() {}

  /** The element's trimmed text, at most {@code maxChars} ({@code setting} names the bound). */
  public static String text(Element e, int maxChars, String setting, FaultCode code)
      throws ParleyFault {
    if (Dom.firstChildElement(e) != null) {
      throw new ParleyFault(code, name(e) + " must contain text only, found a child element");
    }
    String raw = rawTextLengthChecked(e, maxChars, setting, code);
    if (raw.isEmpty()) {
      throw new ParleyFault(code, name(e) + " must not be empty");
    }
    return raw;
  }

  /**
   * The base64 content of {@code e}, decoded, at most {@code maxBytes}. The encoded length is
   * checked before anything is decoded, so a huge value costs no allocation.
   */
  public static byte[] base64(Element e, int maxBytes, String setting, FaultCode code)
      throws ParleyFault {
    if (Dom.firstChildElement(e) != null) {
      throw new ParleyFault(code, name(e) + " must contain base64 text only");
    }
    // 4 characters per 3 bytes, plus room for line breaks some writers insert every 76 chars.
    int maxChars = (maxBytes + 2) / 3 * 4 + maxBytes / 19 + 8;
    String s = rawTextLengthChecked(e, maxChars, setting + " (" + maxBytes + " bytes)", code);
    byte[] out;
    try {
      out = Base64.getMimeDecoder().decode(s);
    } catch (IllegalArgumentException ex) {
      throw new ParleyFault(code, name(e) + " is not valid base64");
    }
    if (out.length == 0) {
      throw new ParleyFault(code, name(e) + " must not be empty");
    }
    if (out.length > maxBytes) {
      throw new ParleyFault(
          code,
          name(e)
              + " holds "
              + out.length
              + " bytes, more than "
              + setting
              + " ("
              + maxBytes
              + ")");
    }
    return out;
  }

  private static String rawTextLengthChecked(
      Element e, int maxChars, String setting, FaultCode code) throws ParleyFault {
    long total = 0;
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
        total += c.getNodeValue().length();
      }
    }
    if (total > maxChars) {
      throw new ParleyFault(
          code,
          name(e) + " has " + total + " characters, more than the limit " + setting + " allows");
    }
    return Dom.text(e);
  }

  /** {@code {ns}local} of an element, for messages. */
  public static String name(Element e) {
    return (e.getNamespaceURI() == null ? "" : "{" + e.getNamespaceURI() + "}") + e.getLocalName();
  }
}

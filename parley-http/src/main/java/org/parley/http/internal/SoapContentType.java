package org.parley.http.internal;

import java.util.Locale;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.http.SoapVersion;

/**
 * The SOAP version, action and charset an HTTP request declares.
 *
 * <pre>
 *   SOAP 1.1 (SOAP 1.1 section 6.1.1):  Content-Type: text/xml; charset=utf-8
 *                                       SOAPAction: "urn:action"
 *   SOAP 1.2 (RFC 3902, SOAP 1.2 part 2 section 7.1.4):
 *                                       Content-Type: application/soap+xml; charset=utf-8; action="urn:action"
 * </pre>
 */
public record SoapContentType(SoapVersion version, String action) {
  /** Longest Content-Type header examined; anything longer is refused unparsed. */
  private static final int MAX_HEADER_CHARS = 4096;

  /**
   * Reads the request's content type and, for SOAP 1.1, its {@code SOAPAction} header.
   *
   * @throws ParleyFault {@code Sender} for a missing or unsupported media type or charset
   */
  public static SoapContentType parse(String contentType, String soapActionHeader)
      throws ParleyFault {
    if (contentType == null || contentType.isBlank()) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the request has no Content-Type");
    }
    if (contentType.length() > MAX_HEADER_CHARS) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the Content-Type header is too long");
    }
    String[] parts = splitParameters(contentType);
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    SoapVersion version = null;
    for (SoapVersion v : SoapVersion.values()) {
      if (v.mediaType().equals(mediaType)) {
        version = v;
      }
    }
    if (version == null) {
      throw new ParleyFault(
          FaultCode.SOAP_SENDER,
          "Content-Type "
              + printable(mediaType)
              + " is neither text/xml (SOAP 1.1) nor application/soap+xml (SOAP 1.2)");
    }
    String action = null;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      int eq = p.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = unquote(p.substring(eq + 1).trim());
      if (name.equals("charset") && !value.equalsIgnoreCase("utf-8")) {
        // Parley reads and writes UTF-8 only (SOAP 1.2 part 2 section 7.1.4 lets a node choose).
        throw new ParleyFault(
            FaultCode.SOAP_SENDER, "charset " + printable(value) + " is not supported; use utf-8");
      }
      if (name.equals("action") && version == SoapVersion.SOAP_12) {
        action = value;
      }
    }
    if (version == SoapVersion.SOAP_11 && soapActionHeader != null) {
      action = unquote(soapActionHeader.trim());
    }
    return new SoapContentType(version, action == null || action.isEmpty() ? null : action);
  }

  /** Splits at semicolons outside quoted strings (RFC 9110 section 5.6.6). */
  private static String[] splitParameters(String header) {
    java.util.List<String> out = new java.util.ArrayList<>(4);
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (quoted && c == '\\' && i + 1 < header.length()) {
        cur.append(c).append(header.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    out.add(cur.toString());
    return out.toArray(new String[0]);
  }

  /** Removes the quotes and backslash escapes of an RFC 9110 quoted-string. */
  static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
      StringBuilder sb = new StringBuilder(v.length());
      for (int i = 1; i < v.length() - 1; i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length() - 1) {
          c = v.charAt(++i);
        }
        sb.append(c);
      }
      return sb.toString();
    }
    return v;
  }

  /** A peer-supplied value cut short and stripped of control characters, for a log line. */
  private static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  /** The header value announcing {@code version} and {@code action} on an outbound request. */
  public static String format(SoapVersion version, String action) {
    StringBuilder sb = new StringBuilder(version.mediaType()).append("; charset=utf-8");
    if (version == SoapVersion.SOAP_12 && action != null && !action.isEmpty()) {
      sb.append("; action=\"")
          .append(action.replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return sb.toString();
  }
}

package org.parley.wire.soap;

import java.util.Locale;

/** Reads one parameter of an HTTP media type (RFC 9110 section 8.3.1), quoted or not. */
final class MediaTypeParameters {
  private MediaTypeParameters() {}

  /** The parameter's value, or null when absent or when the header is malformed or too long. */
  static String get(String contentType, String name) {
    if (contentType.length() > SoapVersion.MAX_HEADER_CHARS) {
      return null;
    }
    int i = contentType.indexOf(';');
    while (i >= 0 && i < contentType.length()) {
      int start = i + 1;
      int eq = contentType.indexOf('=', start);
      if (eq < 0) {
        return null;
      }
      String key = contentType.substring(start, eq).trim().toLowerCase(Locale.ROOT);
      int p = eq + 1;
      while (p < contentType.length() && contentType.charAt(p) == ' ') {
        p++;
      }
      String value;
      int next;
      if (p < contentType.length() && contentType.charAt(p) == '"') {
        StringBuilder sb = new StringBuilder();
        int q = p + 1;
        for (; q < contentType.length(); q++) {
          char c = contentType.charAt(q);
          if (c == '\\' && q + 1 < contentType.length()) {
            sb.append(contentType.charAt(++q));
          } else if (c == '"') {
            break;
          } else {
            sb.append(c);
          }
        }
        if (q >= contentType.length()) {
          return null; // unterminated quoted string
        }
        value = sb.toString();
        next = contentType.indexOf(';', q + 1);
      } else {
        next = contentType.indexOf(';', p);
        value = (next < 0 ? contentType.substring(p) : contentType.substring(p, next)).trim();
      }
      if (key.equals(name)) {
        return value;
      }
      i = next;
    }
    return null;
  }
}

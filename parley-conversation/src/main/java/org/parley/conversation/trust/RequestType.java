package org.parley.conversation.trust;

/** The WS-Trust request types the SCT exchange uses (WS-Trust 1.3 sections 4, 5 and 6). */
public enum RequestType {
  /** Section 4: issue a token (WS-SC 1.3 section 3.1, an SCT). */
  ISSUE("Issue"),
  /** Section 5 (WS-SC 1.3 section 5): renew a context. */
  RENEW("Renew"),
  /** Section 6 (WS-SC 1.3 section 6): cancel a context. */
  CANCEL("Cancel"),
  /** Section 7: validate; named so that a peer asking for it gets a precise refusal. */
  VALIDATE("Validate");

  private final String uriSuffix;

  RequestType(String uriSuffix) {
    this.uriSuffix = uriSuffix;
  }

  String uriSuffix() {
    return uriSuffix;
  }
}

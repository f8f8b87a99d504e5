package org.parley.sts.saml;

/** The subject confirmation methods Parley issues and accepts (SAML Profiles 3.1 and 3.3). */
public enum SubjectConfirmation {
  /** {@code urn:oasis:names:tc:SAML:2.0:cm:bearer} (SAML Profiles 3.3). */
  BEARER("urn:oasis:names:tc:SAML:2.0:cm:bearer"),
  /** {@code urn:oasis:names:tc:SAML:2.0:cm:holder-of-key} (SAML Profiles 3.1). */
  HOLDER_OF_KEY("urn:oasis:names:tc:SAML:2.0:cm:holder-of-key");

  private final String uri;

  SubjectConfirmation(String uri) {
    this.uri = uri;
  }

  public String uri() {
    return uri;
  }

  static SubjectConfirmation fromUri(String uri) {
    for (SubjectConfirmation c : values()) {
      if (c.uri.equals(uri)) {
        return c;
      }
    }
    return null;
  }
}

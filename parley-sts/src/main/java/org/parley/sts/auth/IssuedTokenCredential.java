package org.parley.sts.auth;

import java.util.Objects;
import org.w3c.dom.Element;

/**
 * A token another STS issued, as presented in the request's security header (OASIS WSS SAML Token
 * Profile 1.1 section 3.3: a {@code saml2:Assertion} child of {@code wsse:Security}). Unverified:
 * the {@link IssuedTokenAuthenticator} checks it.
 */
public final class IssuedTokenCredential implements Credential {
  private final Element token;

  private IssuedTokenCredential(Element token) {
    this.token = token;
  }

  /**
   * @param token the token element, from a document parsed by {@link
   *     org.parley.wire.xml.HardenedXml}
   */
  public static IssuedTokenCredential of(Element token) {
    return new IssuedTokenCredential(Objects.requireNonNull(token, "token"));
  }

  public Element token() {
    return token;
  }

  @Override
  public String toString() {
    return "IssuedTokenCredential[" + token.getNamespaceURI() + " " + token.getLocalName() + "]";
  }
}

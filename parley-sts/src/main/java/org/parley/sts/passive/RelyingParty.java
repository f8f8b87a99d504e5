package org.parley.sts.passive;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A relying party registered with the STS: its realm ({@code wtrealm}, also the audience of the
 * tokens it gets) and the only addresses tokens and sign-out redirects may be sent to. The first
 * address is the default {@code wreply}; a request's {@code wreply} must equal one exactly.
 */
public final class RelyingParty {
  private final String realm;
  private final List<URI> replyAddresses;

  private RelyingParty(String realm, List<URI> replyAddresses) {
    this.realm = realm;
    this.replyAddresses = replyAddresses;
  }

  /**
   * @param realm the wtrealm URI
   * @param defaultReply where tokens go when the request has no {@code wreply}
   * @param moreAddresses further allowed token / sign-out addresses
   */
  public static RelyingParty of(String realm, URI defaultReply, URI... moreAddresses) {
    Objects.requireNonNull(realm, "realm");
    List<URI> all = new ArrayList<>();
    all.add(check(defaultReply));
    for (URI u : moreAddresses) {
      all.add(check(u));
    }
    return new RelyingParty(realm, List.copyOf(all));
  }

  public String realm() {
    return realm;
  }

  public URI defaultReply() {
    return replyAddresses.get(0);
  }

  public List<URI> replyAddresses() {
    return replyAddresses;
  }

  /** The registered address equal to {@code wreply} (absent: the default); empty if none is. */
  public Optional<URI> reply(String wreply) {
    if (wreply == null || wreply.isEmpty()) {
      return Optional.of(defaultReply());
    }
    for (URI u : replyAddresses) {
      // Exact string comparison: no prefix, no normalisation (WS-Federation 1.2 section 13.2.4).
      if (u.toString().equals(wreply)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  private static URI check(URI u) {
    Objects.requireNonNull(u, "address");
    String host = u.getHost();
    boolean loopback =
        "http".equals(u.getScheme())
            && ("127.0.0.1".equals(host) || "[::1]".equals(host) || "localhost".equals(host));
    if (!"https".equals(u.getScheme()) && !loopback) {
      throw new IllegalArgumentException(
          "reply addresses must be https (or http on loopback), was " + u);
    }
    return u;
  }

  @Override
  public String toString() {
    return "RelyingParty[" + realm + "]";
  }
}

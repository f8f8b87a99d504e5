package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A security context token carried in the Security header with its {@code wsc:Instance} and a
 * cookie-mode {@code dnse:Cookie} (WS-SC 1.3 sections 2 and 5): written by {@link
 * OutboundCredentials}, handed to the {@link SecurityContextResolver} by the engine, also when a
 * derived key refers to it by Identifier instead of {@code #id} (CXF's form).
 */
class CarriedContextTokenTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  static final SecretBytes SECRET = SecretBytes.copyOf(new byte[32]);
  static final String ID = "urn:uuid:carried";
  static final SecurityPolicy POLICY = SecurityPolicy.newBuilder().build();
  static final byte[] COOKIE = {1, 2, 3, 4, 5};

  /** What the resolver saw: identifier, instance and the carried element (or null). */
  record Seen(String identifier, String instance, Element carried) {}

  static final class Recording implements SecurityContextResolver {
    final List<Seen> seen = new ArrayList<>();

    @Override
    public Optional<SecretBytes> secretFor(String identifier) {
      return secretFor(identifier, null, null);
    }

    @Override
    public Optional<SecretBytes> secretFor(String identifier, String instance, Element carried) {
      seen.add(new Seen(identifier, instance, carried));
      return ID.equals(identifier) && "i-2".equals(instance) && carried != null
          ? Optional.of(SECRET)
          : Optional.empty();
    }
  }

  static Document protect(OutboundCredentials creds) throws Exception {
    byte[] wire =
        OutboundProtector.newBuilder()
            .policy(POLICY)
            .clock(CLOCK)
            .build()
            .protect(Messages.parse(Messages.soap12(64)), creds)
            .bytes();
    return Messages.XML.parse(wire);
  }

  static VerifiedMessage verify(Document d, SecurityContextResolver r) throws ParleyFault {
    return InboundProcessor.newBuilder()
        .policy(POLICY)
        .clock(CLOCK)
        .build()
        .process(XmlWriter.toBytes(d), InboundContext.none().withSecurityContexts(r));
  }

  @Test
  void embeddedToken_carriesInstanceAndCookie_resolverGetsTheElement() throws Exception {
    Document d =
        protect(
            OutboundCredentials.securityContext(ID, SECRET).instance("i-2").carryingCookie(COOKIE));
    Element sct = (Element) d.getElementsByTagNameNS(Ns.WSC13, "SecurityContextToken").item(0);
    assertThat(Dom.text(Dom.child(sct, Ns.WSC13, "Instance"))).isEqualTo("i-2");
    assertThat(Dom.child(sct, OutboundCredentials.COOKIE_NAMESPACE, "Cookie")).isNotNull();
    Recording r = new Recording();
    VerifiedMessage m = verify(d, r);
    assertThat(m.primarySigningToken().orElseThrow().root().contextIdentifier()).contains(ID);
    assertThat(r.seen).isNotEmpty();
    assertThat(r.seen.get(0).carried()).isNotNull();
    assertThat(r.seen.get(0).instance()).isEqualTo("i-2");
  }

  @Test
  void referenceByIdentifier_toATokenInTheHeader_resolvedWithThatToken() throws Exception {
    Document d =
        protect(
            OutboundCredentials.securityContext(ID, SECRET).instance("i-2").carryingCookie(COOKIE));
    // Rewrite the derived keys' references from "#sct-id" to the Identifier, as CXF writes them.
    var refs = d.getElementsByTagNameNS(Ns.WSSE, "Reference");
    int rewritten = 0;
    for (int i = 0; i < refs.getLength(); i++) {
      Element ref = (Element) refs.item(i);
      if (ref.getAttribute("URI").startsWith("#sct")) {
        ref.setAttribute("URI", ID);
        rewritten++;
      }
    }
    assertThat(rewritten).isPositive();
    Recording r = new Recording();
    verify(d, r);
    assertThat(r.seen).allSatisfy(s -> assertThat(s.carried()).isNotNull());
  }

  @Test
  void referenceByIdentifier_withoutTokenInTheHeader_resolverGetsNoElement() throws Exception {
    Document d =
        protect(
            OutboundCredentials.securityContext(ID, SECRET)
                .referencedByIdentifier()
                .instance("i-2"));
    assertThat(d.getElementsByTagNameNS(Ns.WSC13, "SecurityContextToken").getLength()).isZero();
    Recording r = new Recording();
    assertThatThrownBy(() -> verify(d, r))
        .isInstanceOf(ParleyFault.class)
        // WS-SC 1.3 section 7: the derivation source cannot be resolved.
        .satisfies(
            e ->
                assertThat(((ParleyFault) e).code())
                    .isEqualTo(FaultCode.SC_UNKNOWN_DERIVATION_SOURCE));
    assertThat(r.seen).isNotEmpty();
    assertThat(r.seen.get(0).carried()).isNull();
    assertThat(r.seen.get(0).instance())
        .as("wsc:Instance attribute on the reference")
        .isEqualTo("i-2");
  }

  @Test
  void cookie_onlyOnAnEmbeddedToken() {
    assertThatThrownBy(
            () ->
                OutboundCredentials.securityContext(ID, SECRET)
                    .referencedByIdentifier()
                    .carryingCookie(COOKIE))
        .isInstanceOf(IllegalStateException.class);
  }
}

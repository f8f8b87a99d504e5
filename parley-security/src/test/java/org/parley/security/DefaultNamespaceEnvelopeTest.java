package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.wire.Ns;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An envelope whose SOAP elements use the default namespace (no prefix): the {@code mustUnderstand}
 * attribute on {@code wsse:Security} must still be in the SOAP namespace (SOAP 1.2 part 1 section
 * 5.2.3; Namespaces in XML 1.0 section 6.2: an unprefixed attribute is in no namespace), and the
 * message must verify.
 */
class DefaultNamespaceEnvelopeTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  static final SecretBytes SECRET = SecretBytes.copyOf(new byte[32]);
  static final SecurityPolicy POLICY = SecurityPolicy.newBuilder().build();

  static final String UNPREFIXED =
      "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\">"
          + "<Header/>"
          + "<Body><ns:DoubleIt xmlns:ns=\"http://example.org/doubleit\">"
          + "<numberToDouble>7</numberToDouble></ns:DoubleIt></Body></Envelope>";

  @Test
  void securityHeader_mustUnderstandIsInTheSoapNamespace_andTheMessageVerifies() throws Exception {
    byte[] wire =
        OutboundProtector.newBuilder()
            .policy(POLICY)
            .clock(CLOCK)
            .build()
            .protect(
                Messages.parse(UNPREFIXED),
                OutboundCredentials.securityContext("urn:uuid:default-ns", SECRET))
            .bytes();
    Document d = Messages.XML.parse(wire);
    Element security = (Element) d.getElementsByTagNameNS(Ns.WSSE, "Security").item(0);
    assertThat(security.getAttributeNS(Ns.SOAP12, "mustUnderstand")).isEqualTo("true");
    assertThat(new String(wire, java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("null:mustUnderstand");

    VerifiedMessage m =
        InboundProcessor.newBuilder()
            .policy(POLICY)
            .clock(CLOCK)
            .build()
            .process(
                wire,
                InboundContext.none()
                    .withSecurityContexts(
                        id ->
                            "urn:uuid:default-ns".equals(id)
                                ? java.util.Optional.of(SECRET)
                                : java.util.Optional.empty()));
    assertThat(m.timestamp()).isPresent();
  }
}

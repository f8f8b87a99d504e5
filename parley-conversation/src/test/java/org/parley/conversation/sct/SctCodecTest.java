package org.parley.conversation.sct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.conversation.testing.Captures;
import org.parley.conversation.trust.TrustLimits;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Element;

class SctCodecTest {
  static Element parse(String xml) throws Exception {
    return Captures.XML.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void wsSc13_3_roundTrip_identifierInstanceIdAndCookie(TrustVersion v) throws Exception {
    SecurityContextToken t =
        SecurityContextToken.newBuilder(v, "urn:uuid:5")
            .instance("inst-1")
            .wsuId("sct-1")
            .cookie(new byte[] {1, 2, 3})
            .build();
    Element e = SctCodec.write(HardenedXml.newEmptyDocument(), t);
    assertThat(e.getNamespaceURI()).isEqualTo(v.scNamespace());
    SecurityContextToken back =
        SctCodec.read(
            Captures.XML.parse(XmlWriter.toBytes(e)).getDocumentElement(), TrustLimits.DEFAULT);
    assertThat(back).isEqualTo(t);
    assertThat(back.cookie().orElseThrow()).containsExactly(1, 2, 3);
    assertThat(back.toString()).doesNotContain("AQID");
  }

  @Test
  void wsSc13_8_missingIdentifier_twoIdentifiers_unknownChild_areBadContextToken()
      throws Exception {
    String open = "<wsc:SecurityContextToken xmlns:wsc=\"" + Ns.WSC13 + "\">";
    String close = "</wsc:SecurityContextToken>";
    for (String[] c :
        new String[][] {
          {"", "without wsc:Identifier"},
          {
            "<wsc:Identifier>a</wsc:Identifier><wsc:Identifier>b</wsc:Identifier>", "two Identifier"
          },
          {"<wsc:Identifier>a</wsc:Identifier><wsc:Other/>", "unexpected child"},
          {"<wsc:Identifier><wsc:X/></wsc:Identifier>", "text only"},
        }) {
      assertThatThrownBy(() -> SctCodec.read(parse(open + c[0] + close), TrustLimits.DEFAULT))
          .isInstanceOf(ParleyFault.class)
          .hasMessageContaining(c[1])
          .satisfies(
              t -> assertThat(((ParleyFault) t).code()).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    }
  }

  @Test
  void oversizedCookie_refusedNamingTheLimit() throws Exception {
    Element e =
        parse(
            "<wsc:SecurityContextToken xmlns:wsc=\""
                + Ns.WSC13
                + "\"><wsc:Identifier>a</wsc:Identifier><dnse:Cookie xmlns:dnse=\""
                + SecurityContextToken.COOKIE_NAMESPACE
                + "\">AAAA</dnse:Cookie></wsc:SecurityContextToken>");
    Element cookie = (Element) e.getLastChild();
    cookie.setTextContent("A".repeat(100_000));
    assertThatThrownBy(() -> SctCodec.read(e, TrustLimits.DEFAULT))
        .hasMessageContaining("TrustLimits.maxCookieBytes");
  }
}

package org.parley.reliable.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.core.fault.ParleyFault;
import org.parley.reliable.message.RmVersion;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;

/** The RMAssertion written into a WSDL binding policy and read back (WS-RM Policy 1.2, 2005/02). */
class ReliablePolicyTest {
  static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  static byte[] wsdl(String wsp) {
    return ("<wsdl:definitions xmlns:wsdl='http://schemas.xmlsoap.org/wsdl/' xmlns:wsp='"
            + wsp
            + "' xmlns:wsu='"
            + Ns.WSU
            + "'><wsdl:binding name='B'><wsp:PolicyReference URI='#P'/></wsdl:binding>"
            + "<wsp:Policy wsu:Id='P'><wsp:ExactlyOne><wsp:All/></wsp:ExactlyOne></wsp:Policy>"
            + "</wsdl:definitions>")
        .getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(RmVersion.class)
  void attachedAssertion_readsBack_bothPolicyVersions(RmVersion v) throws Exception {
    for (String wsp : List.of(Ns.WSP15, Ns.WSP12)) {
      for (ReliablePolicy p :
          v == RmVersion.WSRM_12
              ? List.of(
                  ReliablePolicy.of(v),
                  ReliablePolicy.boundToSecurityContext(),
                  ReliablePolicy.boundToSecurityContext().asOptional())
              : List.of(ReliablePolicy.of(v), ReliablePolicy.of(v).asOptional())) {
        Document d = XML.parse(p.attachTo(wsdl(wsp)));
        assertThat(ReliablePolicy.read(d)).as(p + " in " + wsp).contains(p);
      }
    }
  }

  @Test
  void wsdlWithoutAssertion_readsEmpty() throws Exception {
    assertThat(ReliablePolicy.read(XML.parse(wsdl(Ns.WSP15)))).isEmpty();
  }

  @Test
  void wsdlWithoutBindingPolicy_cannotBeExtended() {
    byte[] bare =
        "<wsdl:definitions xmlns:wsdl='http://schemas.xmlsoap.org/wsdl/'/>"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ReliablePolicy.of(RmVersion.WSRM_12).attachTo(bare))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void peerAskingForAtMostOnce_refused_parleyGivesExactlyOnce() throws Exception {
    String w =
        new String(wsdl(Ns.WSP15), StandardCharsets.UTF_8)
            .replace(
                "<wsp:All/>",
                "<wsp:All><r:RMAssertion xmlns:r='"
                    + ReliablePolicy.WSRMP12
                    + "'><wsp:Policy><r:DeliveryAssurance><wsp:Policy><r:AtMostOnce/>"
                    + "</wsp:Policy></r:DeliveryAssurance></wsp:Policy></r:RMAssertion></wsp:All>");
    assertThatThrownBy(() -> ReliablePolicy.read(XML.parse(w.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("AtMostOnce");
  }
}

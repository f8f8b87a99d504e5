package org.parley.interop.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.junit.jupiter.api.Test;
import org.parley.endpoint.SoapHandler;
import org.parley.http.ParleyServer;
import org.parley.interop.cxf.CxfSecurity;
import org.parley.interop.cxf.DoubleIt;
import org.parley.interop.cxf.DoubleItPortType;
import org.parley.interop.cxf.Scenario;
import org.parley.interop.cxf.WireTap;
import org.parley.reliable.ReliableDestination;
import org.parley.reliable.message.RmCompliance;
import org.parley.reliable.message.RmVersion;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Element;

/**
 * Apache CXF 4.1.5's client with WS-RM 1.2 and WS-SC 1.3 (DoubleItSC13.wsdl's policy) against
 * Parley's secure conversation service with a reliable destination inside it. CXF does not bind its
 * sequence to the context with UsesSequenceSTR and its policy does not sign the wsrm headers;
 * Parley binds the sequence to the context that protected CreateSequence anyway, and has to be told
 * to accept unsigned Sequence headers ({@code allowUnsignedSequenceHeaders}).
 */
class CxfReliableSecureConversationTest {
  @Test
  void cxfClient_rm12InsideSc13_leavesWsaHeadersOfCreateSequenceUnsigned_refusedInvalidSecurity()
      throws Exception {
    List<Long> numbers = new ArrayList<>();
    var service =
        ParleyDoubleItService.builder(Scenario.SC13)
            .wrapMessages(
                operations ->
                    ReliableDestination.newBuilder()
                        .handler(recording(operations, numbers))
                        .allowUnsignedSequenceHeaders()
                        .compliance(RmCompliance.CXF_4_1)
                        .build(),
                ReliableDestination.understoodHeaders())
            .build();
    try (ParleyServer server =
            ParleyServer.newBuilder()
                .bindAddress("127.0.0.1")
                .port(0)
                .endpoint("/sc13rm", service.endpoint())
                .build()
                .start();
        WireTap tap = WireTap.start(server.uri("/"))) {
      Bus bus = BusFactory.newInstance().createBus();
      try {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setBus(bus);
        f.setWsdlURL(Scenario.SC13.wsdlUrl().toString());
        f.setServiceName(DoubleIt.SERVICE);
        f.setEndpointName(Scenario.SC13.portName());
        f.setServiceClass(DoubleItPortType.class);
        f.setAddress(tap.address("/sc13rm").toString());
        f.setProperties(CxfSecurity.client(CxfSecurity.Keys.capturesClient()));
        f.getFeatures().add(new WSAddressingFeature());
        f.getFeatures()
            .add(
                org.parley.interop.rm.CxfReliableMessagingInteropTest.rmFeature(
                    RmVersion.WSRM_12, Ns.WSA10));
        DoubleItPortType port = f.create(DoubleItPortType.class);
        assertThatThrownBy(() -> port.doubleIt(1)).isInstanceOf(RuntimeException.class);
        ((Closeable) port).close();
      } finally {
        bus.shutdown(true);
      }
      WireTap.Exchange create = null;
      for (WireTap.Exchange e : tap.exchanges()) {
        String request = new String(e.request(), StandardCharsets.UTF_8);
        if (request.contains("/ws-rx/wsrm/200702/CreateSequence<") && create == null) {
          create = e;
        }
      }
      assertThat(create).as("CXF sent a CreateSequence").isNotNull();
      String request = new String(create.request(), StandardCharsets.UTF_8);
      assertThat(request).contains("SecurityContextToken").contains("DerivedKeyToken");
      // The wsa:Action of the CreateSequence carries no wsu:Id: no signature can cover it.
      assertThat(request).containsPattern("<Action [^>]*soap:mustUnderstand=\"true\">");
      assertThat(request).doesNotContainPattern("<Action [^>]*wsu:Id=[^>]*>[^<]*CreateSequence<");
      String response = new String(create.response(), StandardCharsets.UTF_8);
      assertThat(create.status()).isEqualTo(400);
      assertThat(response).contains("wsse:InvalidSecurity");
      synchronized (numbers) {
        assertThat(numbers).isEmpty();
      }
    }
  }

  static SoapHandler recording(SoapHandler next, List<Long> numbers) {
    return request -> {
      for (Element s : request.envelope().headerBlocks(Ns.WSRM12, "Sequence")) {
        synchronized (numbers) {
          numbers.add(Long.parseLong(Dom.text(Dom.child(s, Ns.WSRM12, "MessageNumber"))));
        }
      }
      return next.handle(request);
    };
  }
}

package org.parley.interop.rm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.apache.cxf.ws.rm.RM10Constants;
import org.apache.cxf.ws.rm.RM11Constants;
import org.apache.cxf.ws.rm.feature.RMFeature;
import org.apache.cxf.ws.rm.manager.AcksPolicyType;
import org.apache.cxf.ws.rm.manager.DestinationPolicyType;
import org.apache.cxf.ws.rmp.v200502.RMAssertion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.interop.cxf.DoubleIt;
import org.parley.interop.cxf.DoubleItImpl;
import org.parley.interop.cxf.DoubleItPortType;
import org.parley.interop.cxf.Scenario;
import org.parley.interop.cxf.WireTap;
import org.parley.reliable.ReliableDestination;
import org.parley.reliable.ReliableSource;
import org.parley.reliable.RmTransport;
import org.parley.reliable.message.RmVersion;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Element;

/**
 * WS-ReliableMessaging between Parley and Apache CXF 4.1.5 (cxf-rt-ws-rm), both ways, on the wire,
 * without message security: WS-RM 1.2 (CXF's RM11Constants namespace, WS-Addressing 1.0) and WS-RM
 * Feb 2005 (CXF's RM10Constants, with WS-Addressing 1.0 as CXF configures it by default).
 */
public class CxfReliableMessagingInteropTest {
  static final int CALLS = 5;

  static RMFeature rmFeature(RmVersion v) {
    return rmFeature(v, org.parley.wire.Ns.WSA200408);
  }

  /**
   * CXF's RM feature for {@code v}; for Feb 2005, {@code rm10Addressing} is the WS-Addressing
   * namespace CXF uses in RM protocol messages (CXF's client decodes a CreateSequenceResponse only
   * in the pairing RM 2005/02 with WS-Addressing 1.0 when the WSDL makes its headers WS-Addressing
   * 1.0).
   */
  public static RMFeature rmFeature(RmVersion v, String rm10Addressing) {
    RMFeature rm = new RMFeature();
    rm.setRMNamespace(
        v == RmVersion.WSRM_12 ? RM11Constants.NAMESPACE_URI : RM10Constants.NAMESPACE_URI);
    RMAssertion a = new RMAssertion();
    RMAssertion.BaseRetransmissionInterval bri = new RMAssertion.BaseRetransmissionInterval();
    bri.setMilliseconds(500L);
    a.setBaseRetransmissionInterval(bri);
    RMAssertion.AcknowledgementInterval ai = new RMAssertion.AcknowledgementInterval();
    ai.setMilliseconds(0L);
    a.setAcknowledgementInterval(ai);
    rm.setRMAssertion(a);
    DestinationPolicyType dp = new DestinationPolicyType();
    AcksPolicyType acks = new AcksPolicyType();
    acks.setIntraMessageThreshold(0);
    dp.setAcksPolicy(acks);
    rm.setDestinationPolicy(dp);
    if (v == RmVersion.WSRM_200502) {
      // WS-RM Feb 2005 with WS-Addressing 2004/08, as WCF pairs them (CXF's default pairs it with
      // WS-Addressing 1.0).
      org.apache.cxf.ws.rm.manager.RM10AddressingNamespaceType wsa =
          new org.apache.cxf.ws.rm.manager.RM10AddressingNamespaceType();
      wsa.setUri(rm10Addressing);
      rm.setRM10AddressingNamespace(wsa);
    }
    return rm;
  }

  /** A Parley DoubleIt handler that records the WS-RM message number of each delivery. */
  static SoapHandler recordingDoubleIt(List<Long> numbers) {
    return request -> {
      long number = 0;
      for (RmVersion v : RmVersion.values()) {
        for (Element s : request.envelope().headerBlocks(v.namespace(), "Sequence")) {
          number = Long.parseLong(Dom.text(Dom.child(s, v.namespace(), "MessageNumber")));
        }
      }
      synchronized (numbers) {
        numbers.add(number);
      }
      String text =
          Payloads.requireChildText(request.requirePayload(), DoubleIt.NS, "numberToDouble");
      int n;
      try {
        n = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new ParleyFault(FaultCode.SOAP_SENDER, "not an int");
      }
      return request.reply(
          DoubleIt.RESPONSE_ACTION,
          Payloads.element(
              DoubleIt.NS,
              "DoubleItResponse",
              Payloads.element(DoubleIt.NS, "doubledNumber", 2 * n)));
    };
  }

  @ParameterizedTest
  @EnumSource(RmVersion.class)
  void cxfClient_toParleyDestination_exactlyOnceInOrder(RmVersion v) throws Exception {
    List<Long> numbers = new ArrayList<>();
    ReliableDestination destination =
        ReliableDestination.newBuilder()
            .handler(recordingDoubleIt(numbers))
            .compliance(org.parley.reliable.message.RmCompliance.CXF_4_1)
            .build();
    try (ParleyServer server =
            ParleyServer.newBuilder()
                .bindAddress("127.0.0.1")
                .port(0)
                .endpoint(
                    "/rm",
                    SoapEndpoint.newBuilder()
                        .handler(destination)
                        .understands(ReliableDestination.understoodHeaders())
                        .build())
                .build()
                .start();
        WireTap tap = WireTap.start(server.uri("/"))) {
      Bus bus = BusFactory.newInstance().createBus();
      try {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setBus(bus);
        f.setWsdlURL(Scenario.PLAIN.wsdlUrl().toString());
        f.setServiceName(DoubleIt.SERVICE);
        f.setEndpointName(Scenario.PLAIN.portName());
        f.setServiceClass(DoubleItPortType.class);
        f.setAddress(tap.address("/rm").toString());
        f.getFeatures().add(new WSAddressingFeature());
        f.getFeatures().add(rmFeature(v, org.parley.wire.Ns.WSA10));
        DoubleItPortType port = f.create(DoubleItPortType.class);
        for (int i = 1; i <= CALLS; i++) {
          assertThat(port.doubleIt(i)).isEqualTo(2 * i);
        }
        ((java.io.Closeable) port).close();
      } catch (RuntimeException e) {
        throw new AssertionError(describe(tap), e);
      } finally {
        bus.shutdown(true);
      }
      List<Long> expected = new ArrayList<>();
      for (long i = 1; i <= CALLS; i++) {
        expected.add(i);
      }
      synchronized (numbers) {
        assertThat(numbers).as(describe(tap)).containsExactlyElementsOf(expected);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RmVersion.class)
  void parleySource_toCxfDestination_callsAnswered_sequenceTerminated(RmVersion v)
      throws Exception {
    Bus bus = BusFactory.newInstance().createBus();
    DoubleItImpl impl = new DoubleItImpl();
    EndpointImpl ep = new EndpointImpl(bus, impl);
    WireTap tap = null;
    try {
      ep.setWsdlLocation(Scenario.PLAIN.wsdlUrl().toString());
      ep.setServiceName(DoubleIt.SERVICE);
      ep.setEndpointName(Scenario.PLAIN.portName());
      ep.getFeatures().add(new WSAddressingFeature());
      ep.getFeatures().add(rmFeature(v));
      int port;
      try (java.net.ServerSocket s =
          new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      ep.publish("http://127.0.0.1:" + port + "/rm");
      tap = WireTap.start(URI.create("http://127.0.0.1:" + port + "/"));
      URI address = tap.address("/rm");
      ReliableSource source =
          ReliableSource.newBuilder()
              .transport(
                  RmTransport.http(
                      SoapHttpClient.newBuilder().requestTimeout(Duration.ofSeconds(10)).build(),
                      address))
              .to(address.toString())
              .version(v)
              .compliance(org.parley.reliable.message.RmCompliance.CXF_4_1)
              .initialRetransmissionInterval(Duration.ofMillis(100))
              .build();
      try (ReliableSource.Session session = source.open()) {
        for (int i = 1; i <= CALLS; i++) {
          Element r =
              session.call(
                  DoubleIt.ACTION,
                  Payloads.element(
                      DoubleIt.NS, "DoubleIt", Payloads.element(DoubleIt.NS, "numberToDouble", i)));
          assertThat(Payloads.requireChildText(r, DoubleIt.NS, "doubledNumber"))
              .isEqualTo(Integer.toString(2 * i));
        }
      }
      assertThat(impl.calls()).isEqualTo(CALLS);
    } catch (Exception | AssertionError e) {
      throw new AssertionError(tap == null ? "no tap" : describe(tap), e);
    } finally {
      if (tap != null) {
        tap.close();
      }
      ep.stop();
      bus.shutdown(true);
    }
  }

  /** Each exchange's request and response, for a failure message. */
  public static String describe(WireTap tap) {
    StringBuilder sb = new StringBuilder();
    for (WireTap.Exchange e : tap.exchanges()) {
      sb.append("\n>>> ")
          .append(new String(e.request(), java.nio.charset.StandardCharsets.UTF_8))
          .append("\n<<< ")
          .append(e.status())
          .append(' ')
          .append(new String(e.response(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return sb.toString();
  }
}

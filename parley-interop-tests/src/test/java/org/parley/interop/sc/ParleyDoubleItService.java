package org.parley.interop.sc;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.policy.PolicyLimits;
import org.parley.conversation.policy.WsdlPolicyReader;
import org.parley.conversation.service.SecureConversationService;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.interop.cxf.DoubleIt;
import org.parley.interop.cxf.Scenario;
import org.parley.security.TestKeys;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;

/**
 * Parley's DoubleIt service for one scenario (also the Parley side of parley-bench's loopback
 * comparison): the policy read from the scenario's WSDL (what CXF's client reads too), the peer
 * captures' service key, client certificates trusted through the captures' CA.
 */
public final class ParleyDoubleItService {
  private ParleyDoubleItService() {}

  public static ConversationPolicy policy(Scenario scenario) throws Exception {
    byte[] wsdl = Files.readAllBytes(scenario.wsdlPath());
    return WsdlPolicyReader.create(PolicyLimits.DEFAULT)
        .read(HardenedXml.create(XmlLimits.DEFAULT).parse(wsdl))
        .conversation()
        .orElseThrow();
  }

  public static SecureConversationService.Builder builder(Scenario scenario) throws Exception {
    Clock clock = Clock.systemUTC();
    return SecureConversationService.newBuilder()
        .policy(policy(scenario))
        .serviceKey(TestKeys.SERVICE.key(), TestKeys.SERVICE.cert())
        .clientTrust(TestKeys.trust(clock))
        .clock(clock)
        .contextLifetime(Duration.ofMinutes(5))
        .operation(
            DoubleIt.ACTION,
            DoubleIt.RESPONSE_ACTION,
            (payload, caller) -> {
              String n = Payloads.requireChildText(payload, DoubleIt.NS, "numberToDouble");
              long v;
              try {
                v = Long.parseLong(n);
              } catch (NumberFormatException e) {
                throw new ParleyFault(FaultCode.SOAP_SENDER, "numberToDouble is not a number");
              }
              return Payloads.element(
                  DoubleIt.NS,
                  "DoubleItResponse",
                  Payloads.element(DoubleIt.NS, "doubledNumber", 2 * v));
            });
  }
}

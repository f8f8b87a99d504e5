package org.parley.http;

import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapOperations;
import org.w3c.dom.Element;

/** The DoubleIt contract of {@code shared/peer-captures/wsdl/DoubleItPlain.wsdl}, for tests. */
final class DoubleItFixture {
  static final String NS = "http://example.org/wssc-peer/doubleit";
  static final String ACTION = NS + "/DoubleIt";
  static final String REPLY_ACTION = NS + "/DoubleItResponse";

  private DoubleItFixture() {}

  static SoapOperations operations() {
    return SoapOperations.newBuilder()
        .operation(
            ACTION,
            request -> {
              String text =
                  Payloads.requireChildText(request.requirePayload(), NS, "numberToDouble");
              int n;
              try {
                n = Integer.parseInt(text);
              } catch (NumberFormatException e) {
                throw new ParleyFault(FaultCode.SOAP_SENDER, "numberToDouble is not an int");
              }
              return request.reply(
                  REPLY_ACTION,
                  Payloads.element(
                      NS, "DoubleItResponse", Payloads.element(NS, "doubledNumber", 2 * n)));
            })
        .build();
  }

  static Element request(int n) {
    return Payloads.element(NS, "DoubleIt", Payloads.element(NS, "numberToDouble", n));
  }
}

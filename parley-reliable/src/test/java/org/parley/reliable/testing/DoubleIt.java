package org.parley.reliable.testing;

import java.util.ArrayList;
import java.util.List;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapHandler;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Element;

/**
 * The DoubleIt operation of the peer captures as a handler that records, in delivery order, the
 * {@code wsrm:MessageNumber} and value of every request it is handed.
 */
public final class DoubleIt {
  public static final String NS = "http://example.org/wssc-peer/doubleit";
  public static final String ACTION = NS + "/DoubleIt";
  public static final String REPLY_ACTION = NS + "/DoubleItResponse";

  /** One delivery: the message number (0 when outside a sequence) and the number to double. */
  public record Delivery(long messageNumber, int value) {}

  private final List<Delivery> deliveries = new ArrayList<>();

  public SoapHandler handler() {
    return recording(
        request -> {
          int n = value(request.requirePayload());
          return request.reply(
              REPLY_ACTION,
              Payloads.element(
                  NS, "DoubleItResponse", Payloads.element(NS, "doubledNumber", 2 * n)));
        });
  }

  /** Records each request handed to {@code next}, then passes it on. */
  public SoapHandler recording(SoapHandler next) {
    return request -> {
      int n = value(request.requirePayload());
      long number = 0;
      for (String ns : List.of(Ns.WSRM12, Ns.WSRM200502)) {
        for (Element s : request.envelope().headerBlocks(ns, "Sequence")) {
          number = Long.parseLong(Dom.text(Dom.child(s, ns, "MessageNumber")));
        }
      }
      synchronized (deliveries) {
        deliveries.add(new Delivery(number, n));
      }
      return next.handle(request);
    };
  }

  public List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  public static Element request(int n) {
    return Payloads.element(NS, "DoubleIt", Payloads.element(NS, "numberToDouble", n));
  }

  public static int doubled(Element response) throws ParleyFault {
    return Integer.parseInt(Payloads.requireChildText(response, NS, "doubledNumber"));
  }

  private static int value(Element payload) throws ParleyFault {
    try {
      return Integer.parseInt(Payloads.requireChildText(payload, NS, "numberToDouble"));
    } catch (NumberFormatException e) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "numberToDouble is not an int");
    }
  }
}

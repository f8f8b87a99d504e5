package org.parley.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapHandler;
import org.parley.endpoint.SoapOperations;
import org.parley.endpoint.WsdlProvider;
import org.w3c.dom.Element;

/**
 * The DoubleIt contract: {@code DoubleIt(numberToDouble: xsd:int) -> doubledNumber: xsd:int}, as in
 * {@code shared/peer-captures/wsdl/DoubleItPlain.wsdl}.
 */
public final class DoubleIt {
  public static final String NAMESPACE = "http://example.org/wssc-peer/doubleit";
  public static final String OPERATION = "DoubleIt";

  /** The {@code wsam:Action} of the request, also the {@code soap12:operation soapAction}. */
  public static final String ACTION = NAMESPACE + "/DoubleIt";

  public static final String REPLY_ACTION = NAMESPACE + "/DoubleItResponse";

  private DoubleIt() {}

  /** The service side: doubles, refusing input that is not an {@code xsd:int} or would overflow. */
  public static SoapHandler handler() {
    return SoapOperations.newBuilder()
        .operation(ACTION, request -> request.reply(REPLY_ACTION, answer(request.requirePayload())))
        .build();
  }

  /**
   * The operation itself, on a request payload already received (and, for a secured endpoint,
   * verified and decrypted): returns the response payload.
   */
  public static Element answer(Element payload) throws ParleyFault {
    if (payload == null
        || !NAMESPACE.equals(payload.getNamespaceURI())
        || !OPERATION.equals(payload.getLocalName())) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "the body is not a DoubleIt request");
    }
    int n = parseInt(Payloads.requireChildText(payload, NAMESPACE, "numberToDouble"));
    try {
      return response(Math.multiplyExact(n, 2));
    } catch (ArithmeticException e) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "doubling " + n + " overflows xsd:int");
    }
  }

  /** The request payload {@code <DoubleIt><numberToDouble>n</numberToDouble></DoubleIt>}. */
  public static Element request(int numberToDouble) {
    return Payloads.element(
        NAMESPACE, OPERATION, Payloads.element(NAMESPACE, "numberToDouble", numberToDouble));
  }

  /** The response payload. */
  public static Element response(int doubledNumber) {
    return Payloads.element(
        NAMESPACE, "DoubleItResponse", Payloads.element(NAMESPACE, "doubledNumber", doubledNumber));
  }

  /** Reads {@code doubledNumber} from a response payload. */
  public static int result(Element responsePayload) throws ParleyFault {
    if (responsePayload == null
        || !NAMESPACE.equals(responsePayload.getNamespaceURI())
        || !"DoubleItResponse".equals(responsePayload.getLocalName())) {
      throw new ParleyFault(FaultCode.SOAP_RECEIVER, "the response is not a DoubleItResponse");
    }
    return parseInt(Payloads.requireChildText(responsePayload, NAMESPACE, "doubledNumber"));
  }

  /** The WSDL of the unsecured endpoint, its address set to wherever it is fetched from. */
  public static WsdlProvider plainWsdl() {
    return WsdlProvider.rewritingAddress(resource("DoubleItPlain.wsdl"));
  }

  private static int parseInt(String text) throws ParleyFault {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "not an xsd:int");
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = DoubleIt.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

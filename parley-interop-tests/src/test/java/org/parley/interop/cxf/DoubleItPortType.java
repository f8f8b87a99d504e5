package org.parley.interop.cxf;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.ws.Action;
import jakarta.xml.ws.RequestWrapper;
import jakarta.xml.ws.ResponseWrapper;

/**
 * The DoubleIt port type of {@code shared/peer-captures/wsdl/}, written by hand (no wsdl2java):
 * document/literal wrapped, {@code DoubleIt(numberToDouble) -> doubledNumber}, with the WSDL's
 * WS-Addressing actions.
 */
@WebService(name = "DoubleItPortType", targetNamespace = DoubleIt.NS)
public interface DoubleItPortType {
  @WebMethod(operationName = "DoubleIt", action = DoubleIt.ACTION)
  @Action(input = DoubleIt.ACTION, output = DoubleIt.RESPONSE_ACTION)
  @RequestWrapper(
      localName = "DoubleIt",
      targetNamespace = DoubleIt.NS,
      className = "org.parley.interop.cxf.DoubleIt$Request")
  @ResponseWrapper(
      localName = "DoubleItResponse",
      targetNamespace = DoubleIt.NS,
      className = "org.parley.interop.cxf.DoubleIt$Response")
  @WebResult(name = "doubledNumber", targetNamespace = DoubleIt.NS)
  int doubleIt(
      @WebParam(name = "numberToDouble", targetNamespace = DoubleIt.NS) int numberToDouble);
}

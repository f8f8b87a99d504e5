package org.parley.interop.cxf;

import jakarta.jws.WebService;
import java.util.concurrent.atomic.AtomicInteger;

/** The CXF service implementation: doubles, and counts the calls that reached it. */
@WebService(
    serviceName = "DoubleItService",
    targetNamespace = DoubleIt.NS,
    endpointInterface = "org.parley.interop.cxf.DoubleItPortType")
public class DoubleItImpl implements DoubleItPortType {
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public int doubleIt(int numberToDouble) {
    calls.incrementAndGet();
    return Math.multiplyExact(numberToDouble, 2);
  }

  /** Application calls that passed CXF's security processing and reached the implementation. */
  public int calls() {
    return calls.get();
  }
}

package org.parley.interop.cxf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.EndpointImpl;

/**
 * Apache CXF hosting the DoubleIt service of one or more {@link Scenario}s on one free 127.0.0.1
 * port (Jetty, from cxf-rt-transports-http-jetty), each at {@link Scenario#path()}, with its own
 * {@link Bus} so that nothing is shared with a CXF client in the same JVM. The service reads its
 * WS-Policy from the scenario's WSDL, exactly as the peer captures were made.
 *
 * <p>Start-up is slow (seconds): start once per test class and share.
 */
public final class CxfService implements AutoCloseable {
  private final Bus bus;
  private final int port;
  private final Map<Scenario, DoubleItImpl> implementations = new EnumMap<>(Scenario.class);
  private final Map<Scenario, EndpointImpl> endpoints = new EnumMap<>(Scenario.class);

  private final CxfSecurity.Keys keys;

  private CxfService(Bus bus, int port, CxfSecurity.Keys keys) {
    this.bus = bus;
    this.port = port;
    this.keys = keys;
  }

  /** Publishes every scenario in {@code scenarios} on one new loopback port (capture keys). */
  public static CxfService start(Scenario... scenarios) throws IOException {
    return start(CxfSecurity.Keys.capturesService(), scenarios);
  }

  /** Publishes every scenario in {@code scenarios} on one new loopback port with {@code keys}. */
  public static CxfService start(CxfSecurity.Keys keys, Scenario... scenarios) throws IOException {
    Bus bus = BusFactory.newInstance().createBus();
    CxfService service = new CxfService(bus, freeLoopbackPort(), keys);
    try {
      for (Scenario s : scenarios) {
        service.publish(s);
      }
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    return service;
  }

  private void publish(Scenario s) {
    DoubleItImpl impl = new DoubleItImpl();
    EndpointImpl ep = new EndpointImpl(bus, impl);
    ep.setWsdlLocation(s.wsdlUrl().toString());
    ep.setServiceName(DoubleIt.SERVICE);
    ep.setEndpointName(s.portName());
    if (s.secured()) {
      ep.setProperties(CxfSecurity.service(keys));
    }
    ep.publish(address(s).toString());
    endpoints.put(s, ep);
    implementations.put(s, impl);
  }

  /** Where {@code scenario} is served (the service itself, not a tap). */
  public URI address(Scenario scenario) {
    return URI.create("http://127.0.0.1:" + port + scenario.path());
  }

  /** The base URI of the service port, for a {@link WireTap} in front of it. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** The implementation behind {@code scenario}: counts calls that passed CXF's security. */
  public DoubleItImpl implementation(Scenario scenario) {
    DoubleItImpl impl = implementations.get(scenario);
    if (impl == null) {
      throw new IllegalArgumentException(scenario + " is not published");
    }
    return impl;
  }

  @Override
  public void close() {
    for (EndpointImpl ep : endpoints.values()) {
      ep.stop();
    }
    bus.shutdown(true);
  }

  static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

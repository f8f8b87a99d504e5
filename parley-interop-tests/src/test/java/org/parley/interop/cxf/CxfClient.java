package org.parley.interop.cxf;

import jakarta.xml.ws.BindingProvider;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Endpoint;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.tokenstore.SecurityToken;
import org.apache.cxf.ws.security.tokenstore.TokenStore;

/**
 * An Apache CXF JAX-WS client for one {@link Scenario}: the WS-Policy comes from the scenario's
 * WSDL, the keys from {@link CxfSecurity#client}, and requests go to {@code address} (a service or
 * a {@link WireTap} in front of one). Under secure conversation the first call establishes the
 * context (RST/SCT).
 *
 * <p>Cancellation: CXF 4.1.5 does <em>not</em> cancel a context when the client is closed. It
 * cancels only when a call is made with {@value #DO_CANCEL} set: after that call's response, its
 * client-side {@code SecureConversationCancelInterceptor} sends RST/Cancel (protected under the
 * bootstrap policy) and drops the token. {@link #doubleItThenCancel(int)} does exactly that. Own
 * {@link Bus}; not thread-safe.
 */
public final class CxfClient implements AutoCloseable {
  private final Bus bus;
  private final DoubleItPortType port;

  private CxfClient(Bus bus, DoubleItPortType port) {
    this.bus = bus;
    this.port = port;
  }

  /** A client with the peer-capture client keys. */
  public static CxfClient connect(Scenario scenario, URI address) {
    return connect(scenario, address, CxfSecurity.Keys.capturesClient());
  }

  /** A client with {@code keys} (its own key, the service certificate, the CA). */
  public static CxfClient connect(Scenario scenario, URI address, CxfSecurity.Keys keys) {
    Bus bus = BusFactory.newInstance().createBus();
    JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
    f.setBus(bus);
    f.setWsdlURL(scenario.wsdlUrl().toString());
    f.setServiceName(DoubleIt.SERVICE);
    f.setEndpointName(scenario.portName());
    f.setServiceClass(DoubleItPortType.class);
    f.setAddress(address.toString());
    if (scenario.secured()) {
      f.setProperties(CxfSecurity.client(keys));
    }
    return new CxfClient(bus, f.create(DoubleItPortType.class));
  }

  /** CXF's {@code SecurityConstants.STS_TOKEN_DO_CANCEL}. */
  public static final String DO_CANCEL = "security.sts.token.do.cancel";

  public int doubleIt(int n) {
    return port.doubleIt(n);
  }

  /**
   * Calls DoubleIt with CXF's cancel flag set: CXF sends an RST/Cancel for the current security
   * context after the response. CXF 4.1.5 then drops the token from its token store but keeps it on
   * the client endpoint, so the next call would still use the cancelled context: call {@link
   * #forgetContext()} first to have it establish a new one.
   */
  public int doubleItThenCancel(int n) {
    Map<String, Object> ctx = ((BindingProvider) port).getRequestContext();
    ctx.put(DO_CANCEL, Boolean.TRUE);
    try {
      return port.doubleIt(n);
    } finally {
      ctx.remove(DO_CANCEL);
    }
  }

  /** CXF's {@code SecurityConstants.TOKEN}: a token to use instead of issuing one. */
  private static final String TOKEN = "ws-security.token";

  /** CXF's {@code SecurityConstants.TOKEN_ID}, kept on the client endpoint after issue. */
  private static final String TOKEN_ID = "ws-security.token.id";

  /**
   * The security context token CXF holds now (after the first call under secure conversation), as
   * CXF's own object, so that a test can make CXF use it again after it was cancelled.
   */
  public Optional<SecurityToken> currentContextToken() {
    Endpoint ep = ClientProxy.getClient(port).getEndpoint();
    Object id = ep.get(TOKEN_ID);
    Object store = ep.getEndpointInfo().getProperty(TokenStore.class.getName());
    if (!(id instanceof String tokenId) || !(store instanceof TokenStore tokens)) {
      return Optional.empty();
    }
    return Optional.ofNullable(tokens.getToken(tokenId));
  }

  /**
   * Calls DoubleIt protected with {@code token} (e.g. one that was cancelled meanwhile) instead of
   * the context CXF would otherwise use or issue.
   */
  public int doubleItUnder(SecurityToken token, int n) {
    Map<String, Object> ctx = ((BindingProvider) port).getRequestContext();
    ctx.put(TOKEN, token);
    try {
      return port.doubleIt(n);
    } finally {
      ctx.remove(TOKEN);
    }
  }

  /**
   * Makes CXF's copy of the current context token look expired, so that the next call renews it
   * (RST/Renew under the bootstrap policy) first. CXF renews only once its token has expired; this
   * gets the same wire exchange without waiting for a real lifetime to pass, which a loaded machine
   * would turn into a flaky test.
   */
  public void expireContextNow() {
    SecurityToken token =
        currentContextToken().orElseThrow(() -> new IllegalStateException("no context yet"));
    token.setExpires(Instant.now().minusSeconds(1));
  }

  /**
   * Drops the security context this client holds (CXF's {@code SecurityConstants.TOKEN} and {@code
   * TOKEN_ID} on the client endpoint), without cancelling it: the next call establishes a new
   * context (RST/SCT issue) before it is sent.
   */
  public void forgetContext() {
    Endpoint ep = ClientProxy.getClient(port).getEndpoint();
    ep.remove(TOKEN);
    ep.remove(TOKEN_ID);
  }

  /** The JAX-WS port, for tests that need CXF's own API. */
  public DoubleItPortType port() {
    return port;
  }

  /** Closes the CXF client and its bus (no cancel: see the class comment). */
  @Override
  public void close() throws IOException {
    try {
      ((Closeable) port).close();
    } finally {
      bus.shutdown(true);
    }
  }
}

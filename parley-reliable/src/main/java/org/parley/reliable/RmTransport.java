package org.parley.reliable;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapHttpClient;
import org.parley.wire.soap.SoapEnvelope;
import org.w3c.dom.Document;

/**
 * How an RM source sends one envelope: plain over HTTP, or protected inside a secure conversation.
 * Each call sends the envelope once; retransmission is the source's business.
 */
@FunctionalInterface
public interface RmTransport {
  /**
   * Sends {@code envelope} (the transport may protect it, which may change it) and returns the
   * response envelope, verified when the transport secures messages, or null for an empty 2xx.
   *
   * @throws IOException when nothing usable came back (refused, reset, timed out)
   * @throws ParleyFault the peer's SOAP fault ({@code SoapFaultException}) or a response that fails
   *     verification
   */
  Document exchange(Document envelope, String action) throws IOException, ParleyFault;

  /** Plain SOAP over HTTP to {@code address}. */
  static RmTransport http(SoapHttpClient client, URI address) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(address, "address");
    return (envelope, action) ->
        client.exchange(address, SoapEnvelope.of(envelope).version(), action, envelope);
  }
}

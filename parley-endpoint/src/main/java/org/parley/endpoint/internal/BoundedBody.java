package org.parley.endpoint.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;

/** Reads a body of at most a named number of bytes, refusing the first byte past it. */
public final class BoundedBody {
  private BoundedBody() {}

  /**
   * Reads all of {@code in}, holding no more than {@code max} bytes in memory.
   *
   * @param declaredLength the Content-Length, or -1 when the body is chunked
   * @param setting the name of the bound, for the message
   * @throws ParleyFault {@code Sender} when the body is (or is declared to be) longer than {@code
   *     max}
   */
  public static byte[] read(InputStream in, long declaredLength, long max, String setting)
      throws IOException, ParleyFault {
    if (declaredLength > max) {
      throw tooLong(declaredLength, max, setting);
    }
    int initial = (int) Math.min(declaredLength >= 0 ? declaredLength : 8192, max);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(initial, 16));
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
      if (total > max) {
        throw tooLong(-1, max, setting);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static ParleyFault tooLong(long declared, long max, String setting) {
    String what = declared >= 0 ? "a body of " + declared + " bytes" : "a longer body";
    return new ParleyFault(
        FaultCode.SOAP_SENDER, "refused " + what + ": over " + setting + "=" + max + " bytes");
  }
}

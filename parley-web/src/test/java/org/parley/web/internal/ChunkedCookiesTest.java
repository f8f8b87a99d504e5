package org.parley.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.parley.web.SessionEvent.Reason;

class ChunkedCookiesTest {
  private final ChunkedCookies chunks = new ChunkedCookies("parley.s", ChunkedCookies.MAX_CHUNKS);
  private static final int ATTRS = "; Path=/; Secure; HttpOnly; SameSite=Lax".length();

  private static String data(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(i % 64));
    }
    return b.toString();
  }

  private Map<Integer, String> indexed(List<String> values) {
    Map<Integer, String> m = new TreeMap<>();
    for (int i = 0; i < values.size(); i++) {
      m.put(i, values.get(i));
    }
    return m;
  }

  @Test
  void split_everySetCookieFitsTheLimit_andJoinRestoresTheData() throws Exception {
    for (int n : new int[] {0, 1, 100, 4000, 4001, 8000, 12345, 20000}) {
      String d = data(n);
      List<String> values = chunks.split(d, ATTRS, 4096).orElseThrow();
      for (int i = 0; i < values.size(); i++) {
        int setCookie = chunks.nameOf(i).length() + 1 + values.get(i).length() + ATTRS;
        assertThat(setCookie).as("n=" + n + " chunk " + i).isLessThanOrEqualTo(4096);
      }
      ChunkedCookies.Joined j = chunks.join(indexed(values));
      assertThat(j.data()).isEqualTo(d);
      assertThat(j.count()).isEqualTo(values.size());
    }
  }

  @Test
  void split_moreChunksThanAllowed_isEmpty() {
    ChunkedCookies two = new ChunkedCookies("c", 2);
    assertThat(two.split(data(9000), ATTRS, 4096)).isEmpty();
  }

  @Test
  void indexOf_acceptsOnlyThisSetsNames() {
    assertThat(chunks.indexOf("parley.s")).isZero();
    assertThat(chunks.indexOf("parley.s.1")).isEqualTo(1);
    assertThat(chunks.indexOf("parley.s.63")).isEqualTo(63);
    assertThat(chunks.indexOf("parley.s.64")).isEqualTo(-1);
    assertThat(chunks.indexOf("parley.s.01")).isEqualTo(-1);
    assertThat(chunks.indexOf("parley.s.0")).isEqualTo(-1);
    assertThat(chunks.indexOf("parley.sx")).isEqualTo(-1);
    assertThat(chunks.indexOf("parley.s.")).isEqualTo(-1);
    assertThat(chunks.indexOf("parley.s.1a")).isEqualTo(-1);
    assertThat(chunks.indexOf("other")).isEqualTo(-1);
  }

  @Test
  void join_detectsEachBrokenSet() throws Exception {
    List<String> a = chunks.split(data(9000), ATTRS, 4096).orElseThrow();
    List<String> b = chunks.split(data(9000), ATTRS, 4096).orElseThrow();
    assertThat(a).hasSize(3);

    Map<Integer, String> mixed = indexed(a);
    mixed.put(2, b.get(2));
    assertReason(mixed, Reason.MIXED_GENERATION);

    Map<Integer, String> partial = indexed(a);
    partial.remove(1);
    assertReason(partial, Reason.PARTIAL_CHUNK_SET);

    Map<Integer, String> noFirst = indexed(a);
    noFirst.remove(0);
    assertReason(noFirst, Reason.PARTIAL_CHUNK_SET);

    Map<Integer, String> truncated = indexed(a);
    truncated.put(2, a.get(2).substring(0, a.get(2).length() - 1));
    assertReason(truncated, Reason.TRUNCATED);

    Map<Integer, String> longer = indexed(a);
    longer.put(2, a.get(2) + "A");
    assertReason(longer, Reason.MALFORMED);

    Map<Integer, String> badChar = indexed(a);
    badChar.put(1, a.get(1).substring(0, 20) + "=" + a.get(1).substring(21));
    assertReason(badChar, Reason.MALFORMED);

    assertReason(Map.of(0, "x.1.0."), Reason.MALFORMED);
    assertReason(Map.of(0, "AAAAAAAA.65.0."), Reason.MALFORMED);
    assertReason(Map.of(0, "AAAAAAAA.01.0."), Reason.MALFORMED);
    assertReason(Map.of(0, "AAAAAAAA.1.99999999."), Reason.MALFORMED);

    // chunks past the announced count are ignored (the caller deletes them as stale)
    Map<Integer, String> extra = indexed(a);
    extra.put(3, b.get(1));
    assertThat(chunks.join(extra).data()).isEqualTo(data(9000));
  }

  @Test
  void decode_refusesNonBase64AndImpossibleLengths() {
    assertThatThrownBy(() -> ChunkedCookies.decode("AAAAA"))
        .isInstanceOf(Rejected.class)
        .extracting(e -> ((Rejected) e).reason())
        .isEqualTo(Reason.TRUNCATED);
    assertThatThrownBy(() -> ChunkedCookies.decode("AA+A"))
        .extracting(e -> ((Rejected) e).reason())
        .isEqualTo(Reason.MALFORMED);
  }

  private void assertReason(Map<Integer, String> set, Reason reason) {
    assertThatThrownBy(() -> chunks.join(set))
        .isInstanceOf(Rejected.class)
        .extracting(e -> ((Rejected) e).reason())
        .isEqualTo(reason);
  }
}

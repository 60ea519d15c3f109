package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statements the dialect builds; how backends run them is in {@link DatabaseContractTest}. */
class DialectTest {

  @Test
  void anUpsertNamesKeysThenOtherColumns() {
    assertThat(Dialect.upsert("t", List.of("a", "b"), List.of("c", "d")))
        .isEqualTo(
            "INSERT INTO t (a, b, c, d) VALUES (?, ?, ?, ?) ON CONFLICT (a, b)"
                + " DO UPDATE SET c = excluded.c, d = excluded.d");
    assertThatThrownBy(() -> Dialect.upsert("t", List.of("a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sqliteKeysNeverReuseAndRowidIsItsInsertionOrder() {
    assertThat(Dialect.sqlite().identityKey()).isEqualTo("INTEGER PRIMARY KEY AUTOINCREMENT");
    assertThat(Dialect.sqlite().insertionOrder()).isEqualTo("rowid");
  }
}

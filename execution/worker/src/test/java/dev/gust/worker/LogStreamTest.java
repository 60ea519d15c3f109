package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamTest {

  @TempDir Path root;

  @Test
  void durationsHaveTwoDecimalsRoundedHalfUp() {
    assertThat(LogStream.twoDecimals(Duration.ZERO)).isEqualTo("0.00");
    assertThat(LogStream.twoDecimals(Duration.ofNanos(4_999))).isEqualTo("0.00");
    assertThat(LogStream.twoDecimals(Duration.ofNanos(5_000))).isEqualTo("0.01");
    assertThat(LogStream.twoDecimals(Duration.ofNanos(1_500_000))).isEqualTo("1.50");
    assertThat(LogStream.twoDecimals(Duration.ofNanos(575_795_000))).isEqualTo("575.80");
    assertThat(LogStream.twoDecimals(Duration.ofSeconds(900))).isEqualTo("900000.00");
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long micros = random.nextInt(1_000_000_000);
      String formatted =
          new BigDecimal(micros).movePointLeft(3).setScale(2, RoundingMode.HALF_UP).toPlainString();
      assertThat(LogStream.twoDecimals(Duration.ofNanos(micros * 1000))).isEqualTo(formatted);
    }
  }

  @Test
  void theReportOfAColdStartGivesEveryFigure() {
    try (LogStream log = LogStream.open(root, "/aws/lambda/f", "2026/01/01/[$LATEST]abc")) {
      log.start("r-1", "$LATEST");
      log.line("hello");
      String part =
          log.end(
              "r-1",
              Duration.ofNanos(1_234_567),
              128,
              OptionalLong.of(40L << 20),
              Optional.of(Duration.ofMillis(80).plusNanos(5_000)),
              false);

      assertThat(part)
          .isEqualTo(
              "START RequestId: r-1 Version: $LATEST\n"
                  + "hello\n"
                  + "END RequestId: r-1\n"
                  + "REPORT RequestId: r-1\tDuration: 1.23 ms\tBilled Duration: 2 ms\t"
                  + "Memory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 80.01 ms\t\n");
    }
  }
}

package dev.gust.registry;

/**
 * Account-level limits: the regional concurrency limit (1,000 by default, as on AWS) and the share
 * of it that reserved concurrency may never take (100).
 */
public record Limits(int accountConcurrency, int minimumUnreserved) {

  public static final long TOTAL_CODE_SIZE = 80_530_636_800L;

  public Limits {
    if (minimumUnreserved < 0 || accountConcurrency < minimumUnreserved) {
      throw new IllegalArgumentException(
          "account concurrency "
              + accountConcurrency
              + " below minimum unreserved "
              + minimumUnreserved);
    }
  }

  public static Limits defaults() {
    return new Limits(1000, 100);
  }
}

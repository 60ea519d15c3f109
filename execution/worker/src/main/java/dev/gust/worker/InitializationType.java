package dev.gust.worker;

/**
 * Why an environment was started, as the runtime sees it in {@code AWS_LAMBDA_INITIALIZATION_TYPE}.
 */
public enum InitializationType {
  ON_DEMAND("on-demand"),
  PROVISIONED_CONCURRENCY("provisioned-concurrency");

  private final String value;

  InitializationType(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}

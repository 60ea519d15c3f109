package dev.gust.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnershipTest {

  @Test
  void aSingleNodeOwnsEveryKeyOfEveryKind() {
    Ownership ownership = Ownership.everything();

    for (Ownership.Kind kind : Ownership.Kind.values()) {
      assertThat(ownership.owns(kind, "arn:aws:sqs:us-east-1:000000000000:q")).isTrue();
      assertThat(ownership.owns(kind, "")).isTrue();
    }
  }
}

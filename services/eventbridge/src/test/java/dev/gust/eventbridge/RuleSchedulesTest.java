package dev.gust.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Rule timers are armed, fired and re-armed only for the rules this node owns. */
class RuleSchedulesTest {

  static final Scope SCOPE = Scope.defaultScope();
  static final String MINE = "arn:aws:events:us-east-1:000000000000:rule/mine";
  static final String THEIRS = "arn:aws:events:us-east-1:000000000000:rule/orders/theirs";

  final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  final List<String> fired = new ArrayList<>();
  final Set<String> owned = ConcurrentHashMap.newKeySet();
  final Set<String> asked = ConcurrentHashMap.newKeySet();

  /** This node owns the rules whose ARNs are in {@link #owned}. */
  final Ownership ownership =
      (kind, key) -> {
        assertThat(kind).isEqualTo(Ownership.Kind.RULE);
        asked.add(key);
        return owned.contains(key);
      };

  final RuleSchedules schedules =
      new RuleSchedules(clock, ownership, (key, time) -> fired.add(key.rule() + "@" + time));

  static BusRule everyMinute(String bus, String name) {
    return new BusRule(
        bus,
        name,
        Optional.empty(),
        Optional.of("rate(1 minute)"),
        BusRule.State.ENABLED,
        Optional.empty(),
        Optional.empty(),
        clockStart());
  }

  static long clockStart() {
    return FakeClock.at("2026-01-01T00:00:00Z").millis();
  }

  @Test
  void aRuleThisNodeDoesNotOwnIsNotArmed() {
    owned.add(MINE);

    schedules.update(SCOPE, everyMinute("default", "mine"));
    schedules.update(SCOPE, everyMinute("orders", "theirs"));
    clock.advance(Duration.ofMinutes(2));

    assertThat(fired).containsExactly("mine@2026-01-01T00:01:00Z", "mine@2026-01-01T00:02:00Z");
    assertThat(clock.pendingTasks()).isEqualTo(1);
    assertThat(asked).containsExactlyInAnyOrder(MINE, THEIRS);
  }

  @Test
  void aRuleNoLongerOwnedStopsFiringAtItsNextTimer() {
    owned.add(MINE);
    schedules.update(SCOPE, everyMinute("default", "mine"));
    clock.advance(Duration.ofMinutes(1));

    owned.remove(MINE);
    clock.advance(Duration.ofMinutes(3));

    assertThat(fired).containsExactly("mine@2026-01-01T00:01:00Z");
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void aSingleNodeArmsEveryRule() {
    RuleSchedules all =
        new RuleSchedules(
            clock, Ownership.everything(), (key, time) -> fired.add(key.rule() + "@" + time));

    all.update(SCOPE, everyMinute("default", "mine"));
    all.update(SCOPE, everyMinute("orders", "theirs"));
    clock.advance(Duration.ofMinutes(1));

    assertThat(fired)
        .containsExactlyInAnyOrder("mine@2026-01-01T00:01:00Z", "theirs@2026-01-01T00:01:00Z");
    all.close();
  }
}

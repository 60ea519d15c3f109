package dev.gust.eventbridge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.AwsException;
import dev.gust.eventbridge.EventBridgeModel.Command;
import dev.gust.testkit.Coverage;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * EventBridge's declared wire: every AWS operation is either served or declared as not served yet,
 * and the model's constraints answer with AWS's validation messages before the engine runs.
 */
class EventBridgeModelTest {

  private static Command decode(String operation, String body) {
    return EventBridgeModel.MODEL.decodeJson(operation, body.getBytes(UTF_8));
  }

  private static String refusal(String operation, String body, String code) {
    try {
      decode(operation, body);
    } catch (AwsException e) {
      assertThat(e.type().code()).isEqualTo(code);
      return e.getMessage();
    }
    throw new AssertionError(operation + " accepted " + body);
  }

  @Test
  void everyAwsOperationIsServedOrDeclaredNotServedYet() {
    Set<String> aws = Coverage.awsOperations(EventBridgeClient.class);
    Set<String> declared = new TreeSet<>(EventBridgeModel.MODEL.served());
    declared.addAll(EventBridgeModel.MODEL.unsupported());

    assertThat(declared).isEqualTo(aws);
    assertThat(EventBridgeModel.MODEL.served())
        .hasSize(19)
        .doesNotContainAnyElementsOf(EventBridgeModel.MODEL.unsupported());
    assertThat(EventBridgeModel.MODEL.unsupported()).hasSize(38);
  }

  @Test
  void operationsNotServedDecodeToUnsupportedAndOthersAreUnknown() {
    assertThat(decode("CreateArchive", "{}"))
        .isEqualTo(new EventBridgeModel.Unsupported("CreateArchive"));
    assertThat(refusal("Nope", "{}", "UnknownOperationException"))
        .isEqualTo("Gust does not implement AWSEvents.Nope");
  }

  @Test
  void namesAndStatesBreakingTheModelAreListedAsAwsWordsThem() {
    assertThat(
            refusal(
                "PutRule",
                "{\"Name\":\"bad name\",\"State\":\"PAUSED\",\"EventBusName\":\"a:b\"}",
                "ValidationException"))
        .isEqualTo(
            "3 validation errors detected: Value 'bad name' at 'name' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern:"
                + " [\\.\\-_A-Za-z0-9]+; Value 'PAUSED' at 'state' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [ENABLED, DISABLED,"
                + " ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]; Value 'a:b' at 'eventBusName'"
                + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " (arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?"
                + "[/\\.\\-_A-Za-z0-9]+");
    assertThat(refusal("ListRules", "{\"Limit\":0}", "ValidationException"))
        .isEqualTo(
            "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                + " Member must have value greater than or equal to 1");
    assertThat(
            refusal(
                "PutRule",
                "{\"Name\":\"r\",\"ScheduleExpression\":\"%s\"}".formatted("x".repeat(257)),
                "ValidationException"))
        .endsWith(
            "at 'scheduleExpression' failed to satisfy constraint: Member must have length less"
                + " than or equal to 256");
  }

  @Test
  void busNamesMayBeArnsWhereAwsTakesThem() {
    Command describe =
        decode(
            "DescribeRule",
            "{\"Name\":\"r\",\"EventBusName\":"
                + "\"arn:aws:events:us-east-1:000000000000:event-bus/orders\"}");

    assertThat(describe)
        .isEqualTo(
            new EventBridgeModel.DescribeRule(
                "r",
                java.util.Optional.of("arn:aws:events:us-east-1:000000000000:event-bus/orders")));
    assertThat(refusal("DeleteEventBus", "{\"Name\":\"a:b\"}", "ValidationException"))
        .contains("at 'name' failed to satisfy constraint: Member must satisfy regular expression");
    assertThat(
            refusal(
                "PutEvents",
                "{\"Entries\":[{\"Source\":\"a\",\"EventBusName\":\"aws.partner/x\"}]}",
                "ValidationException"))
        .contains("Value 'aws.partner/x' at 'entries.")
        .contains("eventBusName' failed to satisfy constraint");
  }

  @Test
  void requiredListsAndCountsOfEntriesAndTargets() {
    assertThat(refusal("PutTargets", "{\"Rule\":\"r\"}", "ValidationException"))
        .isEqualTo(
            "1 validation error detected: Value null at 'targets' failed to satisfy constraint:"
                + " Member must not be null");
    assertThat(refusal("PutEvents", "{\"Entries\":[]}", "ValidationException"))
        .isEqualTo(
            "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint:"
                + " Member must have length greater than or equal to 1");
    String eleven = ",{\"Source\":\"a\"}".repeat(11).substring(1);
    assertThat(refusal("PutEvents", "{\"Entries\":[" + eleven + "]}", "ValidationException"))
        .startsWith("1 validation error detected: Value '")
        .endsWith(
            "' at 'entries' failed to satisfy constraint: Member must have length less than or"
                + " equal to 10");
    String hundredAndOne = ",{\"Id\":\"t\",\"Arn\":\"a\"}".repeat(101).substring(1);
    assertThat(
            refusal(
                "PutTargets",
                "{\"Rule\":\"r\",\"Targets\":[" + hundredAndOne + "]}",
                "ValidationException"))
        .endsWith("Member must have length less than or equal to 100");
  }

  @Test
  void targetMembersAreCheckedInsideTheList() {
    assertThat(
            refusal(
                "PutTargets",
                "{\"Rule\":\"r\",\"Targets\":[{\"Id\":\"t\",\"Arn\":\"a\","
                    + "\"RetryPolicy\":{\"MaximumRetryAttempts\":186,"
                    + "\"MaximumEventAgeInSeconds\":59}}]}",
                "ValidationException"))
        .startsWith("2 validation errors detected: Value '186' at 'targets.")
        .contains("Member must have value less than or equal to 185")
        .endsWith("Member must have value greater than or equal to 60");
  }

  @Test
  void membersOfTheWrongTypeAreSerializationErrors() {
    assertThat(refusal("DescribeRule", "{\"Name\":5}", "SerializationException")).contains("Name");
    refusal("PutEvents", "not json", "SerializationException");
  }
}

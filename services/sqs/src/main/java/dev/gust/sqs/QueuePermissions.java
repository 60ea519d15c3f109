package dev.gust.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.sqs.QueueStore.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Grants made with AddPermission. Gust stores them and shows them as statements of the queue's
 * {@code Policy} attribute, as AWS does, but does not enforce them: every caller may use every
 * queue.
 */
final class QueuePermissions {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueuePermissions() {}

  /** Validates an AddPermission request against the queue's current grants. */
  static Permission check(
      String label, List<String> accounts, List<String> actions, Map<String, Permission> current) {
    if (!LABEL.matcher(label).matches()) {
      throw SqsErrors.invalidParameter(
          "Label",
          label,
          "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    if (accounts.isEmpty()) {
      throw SqsErrors.missing("AWSAccountIds");
    }
    if (actions.isEmpty()) {
      throw SqsErrors.missing("Actions");
    }
    if (current.containsKey(label)) {
      throw SqsErrors.invalidParameter("Label", label, "Already exists.");
    }
    return new Permission(List.copyOf(accounts), List.copyOf(actions));
  }

  /** The policy document the grants amount to, as GetQueueAttributes shows it. */
  static String policy(String queueArn, Map<String, Permission> permissions) {
    List<Map<String, Object>> statements = new ArrayList<>();
    permissions.forEach(
        (label, permission) -> {
          Map<String, Object> statement = new LinkedHashMap<>();
          statement.put("Sid", label);
          statement.put("Effect", "Allow");
          statement.put(
              "Principal",
              Map.of(
                  "AWS",
                  permission.accounts().stream().map(a -> "arn:aws:iam::" + a + ":root").toList()));
          statement.put(
              "Action",
              permission.actions().stream()
                  .map(a -> a.startsWith("SQS:") ? a : "SQS:" + a)
                  .toList());
          statement.put("Resource", queueArn);
          statements.add(statement);
        });
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Id", queueArn + "/SQSDefaultPolicy");
    policy.put("Statement", statements);
    try {
      return JSON.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the policy of " + queueArn, e);
    }
  }
}

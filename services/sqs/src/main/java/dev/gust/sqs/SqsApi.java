package dev.gust.sqs;

import dev.gust.core.AwsException;
import dev.gust.core.Scope;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Json;
import dev.gust.wire.Route;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SQS API on the JSON 1.0 protocol: one route for {@code X-Amz-Target: AmazonSQS.<Operation>}.
 * This class serves the queue-level operations and hands message operations to {@link
 * SqsMessaging}; every {@link AwsException} becomes SQS's error reply ({@link SqsErrors#reply}).
 */
final class SqsApi {

  /** Requests up to 8 MiB: a batch of ten messages of the largest size, JSON-escaped. */
  static final long MAX_REQUEST = 8L * 1024 * 1024;

  private static final Set<String> MOVE_TASKS =
      Set.of("StartMessageMoveTask", "CancelMessageMoveTask", "ListMessageMoveTasks");

  private final Queues queues;
  private final SqsMessaging messaging;

  SqsApi(Queues queues) {
    this.queues = queues;
    this.messaging = new SqsMessaging();
  }

  List<Route> routes() {
    return List.of(new Route.Target("SQS", "AmazonSQS", MAX_REQUEST, this::handle));
  }

  HttpResponse handle(String operation, Route.Call call) {
    try {
      SqsRequest request = SqsRequest.parse(call.request().body());
      Scope scope = call.context().scope();
      String sender = call.context().accessKeyId().orElse(scope.account());
      Map<String, Object> result = execute(operation, request, scope, sender);
      return HttpResponse.of(200, "application/x-amz-json-1.0", Json.pascalCase().write(result));
    } catch (AwsException e) {
      return SqsErrors.reply(e);
    }
  }

  private Map<String, Object> execute(
      String operation, SqsRequest request, Scope scope, String sender) {
    if (operation.equals("CreateQueue")) {
      return createQueue(request, scope);
    }
    if (operation.equals("GetQueueUrl")) {
      return getQueueUrl(request, scope);
    }
    if (operation.equals("ListQueues")) {
      return listQueues(request, scope);
    }
    if (MOVE_TASKS.contains(operation)) {
      throw SqsErrors.UNSUPPORTED_OPERATION.exception(
          "Gust does not support message move tasks (%s).", operation);
    }
    if (!OPERATIONS_ON_A_QUEUE.contains(operation)) {
      throw SqsErrors.INVALID_ACTION.exception(
          "The action %s is not valid for this endpoint.", operation);
    }
    Queue queue = queues.byUrl(scope, request.required("QueueUrl"));
    return switch (operation) {
      case "DeleteQueue" -> {
        queues.delete(queue);
        yield Map.of();
      }
      case "GetQueueAttributes" -> getAttributes(queue, request);
      case "SetQueueAttributes" -> setAttributes(queue, request, scope);
      case "PurgeQueue" -> {
        queue.purge();
        yield Map.of();
      }
      case "TagQueue" -> tag(queue, request);
      case "UntagQueue" -> untag(queue, request);
      case "ListQueueTags" -> {
        Map<String, String> tags = queue.settings().tags();
        yield tags.isEmpty() ? Map.of() : Map.of("Tags", new TreeMap<>(tags));
      }
      case "AddPermission" -> addPermission(queue, request);
      case "RemovePermission" -> removePermission(queue, request);
      case "ListDeadLetterSourceQueues" -> deadLetterSources(queue, request);
      default -> messaging.execute(operation, queue, request, sender);
    };
  }

  private static final Set<String> OPERATIONS_ON_A_QUEUE =
      Set.of(
          "DeleteQueue",
          "GetQueueAttributes",
          "SetQueueAttributes",
          "PurgeQueue",
          "TagQueue",
          "UntagQueue",
          "ListQueueTags",
          "AddPermission",
          "RemovePermission",
          "ListDeadLetterSourceQueues",
          "SendMessage",
          "SendMessageBatch",
          "ReceiveMessage",
          "DeleteMessage",
          "DeleteMessageBatch",
          "ChangeMessageVisibility",
          "ChangeMessageVisibilityBatch");

  private Map<String, Object> createQueue(SqsRequest request, Scope scope) {
    String name = request.required("QueueName");
    Queue queue =
        queues.create(scope, name, request.stringMap("Attributes"), request.stringMap("tags"));
    return Map.of("QueueUrl", queues.url(queue));
  }

  private Map<String, Object> getQueueUrl(SqsRequest request, Scope scope) {
    String name = request.required("QueueName");
    Scope owner =
        request
            .string("QueueOwnerAWSAccountId")
            .map(account -> new Scope(account, scope.region()))
            .orElse(scope);
    Queue queue = queues.find(owner, name).orElseThrow(SqsErrors::queueDoesNotExist);
    return Map.of("QueueUrl", queues.url(queue));
  }

  private Map<String, Object> listQueues(SqsRequest request, Scope scope) {
    String prefix = request.string("QueueNamePrefix").orElse("");
    OptionalInt maxResults = request.integer("MaxResults");
    List<Queue> all = queues.list(scope, prefix);
    Optional<String> after = request.string("NextToken").map(SqsApi::decodeToken);
    List<String> names = all.stream().map(q -> q.name).toList();
    return page("QueueUrls", all.stream().map(queues::url).toList(), names, after, maxResults);
  }

  private Map<String, Object> deadLetterSources(Queue queue, SqsRequest request) {
    List<Queue> sources = queues.sourcesOf(queue);
    return page(
        "queueUrls",
        sources.stream().map(queues::url).toList(),
        sources.stream().map(q -> q.name).toList(),
        request.string("NextToken").map(SqsApi::decodeToken),
        request.integer("MaxResults"));
  }

  /** One page of a name-ordered listing; {@code NextToken} only when MaxResults was given. */
  private static Map<String, Object> page(
      String member,
      List<String> urls,
      List<String> names,
      Optional<String> after,
      OptionalInt maxResults) {
    if (maxResults.isPresent() && (maxResults.getAsInt() < 1 || maxResults.getAsInt() > 1000)) {
      throw SqsErrors.invalidParameter(
          "MaxResults", maxResults.getAsInt(), "MaxResults must be an integer between 1 and 1000.");
    }
    if (after.isPresent() && maxResults.isEmpty()) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "MaxResults is a mandatory parameter when you provide a value for NextToken.");
    }
    int limit = maxResults.orElse(1000);
    int start = 0;
    if (after.isPresent()) {
      while (start < names.size() && names.get(start).compareTo(after.get()) <= 0) {
        start++;
      }
    }
    int end = Math.min(names.size(), start + limit);
    Map<String, Object> result = new LinkedHashMap<>();
    if (end > start) {
      result.put(member, urls.subList(start, end));
    }
    if (maxResults.isPresent() && end < names.size()) {
      result.put("NextToken", encodeToken(names.get(end - 1)));
    }
    return result;
  }

  private static String encodeToken(String name) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("gust-queues:" + name).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("gust-queues:")) {
        return text.substring("gust-queues:".length());
      }
    } catch (IllegalArgumentException e) {
      // Reported below.
    }
    throw SqsErrors.invalidParameter("NextToken", token, "Invalid NextToken value.");
  }

  private Map<String, Object> getAttributes(Queue queue, SqsRequest request) {
    List<String> names = request.strings("AttributeNames");
    for (String name : names) {
      if (!name.equals("All") && !QueueAttributes.known(name)) {
        throw SqsErrors.INVALID_ATTRIBUTE_NAME.exception("Unknown Attribute %s.", name);
      }
    }
    boolean all = names.contains("All");
    Map<String, String> values = new TreeMap<>();
    QueueAttributes attributes = queue.attributes();
    Queue.Counts counts = queue.counts();
    Map<String, String> available = new TreeMap<>(attributes.effective());
    available.put("QueueArn", queue.arn);
    available.put("ApproximateNumberOfMessages", String.valueOf(counts.visible()));
    available.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(counts.inFlight()));
    available.put("ApproximateNumberOfMessagesDelayed", String.valueOf(counts.delayed()));
    QueueSettings settings = queue.settings();
    available.put("CreatedTimestamp", String.valueOf(settings.created() / 1000));
    available.put("LastModifiedTimestamp", String.valueOf(settings.modified() / 1000));
    if (!available.containsKey("Policy") && !settings.permissions().isEmpty()) {
      available.put("Policy", QueuePermissions.policy(queue.arn, settings.permissions()));
    }
    for (Map.Entry<String, String> entry : available.entrySet()) {
      if (all || names.contains(entry.getKey())) {
        values.put(entry.getKey(), entry.getValue());
      }
    }
    return values.isEmpty() ? Map.of() : Map.of("Attributes", values);
  }

  private Map<String, Object> setAttributes(Queue queue, SqsRequest request, Scope scope) {
    Map<String, String> changes = request.stringMap("Attributes");
    queue.update(
        settings -> {
          QueueAttributes next = settings.attributes().with(changes);
          queues.checkRedrive(scope, next);
          return settings.withAttributes(next);
        });
    return Map.of();
  }

  private Map<String, Object> tag(Queue queue, SqsRequest request) {
    Map<String, String> tags = request.stringMap("Tags");
    queue.update(
        settings -> {
          QueueTags.check(tags, settings.tags());
          Map<String, String> next = new TreeMap<>(settings.tags());
          next.putAll(tags);
          return settings.withTags(next);
        });
    return Map.of();
  }

  private Map<String, Object> untag(Queue queue, SqsRequest request) {
    List<String> keys = request.strings("TagKeys");
    queue.update(
        settings -> {
          Map<String, String> next = new TreeMap<>(settings.tags());
          keys.forEach(next::remove);
          return settings.withTags(next);
        });
    return Map.of();
  }

  private Map<String, Object> addPermission(Queue queue, SqsRequest request) {
    String label = request.required("Label");
    List<String> accounts = request.strings("AWSAccountIds");
    List<String> actions = request.strings("Actions");
    queue.update(
        settings -> {
          Map<String, QueueStore.Permission> next = new LinkedHashMap<>(settings.permissions());
          next.put(label, QueuePermissions.check(label, accounts, actions, next));
          return settings.withPermissions(next);
        });
    return Map.of();
  }

  private Map<String, Object> removePermission(Queue queue, SqsRequest request) {
    String label = request.required("Label");
    queue.update(
        settings -> {
          Map<String, QueueStore.Permission> next = new LinkedHashMap<>(settings.permissions());
          if (next.remove(label) == null) {
            throw SqsErrors.invalidParameter(
                "Label", label, "can't find label on existing policy.");
          }
          return settings.withPermissions(next);
        });
    return Map.of();
  }
}

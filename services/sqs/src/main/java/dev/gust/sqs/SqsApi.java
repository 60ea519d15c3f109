package dev.gust.sqs;

import dev.gust.core.Scope;
import dev.gust.sqs.SqsModel.Command;
import dev.gust.sqs.SqsReplyModel.CreateQueueResult;
import dev.gust.sqs.SqsReplyModel.GetQueueAttributesResult;
import dev.gust.sqs.SqsReplyModel.GetQueueUrlResult;
import dev.gust.sqs.SqsReplyModel.ListDeadLetterSourceQueuesResult;
import dev.gust.sqs.SqsReplyModel.ListQueueTagsResult;
import dev.gust.sqs.SqsReplyModel.ListQueuesResult;
import dev.gust.wire.Empty;
import dev.gust.wire.QueryParams;
import dev.gust.wire.RequestContext;
import dev.gust.wire.Route;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SQS API: {@link SqsModel}'s commands served by the queues, on the JSON protocol and the query
 * protocol alike. This class serves the queue-level operations and hands message operations to
 * {@link SqsMessageApi}; every {@code AwsException} becomes SQS's error reply through the model.
 */
final class SqsApi {

  private final Queues queues;

  SqsApi(Queues queues) {
    this.queues = queues;
  }

  /**
   * The routes of both protocols. Older query clients post to the queue's own URL and leave {@code
   * QueueUrl} out of the form: the path they posted to names the queue.
   */
  List<Route> routes() {
    return SqsModel.MODEL.routes(this::handle).stream().map(SqsApi::queueUrlFromPath).toList();
  }

  private static Route queueUrlFromPath(Route route) {
    if (!(route instanceof Route.Query query)) {
      return route;
    }
    return new Route.Query(
        query.service(),
        query.operation(),
        query.xmlNamespace(),
        query.maxBodyBytes(),
        (params, call) -> {
          String path = call.request().rawPath();
          if (path.equals("/") || params.get("QueueUrl").isPresent()) {
            return query.handler().handle(params, call);
          }
          Map<String, String> named = new LinkedHashMap<>(params.asMap());
          named.put("QueueUrl", call.context().baseUrl() + path);
          return query.handler().handle(QueryParams.of(named), call);
        });
  }

  Object handle(Command command, RequestContext context) {
    Scope scope = context.scope();
    return switch (command) {
      case Command.CreateQueue create ->
          new CreateQueueResult(
              queues.url(
                  queues.create(scope, create.queueName(), create.attributes(), create.tags())));
      case Command.GetQueueUrl get -> getQueueUrl(get, scope);
      case Command.ListQueues list -> listQueues(list, scope);
      case Command.DeleteQueue delete -> {
        queues.delete(queue(scope, delete.queueUrl()));
        yield Empty.INSTANCE;
      }
      case Command.GetQueueAttributes get -> getAttributes(queue(scope, get.queueUrl()), get);
      case Command.SetQueueAttributes set -> {
        setAttributes(queue(scope, set.queueUrl()), set.attributes(), scope);
        yield Empty.INSTANCE;
      }
      case Command.PurgeQueue purge -> {
        queue(scope, purge.queueUrl()).purge();
        yield Empty.INSTANCE;
      }
      case Command.TagQueue tag -> {
        tag(queue(scope, tag.queueUrl()), tag.tags());
        yield Empty.INSTANCE;
      }
      case Command.UntagQueue untag -> {
        untag(queue(scope, untag.queueUrl()), untag.tagKeys());
        yield Empty.INSTANCE;
      }
      case Command.ListQueueTags list ->
          new ListQueueTagsResult(new TreeMap<>(queue(scope, list.queueUrl()).settings().tags()));
      case Command.AddPermission add -> {
        addPermission(queue(scope, add.queueUrl()), add);
        yield Empty.INSTANCE;
      }
      case Command.RemovePermission remove -> {
        removePermission(queue(scope, remove.queueUrl()), remove.label());
        yield Empty.INSTANCE;
      }
      case Command.ListDeadLetterSourceQueues list ->
          deadLetterSources(queue(scope, list.queueUrl()), list);
      case Command.SendMessage send ->
          SqsMessageApi.send(queue(scope, send.queueUrl()), send, sender(context));
      case Command.SendMessageBatch batch ->
          SqsMessageApi.sendBatch(queue(scope, batch.queueUrl()), batch, sender(context));
      case Command.ReceiveMessage receive ->
          SqsMessageApi.receive(queue(scope, receive.queueUrl()), receive);
      case Command.DeleteMessage delete ->
          SqsMessageApi.delete(queue(scope, delete.queueUrl()), delete);
      case Command.DeleteMessageBatch batch ->
          SqsMessageApi.deleteBatch(queue(scope, batch.queueUrl()), batch);
      case Command.ChangeMessageVisibility change ->
          SqsMessageApi.changeVisibility(queue(scope, change.queueUrl()), change);
      case Command.ChangeMessageVisibilityBatch batch ->
          SqsMessageApi.changeVisibilityBatch(queue(scope, batch.queueUrl()), batch);
      case Command.Unsupported unsupported ->
          throw SqsErrors.UNSUPPORTED_OPERATION.exception(
              "Gust does not support message move tasks (%s).", unsupported.operation());
    };
  }

  private Queue queue(Scope scope, String url) {
    return queues.byUrl(scope, url);
  }

  /** Who sent a message, as {@code SenderId} shows it: the caller's access key. */
  private static String sender(RequestContext context) {
    return context.accessKeyId().orElse(context.scope().account());
  }

  private GetQueueUrlResult getQueueUrl(Command.GetQueueUrl get, Scope scope) {
    Scope owner =
        get.queueOwnerAwsAccountId()
            .map(account -> new Scope(account, scope.region()))
            .orElse(scope);
    Queue queue = queues.find(owner, get.queueName()).orElseThrow(SqsErrors::queueDoesNotExist);
    return new GetQueueUrlResult(queues.url(queue));
  }

  private ListQueuesResult listQueues(Command.ListQueues list, Scope scope) {
    List<Queue> all = queues.list(scope, list.queueNamePrefix().orElse(""));
    Page page = page(all, list.nextToken(), list.maxResults());
    return new ListQueuesResult(page.urls(), page.nextToken());
  }

  private ListDeadLetterSourceQueuesResult deadLetterSources(
      Queue queue, Command.ListDeadLetterSourceQueues list) {
    Page page = page(queues.sourcesOf(queue), list.nextToken(), list.maxResults());
    return new ListDeadLetterSourceQueuesResult(page.urls(), page.nextToken());
  }

  /** One page of queue URLs, and the token of the next when there is one. */
  private record Page(List<String> urls, Optional<String> nextToken) {}

  /** One page of a name-ordered listing; {@code NextToken} only when MaxResults was given. */
  private Page page(List<Queue> byName, Optional<String> token, Optional<Integer> maxResults) {
    Optional<String> after = token.map(SqsApi::decodeToken);
    if (maxResults.isPresent() && (maxResults.get() < 1 || maxResults.get() > 1000)) {
      throw SqsErrors.invalidParameter(
          "MaxResults", maxResults.get(), "MaxResults must be an integer between 1 and 1000.");
    }
    if (after.isPresent() && maxResults.isEmpty()) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "MaxResults is a mandatory parameter when you provide a value for NextToken.");
    }
    int limit = maxResults.orElse(1000);
    int start = 0;
    if (after.isPresent()) {
      while (start < byName.size() && byName.get(start).name.compareTo(after.get()) <= 0) {
        start++;
      }
    }
    int end = Math.min(byName.size(), start + limit);
    List<String> urls = byName.subList(start, end).stream().map(queues::url).toList();
    Optional<String> next =
        maxResults.isPresent() && end < byName.size()
            ? Optional.of(encodeToken(byName.get(end - 1).name))
            : Optional.empty();
    return new Page(urls, next);
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

  private static GetQueueAttributesResult getAttributes(
      Queue queue, Command.GetQueueAttributes get) {
    List<String> names = get.attributeNames();
    for (String name : names) {
      if (!name.equals("All") && !QueueAttributes.known(name)) {
        throw SqsErrors.INVALID_ATTRIBUTE_NAME.exception("Unknown Attribute %s.", name);
      }
    }
    boolean all = names.contains("All");
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
    Map<String, String> values = new TreeMap<>();
    available.forEach(
        (name, value) -> {
          if (all || names.contains(name)) {
            values.put(name, value);
          }
        });
    return new GetQueueAttributesResult(values);
  }

  private void setAttributes(Queue queue, Map<String, String> changes, Scope scope) {
    queue.update(
        settings -> {
          QueueAttributes next = settings.attributes().with(changes);
          queues.checkRedrive(scope, next);
          return settings.withAttributes(next);
        });
  }

  private static void tag(Queue queue, Map<String, String> tags) {
    queue.update(
        settings -> {
          QueueTags.check(tags, settings.tags());
          Map<String, String> next = new TreeMap<>(settings.tags());
          next.putAll(tags);
          return settings.withTags(next);
        });
  }

  private static void untag(Queue queue, List<String> keys) {
    queue.update(
        settings -> {
          Map<String, String> next = new TreeMap<>(settings.tags());
          keys.forEach(next::remove);
          return settings.withTags(next);
        });
  }

  private static void addPermission(Queue queue, Command.AddPermission add) {
    queue.update(
        settings -> {
          Map<String, QueueStore.Permission> next = new LinkedHashMap<>(settings.permissions());
          next.put(
              add.label(),
              QueuePermissions.check(add.label(), add.awsAccountIds(), add.actions(), next));
          return settings.withPermissions(next);
        });
  }

  private static void removePermission(Queue queue, String label) {
    queue.update(
        settings -> {
          Map<String, QueueStore.Permission> next = new LinkedHashMap<>(settings.permissions());
          if (next.remove(label) == null) {
            throw SqsErrors.invalidParameter(
                "Label", label, "can't find label on existing policy.");
          }
          return settings.withPermissions(next);
        });
  }
}

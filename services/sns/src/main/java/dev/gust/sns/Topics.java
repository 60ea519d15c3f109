package dev.gust.sns;

import static dev.gust.sns.SnsErrors.NOT_FOUND;
import static dev.gust.sns.SnsErrors.invalid;

import dev.gust.core.Arn;
import dev.gust.core.Ownership;
import dev.gust.core.Scheduler;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.delivery.Outbox;
import dev.gust.delivery.Target;
import dev.gust.patterns.PatternMatcher;
import dev.gust.patterns.SubscriptionFilter;
import dev.gust.store.Database;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * SNS-compatible topics of one node: standard and FIFO topics, their subscriptions ({@code lambda},
 * {@code sqs}, {@code http}, {@code https}) with filter policies and raw delivery, and Publish,
 * durable in the node's store. Functions and queues are reached through {@link Delivery}; HTTP
 * endpoints by a real POST, after they confirm the subscription. {@link #open} registers the
 * handler of topic targets in {@link Delivery}, so a message delivered to a topic ARN is published
 * on it.
 */
public final class Topics implements AutoCloseable {

  static final Set<String> PROTOCOLS = Set.of("lambda", "sqs", "http", "https");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");

  private final Database database;
  private final Scheduler scheduler;
  private final SnsHttp http = new SnsHttp();
  private final Outbox outbox;
  private final TopicPublisher publisher;

  private Topics(
      Database database,
      Scheduler scheduler,
      Ownership ownership,
      Delivery delivery,
      Executor executor) {
    this.database = database;
    this.scheduler = scheduler;
    this.outbox =
        new Outbox(
            database,
            TopicStore.OUTBOX,
            scheduler,
            ownership,
            executor,
            entry -> {
              if (entry.kind().equals("http")) {
                http.post(entry.target(), entry.message());
              } else {
                delivery.deliver(entry.target(), entry.message());
              }
            },
            delivery,
            Outbox.DeadLetterFormat.UNCHANGED);
    this.publisher =
        new TopicPublisher(
            database, outbox, new SubscriptionFilter(new PatternMatcher()), scheduler.clock());
  }

  /**
   * Migrates the store, resumes delivery of messages accepted before a restart and registers the
   * handler of topic targets in {@code delivery}.
   *
   * @param ownership whether this node delivers the topics' outbox
   */
  public static Topics open(
      Database database,
      Delivery delivery,
      Scheduler scheduler,
      Ownership ownership,
      Executor executor) {
    database.migrate("topics", TopicStore.migrations(database.dialect()));
    Topics topics = new Topics(database, scheduler, ownership, delivery, executor);
    delivery.register(Target.Topic.class, topics::deliver);
    topics.outbox.wake();
    return topics;
  }

  // ---- topics -------------------------------------------------------------------------------

  /** Creates a topic, or returns the one of that name if its attributes agree. */
  String createTopic(
      Scope scope, String name, Map<String, String> attributes, Map<String, String> tags) {
    attributes.keySet().forEach(Topics::topicAttribute);
    boolean fifo = AttributeName.Topic.FIFO_TOPIC.isTrue(attributes);
    if (!(fifo ? FIFO_NAME : NAME).matcher(name).matches() || (!fifo && name.endsWith(".fifo"))) {
      throw invalid(
          fifo || name.endsWith(".fifo")
              ? "Fifo Topic names must end with .fifo and must be made up of only uppercase and"
                  + " lowercase ASCII letters, numbers, underscores, and hyphens, and must be"
                  + " between 1 and 256 characters long."
              : "Topic Name");
    }
    if (!fifo && AttributeName.Topic.CONTENT_BASED_DEDUPLICATION.in(attributes).isPresent()) {
      throw invalid("ContentBasedDeduplication Reason: only FIFO topics support it");
    }
    String arn = scope.arn("sns", name).toString();
    return database.transaction(
        c -> {
          TopicStore store = new TopicStore(c);
          Optional<Topic> existing = store.topic(arn);
          if (existing.isPresent()) {
            for (Map.Entry<String, String> a : attributes.entrySet()) {
              if (!a.getValue().equals(existing.get().attributes().get(a.getKey()))) {
                throw invalid("Attributes Reason: Topic already exists with different attributes");
              }
            }
            return arn;
          }
          store.putTopic(scope, new Topic(arn, name, attributes, tags));
          return arn;
        });
  }

  void deleteTopic(String arn) {
    database.transaction(
        c -> {
          new TopicStore(c).deleteTopic(arn);
          return null;
        });
  }

  List<Topic> listTopics(Scope scope) {
    return database.read(c -> new TopicStore(c).topics(scope));
  }

  /** The attributes GetTopicAttributes returns: the set ones and the computed ones. */
  Map<String, String> topicAttributes(String arn) {
    return database.read(
        c -> {
          TopicStore store = new TopicStore(c);
          Topic topic = topic(store, arn);
          List<Subscription> subscriptions = store.subscriptionsOf(arn);
          long confirmed = subscriptions.stream().filter(Subscription::confirmed).count();
          Map<String, String> out = new TreeMap<>();
          out.put("TopicArn", arn);
          out.put("Owner", Arn.parse(arn).map(Arn::account).orElse(""));
          out.put("DisplayName", "");
          out.put("SubscriptionsConfirmed", Long.toString(confirmed));
          out.put("SubscriptionsPending", Long.toString(subscriptions.size() - confirmed));
          out.put("SubscriptionsDeleted", "0");
          out.put("Policy", defaultPolicy(arn));
          out.putAll(topic.attributes());
          if (topic.fifo()) {
            out.putIfAbsent("ContentBasedDeduplication", "false");
          }
          return out;
        });
  }

  void setTopicAttribute(String arn, String name, String value) {
    AttributeName.Topic attribute = topicAttribute(name);
    if (attribute == AttributeName.Topic.FIFO_TOPIC) {
      throw invalid("AttributeName");
    }
    database.transaction(
        c -> {
          TopicStore store = new TopicStore(c);
          Topic topic = topic(store, arn);
          if (attribute == AttributeName.Topic.CONTENT_BASED_DEDUPLICATION && !topic.fifo()) {
            throw invalid("ContentBasedDeduplication Reason: only FIFO topics support it");
          }
          Map<String, String> attributes = new TreeMap<>(topic.attributes());
          attributes.put(name, value);
          store.putTopic(scopeOf(arn), new Topic(arn, topic.name(), attributes, topic.tags()));
          return null;
        });
  }

  // ---- subscriptions ------------------------------------------------------------------------

  /** Subscribes an endpoint; returns the subscription, unconfirmed for HTTP endpoints. */
  Subscription subscribe(
      String topicArn,
      String protocol,
      String endpoint,
      Map<String, String> attributes,
      String baseUrl) {
    if (!PROTOCOLS.contains(protocol)) {
      throw invalid("Amazon SNS does not support this protocol string: " + protocol);
    }
    checkEndpoint(protocol, endpoint);
    attributes.forEach((name, value) -> checkSubscriptionAttribute(protocol, name, value));
    Subscription subscription =
        database.transaction(
            c -> {
              TopicStore store = new TopicStore(c);
              Topic topic = topic(store, topicArn);
              if (topic.fifo() && !protocol.equals("sqs")) {
                throw invalid("Invalid protocol type: " + protocol);
              }
              for (Subscription s : store.subscriptionsOf(topicArn)) {
                if (s.protocol().equals(protocol) && s.endpoint().equals(endpoint)) {
                  return s;
                }
              }
              boolean http = protocol.startsWith("http");
              Subscription created =
                  new Subscription(
                      topicArn + ":" + UUID.randomUUID(),
                      topicArn,
                      protocol,
                      endpoint,
                      !http,
                      http ? Optional.of(token()) : Optional.empty(),
                      attributes);
              store.putSubscription(scopeOf(topicArn), created);
              if (http) {
                outbox.add(
                    c,
                    List.of(
                        new Outbox.Pending(
                            "http",
                            endpoint,
                            created.arn(),
                            TopicMessages.confirmation(
                                created,
                                UUID.randomUUID().toString(),
                                scheduler.clock().instant(),
                                baseUrl),
                            TopicPublisher.HTTP,
                            Optional.empty())));
              }
              return created;
            });
    outbox.wake();
    return subscription;
  }

  /** Confirms the HTTP subscription the token was sent to; returns its ARN. */
  String confirmSubscription(String topicArn, String token) {
    return database.transaction(
        c -> {
          TopicStore store = new TopicStore(c);
          topic(store, topicArn);
          for (Subscription s : store.subscriptionsOf(topicArn)) {
            if (s.token().filter(token::equals).isPresent()) {
              store.putSubscription(scopeOf(topicArn), s.confirm());
              return s.arn();
            }
          }
          throw invalid("Token");
        });
  }

  void unsubscribe(String subscriptionArn) {
    database.transaction(
        c -> {
          if (!new TopicStore(c).deleteSubscription(subscriptionArn)) {
            throw NOT_FOUND.exception("Subscription does not exist");
          }
          return null;
        });
  }

  List<Subscription> listSubscriptions(Scope scope, Optional<String> topicArn) {
    return database.read(
        c -> {
          TopicStore store = new TopicStore(c);
          if (topicArn.isPresent()) {
            topic(store, topicArn.get());
            return store.subscriptionsOf(topicArn.get());
          }
          return store.subscriptions(scope);
        });
  }

  Map<String, String> subscriptionAttributes(String arn) {
    Subscription s = database.read(c -> subscription(new TopicStore(c), arn));
    Map<String, String> out = new TreeMap<>();
    out.put("SubscriptionArn", s.arn());
    out.put("TopicArn", s.topicArn());
    out.put("Owner", Arn.parse(s.topicArn()).map(Arn::account).orElse(""));
    out.put("Protocol", s.protocol());
    out.put("Endpoint", s.endpoint());
    out.put("ConfirmationWasAuthenticated", Boolean.toString(s.confirmed()));
    out.put("PendingConfirmation", Boolean.toString(!s.confirmed()));
    out.put("RawMessageDelivery", "false");
    out.putAll(s.attributes());
    if (s.filterPolicy().isPresent()) {
      out.putIfAbsent(
          AttributeName.Subscription.FILTER_POLICY_SCOPE.wireName(),
          SubscriptionFilter.SCOPE_ATTRIBUTES);
    }
    return out;
  }

  void setSubscriptionAttribute(String arn, String name, String value) {
    database.transaction(
        c -> {
          TopicStore store = new TopicStore(c);
          Subscription s = subscription(store, arn);
          AttributeName.Subscription attribute =
              checkSubscriptionAttribute(s.protocol(), name, value);
          Map<String, String> attributes = new LinkedHashMap<>(s.attributes());
          if (value.isEmpty() && attribute == AttributeName.Subscription.FILTER_POLICY) {
            attributes.remove(name);
          } else {
            attributes.put(name, value);
          }
          store.putSubscription(scopeOf(s.topicArn()), s.withAttributes(attributes));
          return null;
        });
  }

  // ---- publish, tags, permissions -------------------------------------------------------------

  TopicPublisher.Published publish(TopicPublisher.Request request, String baseUrl) {
    return publisher.publish(request, baseUrl);
  }

  Map<String, String> tags(String arn) {
    return database.read(c -> topic(new TopicStore(c), arn).tags());
  }

  void tag(String arn, Map<String, String> add, List<String> remove) {
    database.transaction(
        c -> {
          TopicStore store = new TopicStore(c);
          Topic topic = topic(store, arn);
          Map<String, String> tags = new TreeMap<>(topic.tags());
          tags.putAll(add);
          remove.forEach(tags::remove);
          store.putTopic(scopeOf(arn), new Topic(arn, topic.name(), topic.attributes(), tags));
          return null;
        });
  }

  /** AddPermission and RemovePermission: the topic must exist; policies are not enforced. */
  void checkTopic(String arn) {
    database.read(c -> topic(new TopicStore(c), arn));
  }

  /** Messages accepted and not yet delivered to every subscriber. */
  int pendingDeliveries() {
    return outbox.pending();
  }

  /** Publishes a message delivered to a topic ARN (a destination or a rule target). */
  private void deliver(Target.Topic target, Delivery.Message message) {
    Arn arn = target.arn();
    Map<String, SnsMessageAttribute> attributes = new LinkedHashMap<>();
    message.attributes().forEach((k, v) -> attributes.put(k, new SnsMessageAttribute("String", v)));
    publish(
        new TopicPublisher.Request(
            arn.toString(),
            message.body(),
            Optional.empty(),
            Optional.empty(),
            attributes,
            arn.resource().endsWith(".fifo") ? Optional.of("default") : Optional.empty(),
            Optional.empty()),
        "http://localhost");
  }

  @Override
  public void close() {
    outbox.close();
    http.close();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Topic topic(TopicStore store, String arn) throws SQLException {
    return store.topic(arn).orElseThrow(() -> NOT_FOUND.exception("Topic does not exist"));
  }

  private static Subscription subscription(TopicStore store, String arn) throws SQLException {
    return store
        .subscription(arn)
        .orElseThrow(() -> NOT_FOUND.exception("Subscription does not exist"));
  }

  private static Scope scopeOf(String arn) {
    Arn parsed = Arn.parse(arn).orElseThrow(() -> invalid("TopicArn"));
    return new Scope(parsed.account(), parsed.region());
  }

  private static String token() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  /** The topic attribute {@code name} names; any other name is refused. */
  private static AttributeName.Topic topicAttribute(String name) {
    return AttributeName.Topic.named(name).orElseThrow(() -> invalid("AttributeName"));
  }

  private static void checkEndpoint(String protocol, String endpoint) {
    boolean valid =
        switch (protocol) {
          case "sqs" -> Arn.parse(endpoint).filter(a -> a.service().equals("sqs")).isPresent();
          case "lambda" ->
              Arn.parse(endpoint).filter(a -> a.service().equals("lambda")).isPresent();
          default -> endpoint.startsWith(protocol + "://");
        };
    if (!valid) {
      throw invalid(
          switch (protocol) {
            case "sqs" -> "SQS endpoint ARN";
            case "lambda" -> "Lambda endpoint ARN";
            default -> "Endpoint must match the specified protocol";
          });
    }
  }

  /** Checks a subscription attribute's value; returns the attribute its name names. */
  private static AttributeName.Subscription checkSubscriptionAttribute(
      String protocol, String name, String value) {
    AttributeName.Subscription attribute =
        AttributeName.Subscription.named(name).orElseThrow(() -> invalid("AttributeName"));
    switch (attribute) {
      case RAW_MESSAGE_DELIVERY -> {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw invalid(
              "RawMessageDelivery: Invalid value [" + value + "]. Must be true or false.");
        }
        if (protocol.equals("lambda") && value.equalsIgnoreCase("true")) {
          throw invalid("Delivery protocol [lambda] does not support raw message delivery.");
        }
      }
      case FILTER_POLICY -> {
        if (!value.isEmpty()) {
          PatternMatcher.problem(value)
              .ifPresent(
                  problem -> {
                    throw invalid("FilterPolicy: " + problem);
                  });
        }
      }
      case FILTER_POLICY_SCOPE -> {
        if (!value.equals(SubscriptionFilter.SCOPE_ATTRIBUTES)
            && !value.equals(SubscriptionFilter.SCOPE_BODY)) {
          throw invalid("FilterPolicyScope: Invalid value [" + value + "].");
        }
      }
      case REDRIVE_POLICY -> {
        if (Subscription.RedrivePolicy.deadLetterTargetArn(value).isEmpty()) {
          throw invalid(
              "RedrivePolicy: Redrive policy is not a valid JSON map with deadLetterTargetArn.");
        }
      }
      case DELIVERY_POLICY, SUBSCRIPTION_ROLE_ARN, REPLAY_POLICY -> {}
    }
    return attribute;
  }

  private static String defaultPolicy(String arn) {
    String account = Arn.parse(arn).map(Arn::account).orElse("");
    return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":"
        + "\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
        + "\"Action\":[\"SNS:Publish\",\"SNS:Subscribe\",\"SNS:GetTopicAttributes\"],"
        + "\"Resource\":\""
        + arn
        + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\""
        + account
        + "\"}}}]}";
  }
}

package dev.gust.wire;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import dev.gust.core.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One AWS service's wire, declared once: its operations (the records permitted by a sealed command
 * interface, each an {@link Operation}), the protocols it speaks, and how it names its errors.
 * {@link #routes} turns a handler into the routes the node serves: every request is decoded into a
 * typed command (with the model's validation), handed to the handler, and its typed reply or {@link
 * AwsException} written in the protocol's shape.
 *
 * <p>Operations of AWS's API that the service does not serve yet are declared with {@link
 * Builder#unsupported}: they decode into the service's own {@code Unsupported} command, so the
 * service's {@code switch} names them and the coverage table lists them.
 *
 * <p>The command interface may permit sealed sub-interfaces, its parts, whose records are
 * operations too: a service whose operations several components serve gives each a part, and each
 * serves its own with {@link #routes(Class, Handler)}.
 *
 * @param <C> the sealed interface of the service's commands
 */
public final class ServiceModel<C> {

  /** Serves one decoded command. */
  @FunctionalInterface
  public interface Handler<C> {

    /**
     * Executes {@code command}; returns its reply record ({@link Empty} for none), or an {@link
     * HttpResponse} for the rare reply that is raw bytes.
     *
     * @throws AwsException for every failure the caller should see
     */
    Object handle(C command, RequestContext context);
  }

  private final Builder<C> spec;
  private final Map<String, Class<?>> operations;
  private final Class<?> unsupportedType;

  private ServiceModel(Builder<C> spec) {
    this.spec = spec;
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    Class<?> unsupported = null;
    for (Class<?> type : commandTypes(spec.commands)) {
      if (type.getSimpleName().equals("Unsupported")) {
        unsupported = type;
        continue;
      }
      if (!type.isRecord()) {
        throw new IllegalArgumentException(type + " must be a record");
      }
      StructShape.of(type);
      byName.put(operationName(type), type);
    }
    this.operations = Map.copyOf(byName);
    this.unsupportedType = unsupported;
  }

  /**
   * The records a sealed command interface permits, through the sealed interfaces it permits: a
   * service may group its operations into parts that different components serve.
   */
  private static Set<Class<?>> commandTypes(Class<?> commands) {
    Set<Class<?>> types = new java.util.LinkedHashSet<>();
    for (Class<?> type : commands.getPermittedSubclasses()) {
      if (type.isInterface() && type.isSealed()) {
        types.addAll(commandTypes(type));
      } else {
        types.add(type);
      }
    }
    return types;
  }

  public static <C> Builder<C> builder(String service, Class<C> commands) {
    return new Builder<>(service, commands);
  }

  /** The service's name: its SigV4 signing name, such as {@code sqs}. */
  public String service() {
    return spec.service;
  }

  /** The AWS operations this service serves. */
  public Set<String> served() {
    return new TreeSet<>(operations.keySet());
  }

  /** The AWS operations it declares but does not serve yet. */
  public Set<String> unsupported() {
    return new TreeSet<>(spec.unsupported);
  }

  /** The routes that serve this service's protocols with {@code handler}. */
  public List<Route> routes(Handler<C> handler) {
    return routes(type -> true, true, handler);
  }

  /**
   * The routes of the operations whose commands are {@code part}s, served by {@code handler}: for a
   * service whose command interface permits sealed sub-interfaces that different components serve,
   * each with an exhaustive {@code switch} over its own part. REST and query protocols only: a JSON
   * service's operations share one route, so one handler serves them all.
   *
   * @param part a sealed sub-interface of the command interface
   */
  public <P> List<Route> routes(Class<P> part, Handler<P> handler) {
    if (!spec.commands.isAssignableFrom(part)) {
      throw new IllegalArgumentException(part + " is not a part of " + spec.commands);
    }
    if (spec.targetPrefix != null) {
      throw new IllegalStateException(
          "the JSON protocol serves all of a service's operations through one route");
    }
    return routes(
        part::isAssignableFrom,
        unsupportedType != null && part.isAssignableFrom(unsupportedType),
        (command, context) -> handler.handle(part.cast(command), context));
  }

  private List<Route> routes(
      Predicate<Class<?>> included, boolean unsupported, Handler<C> handler) {
    List<Route> routes = new ArrayList<>();
    if (spec.targetPrefix != null) {
      routes.add(
          new Route.Target(
              spec.service,
              spec.targetPrefix,
              spec.maxBody,
              (operation, call) -> serveJson(operation, call, handler)));
    }
    if (spec.xmlNamespace != null) {
      for (Map.Entry<String, Class<?>> entry : operations.entrySet()) {
        if (included.test(entry.getValue())) {
          routes.add(queryRoute(entry.getKey(), handler));
        }
      }
      if (unsupported) {
        for (String operation : spec.unsupported) {
          routes.add(queryRoute(operation, handler));
        }
      }
    }
    if (spec.rest) {
      for (Map.Entry<String, Class<?>> entry : operations.entrySet()) {
        if (!included.test(entry.getValue())) {
          continue;
        }
        Operation declared = entry.getValue().getAnnotation(Operation.class);
        if (declared == null || declared.http().isEmpty()) {
          throw new IllegalArgumentException(entry.getValue() + " declares no HTTP binding");
        }
        String[] http = declared.http().split(" ", 2);
        long maxBody = declared.maxBody() > 0 ? declared.maxBody() : spec.maxBody;
        Class<?> type = entry.getValue();
        routes.add(
            new Route.Rest(
                entry.getKey(),
                http[0],
                PathTemplate.parse(http[1]),
                maxBody,
                call -> serveRest(type, declared.status(), call, handler)));
      }
      if (unsupported) {
        routes.addAll(unsupportedRoutes(handler));
      }
    }
    return routes;
  }

  /**
   * One route per unsupported operation's binding, after the served ones; a binding's literal query
   * parameter ({@code ?find=LayerVersion}) tells it apart from another on the same method and path,
   * as for served operations.
   */
  private List<Route> unsupportedRoutes(Handler<C> handler) {
    List<Route> routes = new ArrayList<>();
    spec.bindings.forEach(
        (operation, http) -> {
          String[] parts = http.split(" ", 2);
          routes.add(
              new Route.Rest(
                  operation,
                  parts[0],
                  PathTemplate.parse(parts[1]),
                  spec.maxBody,
                  call -> {
                    Object reply =
                        handler.handle(spec.unsupportedFactory.apply(operation), call.context());
                    return reply instanceof HttpResponse raw ? raw : RestCodec.reply(reply, 200);
                  }));
        });
    return routes;
  }

  private Route.Query queryRoute(String operation, Handler<C> handler) {
    return new Route.Query(
        spec.service,
        operation,
        spec.xmlNamespace,
        spec.maxBody,
        (params, call) -> serveQuery(operation, params, call, handler));
  }

  private HttpResponse serveJson(String operation, Route.Call call, Handler<C> handler) {
    try {
      C command = decodeJson(operation, call.request().body());
      Object reply = handler.handle(command, call.context());
      if (reply instanceof HttpResponse raw) {
        return raw;
      }
      return HttpResponse.of(200, spec.contentType, JsonCodec.write(reply));
    } catch (AwsException e) {
      return jsonError(e);
    }
  }

  private HttpResponse serveQuery(
      String operation, QueryParams params, Route.Call call, Handler<C> handler) {
    try {
      C command =
          decode(operation, (shape, values) -> QueryCodec.read(params.asMap(), "", shape, values));
      Object reply = handler.handle(command, call.context());
      if (reply instanceof HttpResponse raw) {
        return raw;
      }
      return QueryXml.reply(operation, spec.xmlNamespace, call.context().requestId(), reply);
    } catch (AwsException e) {
      return QueryXml.error(
          e, spec.errors.queryCode(e.type()), spec.xmlNamespace, call.context().requestId());
    }
  }

  private HttpResponse serveRest(Class<?> type, int status, Route.Call call, Handler<C> handler) {
    C command = decodeRest(type, call);
    Object reply = handler.handle(command, call.context());
    if (reply instanceof HttpResponse raw) {
      return raw;
    }
    return RestCodec.reply(reply, status);
  }

  /** Decodes the JSON-protocol request for {@code operation}. */
  public C decodeJson(String operation, byte[] body) {
    return decode(
        operation, (shape, values) -> JsonCodec.readBody(body, shape, values, spec.decoding));
  }

  private C decodeRest(Class<?> type, Route.Call call) {
    return decode(
        operationName(type), (shape, values) -> RestCodec.read(call, shape, values, spec.decoding));
  }

  private interface Reader {
    void read(StructShape shape, Object[] values);
  }

  private C decode(String operation, Reader reader) {
    Class<?> type = operations.get(operation);
    if (type == null) {
      if (spec.unsupported.contains(operation)) {
        return spec.unsupportedFactory.apply(operation);
      }
      throw spec.unknownOperation.apply(operation);
    }
    StructShape shape = StructShape.of(type);
    Object[] values = new Object[shape.members().size()];
    Violations violations = new Violations();
    Object command;
    try {
      reader.read(shape, values);
      command = shape.build(values, "", violations, spec.decoding);
    } catch (Decoding.Malformed e) {
      throw spec.serialization.exception(spec.serializationMessage.apply(e.getMessage()));
    }
    if (!violations.isEmpty()) {
      throw spec.validation.exception(violations.message());
    }
    return spec.commands.cast(command);
  }

  /** The JSON body of {@code reply}, as the JSON protocols write it. */
  public byte[] encodeJson(Object reply) {
    return JsonCodec.write(reply);
  }

  /** The reply to a failed request on the JSON protocol, in this service's error shape. */
  public HttpResponse jsonError(AwsException error) {
    ErrorType type = error.type();
    Map<String, String> body = new LinkedHashMap<>();
    body.put("__type", spec.errors.jsonType(type));
    body.put("message", error.getMessage());
    body.putAll(error.fields());
    HttpResponse response =
        HttpResponse.of(type.status(), spec.contentType, Json.pascalCase().write(body));
    if (spec.errors.isQueryCompatible()) {
      String fault = type.fault() == ErrorType.Fault.USER ? "Sender" : "Receiver";
      return response.withHeader("x-amzn-query-error", spec.errors.queryCode(type) + ";" + fault);
    }
    return response.withHeader("x-amzn-ErrorType", type.code());
  }

  private static String operationName(Class<?> type) {
    Operation declared = type.getAnnotation(Operation.class);
    return declared != null && !declared.name().isEmpty() ? declared.name() : type.getSimpleName();
  }

  /** Declares a service's wire; see {@link ServiceModel}. */
  public static final class Builder<C> {

    private final String service;
    private final Class<C> commands;
    private String targetPrefix;
    private String contentType = "application/x-amz-json-1.0";
    private String xmlNamespace;
    private boolean rest;
    private long maxBody = Router.DEFAULT_MAX_BODY;
    private ErrorTable errors = ErrorTable.plain();
    private ErrorType serialization = ErrorType.user("SerializationException", 400);
    private UnaryOperator<String> serializationMessage = UnaryOperator.identity();
    private ErrorType validation = ErrorType.user("ValidationException", 400);
    private Decoding decoding = Decoding.DEFAULT;
    private Function<String, AwsException> unknownOperation =
        operation -> CommonErrors.UNKNOWN_OPERATION.exception("Unknown operation " + operation);
    private final Set<String> unsupported = new TreeSet<>();
    private final Map<String, String> bindings = new TreeMap<>();
    private Function<String, C> unsupportedFactory;

    private Builder(String service, Class<C> commands) {
      this.service = Objects.requireNonNull(service);
      if (!commands.isSealed()) {
        throw new IllegalArgumentException(commands + " must be a sealed interface");
      }
      this.commands = commands;
    }

    /** Serves the JSON 1.0/1.1 protocol under {@code X-Amz-Target: prefix.Operation}. */
    public Builder<C> json(String targetPrefix, String contentType) {
      this.targetPrefix = targetPrefix;
      this.contentType = contentType;
      return this;
    }

    /** Serves the query protocol, with XML replies in {@code xmlNamespace}. */
    public Builder<C> query(String xmlNamespace) {
      this.xmlNamespace = xmlNamespace;
      return this;
    }

    /** Serves REST-JSON: each operation declares its {@link Operation#http()} binding. */
    public Builder<C> rest() {
      this.rest = true;
      this.contentType = "application/json";
      return this;
    }

    public Builder<C> maxBody(long bytes) {
      this.maxBody = bytes;
      return this;
    }

    public Builder<C> errors(ErrorTable errors) {
      this.errors = errors;
      return this;
    }

    /** The error of a request that is not well-formed for the model (bad JSON, wrong types). */
    public Builder<C> serializationError(ErrorType type) {
      this.serialization = type;
      return this;
    }

    /**
     * The error of a request that is not well-formed for the model, with its message worded by
     * {@code message} from the codec's explanation (Lambda prefixes it with its own words).
     */
    public Builder<C> serializationError(ErrorType type, UnaryOperator<String> message) {
      this.serialization = type;
      this.serializationMessage = message;
      return this;
    }

    /** The error that lists the model's constraint violations. */
    public Builder<C> validationError(ErrorType type) {
      this.validation = type;
      return this;
    }

    /** Absent required members raise this error, named by the member, instead of a violation. */
    public Builder<C> onMissing(Function<String, AwsException> error) {
      this.decoding = new Decoding(Optional.of(error));
      return this;
    }

    /** The error of an operation the service does not know at all. */
    public Builder<C> unknownOperation(Function<String, AwsException> error) {
      this.unknownOperation = error;
      return this;
    }

    /** AWS operations not served yet: they decode into {@code factory}'s command. */
    public Builder<C> unsupported(Function<String, C> factory, String... operations) {
      this.unsupportedFactory = factory;
      this.unsupported.addAll(Arrays.asList(operations));
      return this;
    }

    /**
     * REST: AWS operations not served yet, each with its HTTP binding ({@code "GET
     * /2018-10-31/layers"}), so that their requests reach {@code factory}'s command on a route of
     * their own instead of the unknown-operation error. A binding may end in a literal query
     * parameter ({@code "GET /2018-10-31/layers?find=LayerVersion"}) that tells it apart from
     * another operation on the same method and path.
     */
    public Builder<C> unsupported(Function<String, C> factory, Map<String, String> bindings) {
      this.unsupportedFactory = factory;
      this.unsupported.addAll(bindings.keySet());
      this.bindings.putAll(bindings);
      return this;
    }

    public ServiceModel<C> build() {
      if (!unsupported.isEmpty() && unsupportedFactory == null) {
        throw new IllegalStateException("unsupported operations need a factory");
      }
      return new ServiceModel<>(this);
    }
  }
}

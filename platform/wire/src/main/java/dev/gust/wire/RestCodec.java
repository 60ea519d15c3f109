package dev.gust.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds REST-JSON requests and replies to structures: members in URI labels, query parameters and
 * headers are read from text; a {@link Member.Payload} member is the whole body; the rest are the
 * members of a JSON body. Replies put header members in headers, a status member in the status
 * line, and a payload or the JSON body members in the body; a reply whose payload is absent and
 * that has no body members has an empty body and no {@code Content-Type}.
 */
final class RestCodec {

  private RestCodec() {}

  static void read(Route.Call call, StructShape shape, Object[] values, Decoding decoding) {
    HttpRequest request = call.request();
    boolean body = false;
    List<MemberShape> members = shape.members();
    for (int i = 0; i < members.size(); i++) {
      MemberShape member = members.get(i);
      values[i] =
          switch (member.location()) {
            case PATH -> text(call.pathParams().get(member.locationName()), member);
            case QUERY_STRING -> {
              if (member.shape() instanceof Shape.ListOf list) {
                List<String> all = request.queryParams(member.locationName());
                yield all.isEmpty()
                    ? null
                    : all.stream().map(text -> element(text, list.element(), member)).toList();
              }
              yield text(request.queryParam(member.locationName()).orElse(null), member);
            }
            case HEADER ->
                text(request.headers().first(member.locationName()).orElse(null), member);
            case PAYLOAD -> payload(request.body(), member, decoding);
            case BODY, STATUS -> {
              body |= member.location() == MemberShape.Location.BODY;
              yield null;
            }
          };
    }
    if (body) {
      JsonCodec.readBody(request.body(), shape, values, decoding);
    }
  }

  private static Object payload(byte[] body, MemberShape member, Decoding decoding) {
    if (member.shape() instanceof Shape.Struct struct) {
      if (body.length == 0) {
        return null;
      }
      StructShape inner = struct.shape();
      Object[] values = new Object[inner.members().size()];
      JsonCodec.readBody(body, inner, values, decoding);
      return new Decoding.Partial(inner, values);
    }
    return body;
  }

  private static Object text(String text, MemberShape member) {
    return text == null ? null : element(text, member.shape(), member);
  }

  private static Object element(String text, Shape shape, MemberShape member) {
    return switch (shape) {
      case Shape.Scalar scalar -> QueryCodec.scalar(text, scalar.kind(), member.name());
      case Shape.EnumOf enumeration -> {
        Object value = enumeration.parse(text);
        yield value != null ? value : new Decoding.Unknown(text, enumeration);
      }
      default ->
          throw new IllegalArgumentException(member.name() + " cannot travel outside the body");
    };
  }

  static HttpResponse reply(Object reply, int status) {
    if (reply instanceof Empty) {
      return HttpResponse.empty(status);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = null;
    String contentType = "application/json";
    boolean hasBody = false;
    for (MemberShape member : StructShape.of(reply.getClass()).members()) {
      Object value = member.get(reply);
      switch (member.location()) {
        case STATUS -> status = value == null ? status : (Integer) value;
        case HEADER -> {
          if (value != null) {
            headers.put(member.locationName(), value.toString());
          }
        }
        case PAYLOAD -> {
          if (value != null) {
            body = value instanceof byte[] bytes ? bytes : JsonCodec.write(value);
          }
        }
        case BODY -> hasBody = true;
        case PATH, QUERY_STRING -> {}
      }
    }
    if (body == null && hasBody) {
      body = JsonCodec.write(reply);
    }
    if (body == null) {
      // Nothing to describe: a reply of status and headers only, like Empty, has no Content-Type.
      return new HttpResponse(status, headers, new byte[0]);
    }
    headers.put("Content-Type", contentType);
    return new HttpResponse(status, headers, body);
  }
}

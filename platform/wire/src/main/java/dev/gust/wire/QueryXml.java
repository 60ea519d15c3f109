package dev.gust.wire;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import java.nio.charset.StandardCharsets;

/**
 * Replies of the query protocol: {@code <ActionResponse xmlns=...><ActionResult>...</ActionResult>
 * <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata></ActionResponse>}, and errors as
 * {@code <ErrorResponse><Error><Type>Sender</Type><Code>...</Code><Message>...</Message></Error>
 * <RequestId>...</RequestId></ErrorResponse>}.
 */
public final class QueryXml {

  private QueryXml() {}

  /** The 200 reply of {@code action} with the members of {@code reply} as its result. */
  static HttpResponse reply(String action, String namespace, String requestId, Object reply) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    xml.append('<').append(action).append("Response xmlns=\"").append(namespace).append("\">");
    if (!(reply instanceof Empty)) {
      xml.append('<').append(action).append("Result>");
      QueryCodec.writeXml(xml, reply);
      xml.append("</").append(action).append("Result>");
    }
    xml.append("<ResponseMetadata><RequestId>")
        .append(escape(requestId))
        .append("</RequestId></ResponseMetadata></")
        .append(action)
        .append("Response>");
    return xmlResponse(200, xml.toString());
  }

  /**
   * The error reply; a user error is a {@code Sender} fault, a service error a {@code Receiver}.
   */
  public static HttpResponse error(AwsException error, String namespace, String requestId) {
    return error(error, error.type().code(), namespace, requestId);
  }

  /** The error reply, with the error's code on this protocol. */
  static HttpResponse error(AwsException error, String code, String namespace, String requestId) {
    String fault = error.type().fault() == ErrorType.Fault.USER ? "Sender" : "Receiver";
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    xml.append("<ErrorResponse");
    if (!namespace.isEmpty()) {
      xml.append(" xmlns=\"").append(namespace).append('"');
    }
    xml.append("><Error><Type>")
        .append(fault)
        .append("</Type><Code>")
        .append(escape(code))
        .append("</Code><Message>")
        .append(escape(error.getMessage()))
        .append("</Message></Error><RequestId>")
        .append(escape(requestId))
        .append("</RequestId></ErrorResponse>");
    return xmlResponse(error.type().status(), xml.toString());
  }

  private static HttpResponse xmlResponse(int status, String xml) {
    return HttpResponse.of(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  /** Escapes text for element content and attribute values. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\r' -> out.append("&#13;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}

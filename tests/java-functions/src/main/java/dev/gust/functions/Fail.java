package dev.gust.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Fails every invocation; its input is a POJO, which the runtime fills from the event's JSON. */
public final class Fail implements RequestHandler<Fail.Input, String> {

  @Override
  public String handleRequest(Input input, Context context) {
    throw new IllegalArgumentException("bad input: " + input.getN());
  }

  /** The event, as a JavaBean the way AWS's POJO examples declare their inputs. */
  public static final class Input {
    private Object n;

    public Object getN() {
      return n;
    }

    public void setN(Object n) {
      this.n = n;
    }
  }
}

package dev.gust.core;

import java.util.UUID;

/** Request and revision ids in AWS's format: random UUIDs in their canonical text form. */
public final class RequestIds {

  private RequestIds() {}

  public static String next() {
    return UUID.randomUUID().toString();
  }
}

package dev.gust.store;

/** The store could not do what was asked: a disk, corruption or programming error. */
public final class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.gust.registry;

import java.util.List;
import java.util.Optional;

/** One page of a listing and the marker that fetches the next, if there is more. */
public record Page<T>(List<T> items, Optional<String> nextMarker) {

  public Page {
    items = List.copyOf(items);
  }
}

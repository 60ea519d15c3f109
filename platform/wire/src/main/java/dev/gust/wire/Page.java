package dev.gust.wire;

import dev.gust.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One page of a listing and the opaque token that fetches the next: the pagination kit every
 * service's API uses. Tokens carry the key of the last item returned, so a listing that changes
 * between calls neither repeats nor skips the items that stayed.
 *
 * @param items the items of this page, in the listing's order
 * @param nextToken the token of the next page; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page of {@code items} (sorted by {@code key}, keys unique) that follows the item whose key
   * {@code token} carries, at most {@code limit} long.
   *
   * @param invalidToken the service's error for a token this kit did not make
   */
  public static <T> Page<T> after(
      List<T> items,
      Function<? super T, String> key,
      Optional<String> token,
      int limit,
      Supplier<AwsException> invalidToken) {
    int start = 0;
    if (token.isPresent()) {
      String last = decode(token.get(), invalidToken);
      while (start < items.size() && key.apply(items.get(start)).compareTo(last) <= 0) {
        start++;
      }
    }
    int end = Math.min(items.size(), start + Math.max(limit, 1));
    Optional<String> next =
        end < items.size() ? Optional.of(encode(key.apply(items.get(end - 1)))) : Optional.empty();
    return new Page<>(items.subList(start, end), next);
  }

  /** This page with its items mapped by {@code mapping}. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapping) {
    return new Page<>(items.stream().<R>map(mapping).toList(), nextToken);
  }

  /** The token that carries {@code key}. */
  public static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The key a token carries. */
  public static String decode(String token, Supplier<AwsException> invalidToken) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidToken.get();
    }
  }
}

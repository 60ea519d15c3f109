package dev.gust.sqs;

import dev.gust.sqs.QueueStore.Permission;
import dev.gust.sqs.QueueStore.QueueRow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a queue is configured with, as one immutable value: its attributes, tags and AddPermission
 * grants, and when it was created and last changed (epoch milliseconds). A change makes a new
 * value.
 */
record QueueSettings(
    QueueAttributes attributes,
    Map<String, String> tags,
    Map<String, Permission> permissions,
    long created,
    long modified) {

  QueueSettings {
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    permissions = Collections.unmodifiableMap(new LinkedHashMap<>(permissions));
  }

  static QueueSettings of(QueueRow row) {
    return new QueueSettings(
        new QueueAttributes(row.attributes()),
        row.tags(),
        row.permissions(),
        row.created(),
        row.modified());
  }

  QueueSettings withAttributes(QueueAttributes next) {
    return new QueueSettings(next, tags, permissions, created, modified);
  }

  QueueSettings withTags(Map<String, String> next) {
    return new QueueSettings(attributes, next, permissions, created, modified);
  }

  QueueSettings withPermissions(Map<String, Permission> next) {
    return new QueueSettings(attributes, tags, next, created, modified);
  }

  QueueSettings modifiedAt(long millis) {
    return new QueueSettings(attributes, tags, permissions, created, millis);
  }

  QueueRow row(long id, String account, String region, String name) {
    return new QueueRow(
        id, account, region, name, attributes.values(), tags, permissions, created, modified);
  }
}

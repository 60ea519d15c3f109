/**
 * Event patterns: the one place where Gust decides whether an event or a message matches what a
 * consumer asked for. EventBridge rules, SNS subscription filter policies and, later, event source
 * mapping filters all match with AWS's own {@code event-ruler} through {@link
 * dev.gust.patterns.PatternMatcher}; {@link dev.gust.patterns.SubscriptionFilter} shapes an SNS
 * message into the event a filter policy sees.
 *
 * <p>The module knows no service: callers hand it pattern texts and JSON events, and get answers.
 */
package dev.gust.patterns;

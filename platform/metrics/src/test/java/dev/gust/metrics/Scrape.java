package dev.gust.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition parsed into samples, failing on any line the format forbids. */
record Scrape(List<Scrape.Sample> samples, Map<String, String> types) {

  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"(,|$)");
  private static final Pattern TYPE =
      Pattern.compile(
          "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|summary|histogram|untyped)");

  static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        continue;
      }
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        types.put(type.group(1), type.group(2));
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a Prometheus text line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      String body = Optional.ofNullable(sample.group(2)).orElse("");
      Matcher label = LABEL.matcher(body);
      int at = 0;
      while (at < body.length() && label.find(at) && label.start() == at) {
        labels.put(label.group(1), label.group(2));
        at = label.end();
      }
      if (at != body.length()) {
        throw new AssertionError("bad labels in: " + line);
      }
      samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
    }
    return new Scrape(samples, types);
  }

  /** The value of the one sample with exactly this name and these labels. */
  Optional<Double> value(String name, String... labelPairs) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      wanted.put(labelPairs[i], labelPairs[i + 1]);
    }
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
        .map(Sample::value)
        .findFirst();
  }

  double get(String name, String... labelPairs) {
    return value(name, labelPairs)
        .orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labelPairs)));
  }
}

package dev.gust.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

  private final QueryParams params =
      QueryParams.of(
          QueryParams.parseForm(
              "AttributeNames.member.1=A&AttributeNames.member.2=B&AttributeNames.member.4=D"
                  + "&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=x+y"
                  + "&Attributes.entry.2.key=Policy&Attributes.entry.2.value=%7B%7D"
                  + "&Entries.member.1.Id=one&Entries.member.1.Message=m1"
                  + "&Entries.member.2.Id=two"));

  @Test
  void listsStopAtTheFirstGap() {
    assertThat(params.members("AttributeNames")).containsExactly("A", "B");
    assertThat(params.members("Missing")).isEmpty();
  }

  @Test
  void mapsKeepTheirOrderAndDecodePlusAsSpace() {
    List<Map.Entry<String, QueryParams>> entries = params.entries("Attributes", "key");

    assertThat(entries).extracting(Map.Entry::getKey).containsExactly("DisplayName", "Policy");
    assertThat(entries.getFirst().getValue().get("value")).contains("x y");
    assertThat(entries.get(1).getValue().get("value")).contains("{}");
  }

  @Test
  void structuresAreReadMemberByMember() {
    List<QueryParams> entries = params.structures("Entries");

    assertThat(entries).hasSize(2);
    assertThat(entries.getFirst().get("Message")).contains("m1");
    assertThat(entries.get(1).get("Id")).contains("two");
  }
}

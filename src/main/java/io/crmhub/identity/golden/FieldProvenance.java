package io.crmhub.identity.golden;

/**
 * Where one golden field value came from, so a user can see why the golden record says what it says and
 * the store can tell which source change to blame when a value is wrong.
 *
 * @param system         source system of the member that supplied the value
 * @param entity         its source entity
 * @param key            its source key
 * @param position       the source position of the member's change
 * @param mappingVersion the mapping (id@version) that produced the member
 * @param rule           the survivorship rule that chose the value: the field's rule as named in
 *                       survivorship.yaml ({@code source-priority}, {@code union} ...), or {@code most-recent}
 *                       when a {@code most-recent-wins} value decided
 */
public record FieldProvenance(String system, String entity, String key, String position, String mappingVersion,
                              String rule) {

    static FieldProvenance of(SourceMember member, String rule) {
        return new FieldProvenance(member.source().system(), member.source().entity(), member.source().key(),
                member.position(), member.mappingVersion(), rule);
    }
}

package io.crmhub.identity.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer.DocumentType;
import io.crmhub.identity.normalize.NormalizedCustomer;
import org.junit.jupiter.api.Test;

/** Issue 17: people known by name, birth date, identity document and an international address. */
class PersonMatchingTest {

    private static final PairMatcher MATCHER = new PairMatcher(MatchRules.fromClasspath());
    private static final String RESIDENT_ID = "110105199003070025";
    private static final String OTHER_RESIDENT_ID = "31011519850612123X";

    private static MatchExplanation compare(Records a, Records b) {
        return MATCHER.compare(a.build(), b.build(), TermFrequencies.none());
    }

    private static Level level(MatchExplanation e, Field field) {
        return e.comparisons().get(field.ordinal()).level();
    }

    @Test
    void documentLevels() {
        Records a = Records.person("John Smith").document(DocumentType.NATIONAL_ID, "12345678");
        assertThat(level(compare(a, Records.person("x").document(DocumentType.NATIONAL_ID, "1234-5678")),
                Field.DOCUMENT)).isEqualTo(Level.EXACT);
        assertThat(level(compare(a, Records.person("x").document(DocumentType.NATIONAL_ID, "12345687")),
                Field.DOCUMENT)).as("transposition").isEqualTo(Level.ONE_OFF);
        assertThat(level(compare(a, Records.person("x").document(DocumentType.NATIONAL_ID, "1234578")),
                Field.DOCUMENT)).as("one dropped").isEqualTo(Level.ONE_OFF);
        assertThat(level(compare(a, Records.person("x").document(DocumentType.NATIONAL_ID, "87654321")),
                Field.DOCUMENT)).isEqualTo(Level.DIFFERENT);
        assertThat(level(compare(a, Records.person("x").document(DocumentType.PASSPORT, "12345678")),
                Field.DOCUMENT)).as("another type is not compared").isEqualTo(Level.MISSING);
    }

    @Test
    void twoDifferentValidResidentIdsAreACannotLink() {
        MatchExplanation e = compare(Records.person("王芳").document(DocumentType.CN_RESIDENT_ID, RESIDENT_ID),
                Records.person("王芳").document(DocumentType.CN_RESIDENT_ID, OTHER_RESIDENT_ID));
        assertThat(e.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(e.rule()).isEqualTo("cannot-link:different-resident-ids");
    }

    @Test
    void aValidResidentIdDisagreeingWithAMistypedOneIsStrongEvidenceAgainst() {
        MatchExplanation e = compare(Records.person("王芳").document(DocumentType.CN_RESIDENT_ID, RESIDENT_ID),
                Records.person("王芳").document(DocumentType.CN_RESIDENT_ID, "110105199103170026"));
        assertThat(e.rule()).isNull();
        assertThat(level(e, Field.DOCUMENT)).isEqualTo(Level.DIFFERENT);
        assertThat(e.comparisons().get(Field.DOCUMENT.ordinal()).weight()).isLessThan(-5);
        assertThat(e.outcome()).isNotEqualTo(Outcome.MERGE);
    }

    @Test
    void theBirthDateIsReadFromAValidResidentId() {
        NormalizedCustomer c = Records.person("王芳").document(DocumentType.CN_RESIDENT_ID, RESIDENT_ID).build();
        assertThat(c.birthDate()).isEqualTo(19900307);
        assertThat(level(compare(Records.person("王芳").document(DocumentType.CN_RESIDENT_ID, RESIDENT_ID),
                Records.person("王芳").born("1990-03-07")), Field.BIRTH_DATE)).isEqualTo(Level.EXACT);
    }

    @Test
    void birthDateLevels() {
        Records a = Records.person("John Smith").born("1990-03-07");
        assertThat(level(compare(a, Records.person("x").born("1990-07-03")), Field.BIRTH_DATE)).isEqualTo(Level.SWAPPED);
        assertThat(level(compare(a, Records.person("x").born("1991-03-07")), Field.BIRTH_DATE)).isEqualTo(Level.ONE_OFF);
        assertThat(level(compare(a, Records.person("x").born("1990-03-08")), Field.BIRTH_DATE)).isEqualTo(Level.ONE_OFF);
        assertThat(level(compare(a, Records.person("x").born("1991-04-07")), Field.BIRTH_DATE))
                .isEqualTo(Level.DIFFERENT);
        assertThat(level(compare(a, Records.person("x")), Field.BIRTH_DATE)).isEqualTo(Level.MISSING);
    }

    @Test
    void internationalAddressesAreComparedAsTokens() {
        Records a = Records.person("x").foreignAddress("AU", "Milton", "177 Pridham Street", "4064");
        assertThat(level(compare(a, Records.person("y").foreignAddress("AU", "Milton", "177 pridhamstreet", "4064")),
                Field.ADDRESS)).isEqualTo(Level.EXACT);
        assertThat(level(compare(a, Records.person("y").foreignAddress("AU", "Miltno", "177 Pridham St", null)),
                Field.ADDRESS)).isEqualTo(Level.EXACT);
        assertThat(level(compare(a, Records.person("y").foreignAddress("AU", "Milton", "177 Pridhma Rd", "4064")),
                Field.ADDRESS)).as("a typo in the street").isEqualTo(Level.EXACT);
        assertThat(level(compare(a, Records.person("y").foreignAddress("AU", "Milton", "179 Pridham Street", "4064")),
                Field.ADDRESS)).isEqualTo(Level.SAME_ROAD);
        assertThat(level(compare(a, Records.person("y").foreignAddress("AU", "Toorak", "12 Baker Street", "3142")),
                Field.ADDRESS)).isEqualTo(Level.DIFFERENT);
    }

    @Test
    void latinNames() {
        Records a = Records.person("John Smith");
        assertThat(level(compare(a, Records.person("SMITH John")), Field.NAME)).as("swapped").isEqualTo(Level.EXACT);
        assertThat(level(compare(a, Records.person("J. Smith")), Field.NAME)).as("initial")
                .isEqualTo(Level.FUZZY_HIGH);
        assertThat(level(compare(Records.person("William Smith"), Records.person("Bill Smith")), Field.NAME))
                .as("nickname").isEqualTo(Level.FUZZY_HIGH);
        assertThat(level(compare(a, Records.person("Smith Jonh")), Field.NAME)).as("swapped and one edit")
                .isEqualTo(Level.FUZZY_HIGH);
        assertThat(level(compare(a, Records.person("Mary Smith")), Field.NAME)).isNotIn(Level.EXACT, Level.FUZZY_HIGH);
        assertThat(level(compare(a, Records.person("J S")), Field.NAME)).isNotIn(Level.EXACT, Level.FUZZY_HIGH);
    }

    @Test
    void nameBirthDateAndAddressMergeWithoutAnId() {
        MatchExplanation e = compare(
                Records.person("John Smith").born("1990-03-07")
                        .foreignAddress("AU", "Milton", "177 Pridham Street", "4064"),
                Records.person("Smith J").born("1990-07-03")
                        .foreignAddress("AU", "Milton", "177 pridhamstreet", null));
        assertThat(e.outcome()).isEqualTo(Outcome.MERGE);
    }

    @Test
    void housematesStayApart() {
        MatchExplanation e = compare(
                Records.person("John Smith").born("1990-03-07")
                        .foreignAddress("AU", "Milton", "177 Pridham Street", "4064"),
                Records.person("Mary Smith").born("1962-11-20")
                        .foreignAddress("AU", "Milton", "177 Pridham Street", "4064"));
        assertThat(e.outcome()).isNotEqualTo(Outcome.MERGE);
    }

    @Test
    void documentsAndBirthDatesAreBlockKeys() {
        Blocker blocker = new Blocker(MatchRules.fromClasspath().blocking());
        NormalizedCustomer c = Records.person("John Smith").born("1990-03-07")
                .document(DocumentType.NATIONAL_ID, "1234 5678").build();
        assertThat(blocker.keys(c)).contains("doc:NATIONAL_ID:12345678", "bd:19900307:s");
        assertThat(blocker.keys(Records.person("J Smith").born("1990-03-07").build())).contains("bd:19900307:s");
    }
}

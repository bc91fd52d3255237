"""The rule-based relation extractor on sentences like those in IL-6 papers."""

from __future__ import annotations

import pytest


def test_verb_gives_signed_relation(relations) -> None:
    assert relations("IL-6 promotes angiogenesis.") == [
        ("HGNC:6018", "affects", "GO:0001525", "increased", None, False, False, None)
    ]


def test_pro_adjective(relations) -> None:
    found = relations("Interleukin-6 (IL-6) exerts pro-angiogenic effects in the tumour microenvironment.")
    assert found == [("HGNC:6018", "affects", "GO:0001525", "increased", None, False, False, None)]


def test_blockade_inverts_the_sign_and_keeps_aspect_and_cell_context(relations) -> None:
    found = relations(
        "IL-6 signaling blockade resulted in decreased expression of suppressor of cytokine signaling 3, "
        "essential for effective M1-type function in macrophages, and increased expression of the "
        "phagocytic checkpoint molecule signal-regulatory protein alpha by macrophages."
    )
    assert (
        "GO:0070102",
        "affects",
        "HGNC:19391",
        "increased",
        "expression",
        False,
        False,
        "CL:0000235",
    ) in found
    assert (
        "GO:0070102",
        "affects",
        "HGNC:9662",
        "decreased",
        "expression",
        False,
        False,
        "CL:0000235",
    ) in found


def test_blockade_of_prefix_form_inverts(relations) -> None:
    found = relations("Blockade of IL-6 signaling exacerbated tumor growth in mouse models.")
    assert found == [("GO:0070102", "affects", "MONDO:0005070", "decreased", None, False, False, None)]


def test_hedged_claim_is_flagged(relations) -> None:
    found = relations("IL-6 may induce STAT3 phosphorylation.")
    assert found == [
        ("HGNC:6018", "affects", "HGNC:11364", "increased", "phosphorylation", False, True, None)
    ]


def test_negated_claim_is_kept(relations) -> None:
    found = relations("IL-6 did not increase STAT3 expression.")
    assert found == [("HGNC:6018", "affects", "HGNC:11364", "increased", "expression", True, False, None)]


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        ("IL-6 induced STAT3 phosphorylation but not SOCS3 expression.", {"HGNC:19391"}),
        ("IL-6 increased STAT3 expression without affecting SOCS3.", {"HGNC:19391"}),
        ("IL-6 increased not only STAT3 but also SOCS3 expression.", set()),
        ("IL-6 increased STAT3 and SOCS3 expression.", set()),
    ],
)
def test_a_denial_inside_the_object_list_negates_the_objects_after_it(
    relations, sentence: str, denied: set[str]
) -> None:
    found = {(r[2], r[5]) for r in relations(sentence) if r[0] == "HGNC:6018"}
    assert found == {("HGNC:11364", False), ("HGNC:19391", "HGNC:19391" in denied)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A passive's "by" agent acts on its subject; a blockade still inverts the sign.
        ("SOCS3 was induced by IL-6.", {("HGNC:6018", "HGNC:19391", "increased", None, False)}),
        (
            "SOCS3 expression was not markedly reduced by IL-6 blockade.",
            {("HGNC:6018", "HGNC:19391", "increased", "expression", True)},
        ),
        (
            "STAT3 activity was reduced by inhibition of the IL-6 pathway.",
            {("HGNC:6018", "HGNC:11364", "increased", "activity", False)},
        ),
        (
            "SOCS3 was induced in macrophages by IL-6.",
            {("HGNC:6018", "HGNC:19391", "increased", None, False)},
        ),
        # Without a "by" agent the subject is what changed, not what changed it ...
        ("STAT3 was reduced in macrophages.", set()),
        # ... unless the group names its treatment (kg.nlp.patterns).
        (
            "STAT3 was reduced in macrophages treated with IL-6.",
            {("HGNC:6018", "HGNC:11364", "decreased", None, False)},
        ),
    ],
)
def test_a_passive_claim_runs_from_its_by_agent(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3], r[4], r[5]) for r in relations(sentence)} == expected


def test_a_reported_finding_starts_after_that_and_a_species_word_keeps_the_cell_in_context(relations) -> None:
    found = relations("Studies in mouse macrophages have shown that IL-6 increases SOCS3 expression.")
    assert found == [
        ("HGNC:6018", "affects", "HGNC:19391", "increased", "expression", False, False, "CL:0000235")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "IL-6 induced tyrosine phosphorylation of STAT3.",
        "IL-6 induced phosphorylation of STAT3 at tyrosine 705.",
    ],
)
def test_an_amino_acid_naming_a_site_is_no_claim_end(relations, sentence: str) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == {("HGNC:6018", "HGNC:11364")}


def test_a_verb_word_after_an_article_is_a_noun_phrase_not_a_trigger(relations) -> None:
    assert relations("IL-6 levels and an increased expression of SOCS3 were observed.") == []
    found = relations("IL-6 caused an increased expression of SOCS3.")
    assert [(r[0], r[2], r[3]) for r in found] == [("HGNC:6018", "HGNC:19391", "increased")]


def test_no_differences_clause_borrows_the_perturbed_agent(relations) -> None:
    found = relations(
        "Therapy efficacy was impaired in Il6ra fl/fl mice, while no differences in the "
        "CD8-positive T cell response were found between these mice."
    )
    assert found == [("MGI:105304", "affects", "CL:0000625", None, None, True, False, None)]


def test_single_entity_sentence_has_no_relation(relations) -> None:
    assert relations("IL-6 is a pleiotropic cytokine.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A reduced relative names its agent after "by" or "in response to"; the clause's own
        # verb still gives its claim.
        (
            "IL-6 induced by LPS activates STAT3.",
            {("HGNC:6018", "HGNC:11364", "increased")},
        ),
        (
            "SOCS3, induced in macrophages by IL-6, inhibits STAT3.",
            {
                ("HGNC:6018", "HGNC:19391", "increased"),
                ("HGNC:19391", "HGNC:11364", "decreased"),
            },
        ),
        # Used without an object, the verb's subject is what changed: nothing after it is an object.
        ("SOCS3 increased on day 8 in STAT3 knockout mice.", set()),
        (
            "SOCS3 expression induced by IL-6 was decreased when macrophages were treated with STAT3.",
            {
                ("HGNC:6018", "HGNC:19391", "increased"),
            },
        ),
    ],
)
def test_a_verb_followed_by_a_preposition_leaves_its_subject_the_thing_changed(
    relations, sentence: str, expected: set
) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The object list stops where a new subject takes its own verb ...
        (
            "IL-6 induced SOCS3 and STAT3 induced SIRPA.",
            {
                ("HGNC:6018", "HGNC:19391"),
                ("HGNC:11364", "HGNC:9662"),
            },
        ),
        # ... and at a comparison or a sequence of events.
        (
            "IL-6 induced SOCS3 in macrophages compared with primary STAT3 levels.",
            {("HGNC:6018", "HGNC:19391")},
        ),
        ("IL-6 is required for angiogenesis following STAT3 activation.", {("HGNC:6018", "GO:0001525")}),
        ("IL-6 increased SOCS3 independently of STAT3.", {("HGNC:6018", "HGNC:19391")}),
        # "angiogenesis of the neoplasm": whose angiogenesis, not a second object.
        ("IL-6 increased the angiogenesis of the neoplasm.", {("HGNC:6018", "GO:0001525")}),
    ],
)
def test_the_objects_end_at_a_new_subject_a_comparison_or_an_owner(
    relations, sentence: str, expected: set
) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected


def test_a_glossary_sentence_gives_no_claim(relations) -> None:
    assert (
        relations("Abbreviations: IL-6 = interleukin 6; STAT3 = signal transducer 3; SOCS3 = suppressor 3.")
        == []
    )
    assert relations("IL-6 = interleukin 6; STAT3 = signal transducer 3; SOCS3 = suppressor 3.") == []
    # Statistics are no definitions: the claim stays.
    assert relations("IL-6 induced SOCS3 (p = 0.01, n = 12, r = 0.5).") != []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "SOCS3 and STAT3 increased on day 8 in mice given IL-6.",
            {
                ("HGNC:6018", "HGNC:19391", "increased"),
                ("HGNC:6018", "HGNC:11364", "increased"),
            },
        ),
        (
            "SOCS3 levels were reduced in IL-6-treated macrophages.",
            {("HGNC:6018", "HGNC:19391", "decreased")},
        ),
        # A transitive verb's subject is no changed thing: the group's treatment is not its cause.
        ("STAT3 increased SOCS3 in mice given IL-6.", {("HGNC:11364", "HGNC:19391", "increased")}),
    ],
)
def test_a_change_in_a_treated_group_runs_from_the_treatment(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A noun of a trigger's stem after an object makes no new subject.
        (
            "IL-6 induced SOCS3 activation and STAT3 phosphorylation.",
            {
                ("HGNC:6018", "HGNC:19391"),
                ("HGNC:6018", "HGNC:11364"),
            },
        ),
        # In a relative clause the main verb after the object is the first subject's.
        (
            "IL-6, which activates STAT3, also induced SOCS3.",
            {
                ("HGNC:6018", "HGNC:11364"),
                ("HGNC:6018", "HGNC:19391"),
            },
        ),
        # A reduced relative describes the entity just before it, and ends the object list.
        ("STAT3 was measured in macrophages stimulated with IL-6.", set()),
        ("IL-6 reduced SOCS3 in macrophages stimulated with STAT3 and SIRPA.", {("HGNC:6018", "HGNC:19391")}),
    ],
)
def test_clause_boundaries_inside_an_object_list(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The noun "increase in X" keeps X as the object; only a participle is used without one.
        (
            "IL-6 caused a marked increase in SOCS3 and STAT3.",
            {
                ("HGNC:6018", "HGNC:19391"),
                ("HGNC:6018", "HGNC:11364"),
            },
        ),
        # An object directly after its verb stays the object when a verb follows it.
        (
            "STAT3 that is known to inhibit IL-6 signaling blocks SOCS3 expression.",
            {("HGNC:11364", "GO:0070102"), ("HGNC:11364", "HGNC:19391")},
        ),
    ],
)
def test_nouns_and_objects_before_a_verb(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A cell or disease right before a process names whose process it is.
        ("IL-6 reduced macrophage angiogenesis.", {("HGNC:6018", "GO:0001525", "decreased")}),
        # A dominant negative form is a loss of function: the sign inverts.
        (
            "A dominant negative STAT3 construct reduced SOCS3 expression.",
            {("HGNC:11364", "HGNC:19391", "increased")},
        ),
        # "we" opens a new clause: no objects after it.
        ("As IL-6 induces SOCS3, we examined STAT3.", {("HGNC:6018", "HGNC:19391", "increased")}),
    ],
)
def test_modifiers_dominant_negatives_and_new_clauses(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # After "in", cells and their coordinates are the setting, not more objects.
        (
            "IL-6 induced STAT3 phosphorylation in macrophages and T cells.",
            {("HGNC:6018", "HGNC:11364", "increased")},
        ),
        ("IL-6 induced STAT3 in both macrophages and T cells.", {("HGNC:6018", "HGNC:11364", "increased")}),
        # ... until a comma: the list goes on after it.
        (
            "IL-6 induced STAT3 in resting T cells, and SOCS3 in macrophages.",
            {("HGNC:6018", "HGNC:11364", "increased"), ("HGNC:6018", "HGNC:19391", "increased")},
        ),
    ],
)
def test_cells_after_a_place_preposition_are_context(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A noun of a trigger's stem keeps the verb's sign; only a verb replaces it.
        (
            "STAT3 inhibited SOCS3 activation and IL-6 production.",
            {("HGNC:11364", "HGNC:19391", "decreased"), ("HGNC:11364", "HGNC:6018", "decreased")},
        ),
        ("STAT3 caused a decrease in SOCS3.", {("HGNC:11364", "HGNC:19391", "decreased")}),
        # A second verb of the same subject sets its own sign, an unsigned one none.
        (
            "STAT3 blocks angiogenesis and regulates SOCS3.",
            {("HGNC:11364", "GO:0001525", "decreased"), ("HGNC:11364", "HGNC:19391", None)},
        ),
        # "-ing" forms after "by" are verbs, and a noun after "through" is a means with its own sign.
        (
            "IL-6 reduces angiogenesis by decreasing SOCS3 and inhibiting STAT3 activation.",
            {
                ("HGNC:6018", "GO:0001525", "decreased"),
                ("HGNC:6018", "HGNC:19391", "decreased"),
                ("HGNC:6018", "HGNC:11364", "decreased"),
            },
        ),
        (
            "IL-6 ameliorated angiogenesis through inhibition of STAT3.",
            {("HGNC:6018", "GO:0001525", "decreased"), ("HGNC:6018", "HGNC:11364", "decreased")},
        ),
        # ... and so is a participle after them, also as the clause's only trigger.
        (
            "IL-6 reduced angiogenesis via enhanced SOCS3 expression.",
            {("HGNC:6018", "GO:0001525", "decreased"), ("HGNC:6018", "HGNC:19391", "increased")},
        ),
        ("STAT3 acts through increased availability of SOCS3.", {("HGNC:11364", "HGNC:19391", "increased")}),
        # After "reflected by", "fewer" and "more" still compose with the verb.
        (
            "IL-6 signaling blockade increased angiogenesis, reflected by fewer SOCS3 and more STAT3.",
            {
                ("GO:0070102", "GO:0001525", "decreased"),
                ("GO:0070102", "HGNC:19391", "increased"),
                ("GO:0070102", "HGNC:11364", "decreased"),
            },
        ),
        # A reduced relative with a neutral verb ends the list; its agent is no object.
        ("IL-6 induced SOCS3 expression mediated by STAT3.", {("HGNC:6018", "HGNC:19391", "increased")}),
        # "in response to" names agents, not objects; the list goes on after them.
        ("STAT3 regulates SOCS3 induction in response to IL-6.", {("HGNC:11364", "HGNC:19391", None)}),
        (
            "STAT3 induces SOCS3 in response to both IL-6 and SIRPA via the production of angiogenesis.",
            {("HGNC:11364", "HGNC:19391", "increased"), ("HGNC:11364", "GO:0001525", "increased")},
        ),
        # "reduced X and decreased Y": the second participle is a verb, not a modifier of Y.
        (
            "IL-6 reduced SOCS3 up-regulation and decreased STAT3 expression.",
            {("HGNC:6018", "HGNC:19391", "decreased"), ("HGNC:6018", "HGNC:11364", "decreased")},
        ),
    ],
)
def test_signs_inside_an_object_list(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "X requires Y": Y acts on X.
        ("STAT3 activation in macrophages requires IL-6.", {("HGNC:6018", "HGNC:11364", "increased", False)}),
        ("SOCS3 induction does not require STAT3.", {("HGNC:11364", "HGNC:19391", "increased", True)}),
        # A noun trigger followed by "of" is still read.
        ("IL-6 induction of SOCS3 was reported.", {("HGNC:6018", "HGNC:19391", "increased", False)}),
        # The requirer is the subject's own noun phrase, not a clause with its own verb.
        ("IL-6-induced angiogenesis was SOCS3-dependent and required STAT3.", set()),
        # "is required for" keeps its own reading.
        ("IL-6 is required for angiogenesis.", {("HGNC:6018", "GO:0001525", "increased", False)}),
    ],
)
def test_a_requirement_verb_runs_from_what_is_required(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3], r[5]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "in the presence of" names a condition, not an object.
        ("STAT3 induced SOCS3 in the presence of recombinant IL-6.", {("HGNC:11364", "HGNC:19391")}),
        # A noun of a trigger's stem whose noun phrase names its own agent is no act of the subject.
        ("STAT3 and the IL-6-induced activation of SOCS3 were measured.", set()),
        # A participle or adjective after an article (and adverbs) describes a noun.
        ("STAT3 carries a constitutively activated SOCS3.", set()),
        ("STAT3 had the inhibitory effects of SOCS3.", set()),
    ],
)
def test_noun_phrases_are_no_verbs(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected


def test_an_agent_noun_after_an_entity_is_no_verb(relations) -> None:
    # "the STAT3 inhibitor" names a drug against STAT3: the verb is "reduced", and blocking
    # STAT3 lowers SOCS3, so STAT3 raises it.
    sentence = "While the STAT3 inhibitor, PD98059, ablated the response, it reduced SOCS3 expression."
    found = relations(sentence)
    assert {(r[0], r[2], r[3]) for r in found} == {("HGNC:11364", "HGNC:19391", "increased")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A participle after a preposition is an adjective: "with enhanced X" makes no verb.
        ("Macrophages made IL-6, which coincided with enhanced STAT3 activity.", set()),
        # A trigger noun after "following" is an event, not the subject's act.
        ("SOCS3 was measured following inhibition of STAT3.", set()),
        # A sentence-opening purpose clause ends at its comma.
        (
            "To test whether STAT3 promotes angiogenesis, SOCS3 and IL-6 were measured.",
            {("HGNC:11364", "GO:0001525")},
        ),
    ],
)
def test_adjectives_events_and_purpose_clauses(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A participle between an entity and a trigger noun is a compound adjective: the sign
        # stays the verb's ("suppressed IL-6 induced phosphorylation of STAT3"), and IL-6, as in
        # "IL-6-induced", only modifies the noun (session 26: it was an object before).
        (
            "SIRPA suppressed IL-6 induced phosphorylation of STAT3 and SOCS3.",
            {
                ("HGNC:9662", "HGNC:11364", "decreased"),
                ("HGNC:9662", "HGNC:19391", "decreased"),
            },
        ),
        # "-ory" and "-ive" words after a preposition are adjectives.
        ("IL-6 and STAT3 sites act as regulatory elements of SOCS3.", set()),
    ],
)
def test_compound_participles_and_adjectives(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A cell type joined to a setting ("in macrophages and T cells") is a setting too, not
        # the subject: IL-6 is.
        (
            "We show that in macrophages and T cells IL-6 induces SOCS3.",
            {("HGNC:6018", "HGNC:19391", "increased")},
        ),
        # A sentence-opening subordinate clause ends at the comma before its main clause ("the").
        (
            "Although STAT3 can promote angiogenesis, SOCS3, and neoplasm, the response of T cells "
            "to IL-6 remains unclear.",
            {
                ("HGNC:11364", "GO:0001525", "increased"),
                ("HGNC:11364", "HGNC:19391", "increased"),
                ("HGNC:11364", "MONDO:0005070", "increased"),
            },
        ),
        # A modifier ("IL-6-stimulated") inside a setting keeps it going: the neoplasm is where.
        (
            "STAT3 inhibited SOCS3 in IL-6-stimulated neoplasm samples.",
            {("HGNC:11364", "HGNC:19391", "decreased")},
        ),
        # "cells respond to X with ...": the cells are no agent; here nothing named acted.
        ("T cells respond to the stimulus with increases in SOCS3 and STAT3.", set()),
    ],
)
def test_settings_subordinate_clauses_and_responses(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A trigger noun after the noun it signs ("STAT1 inhibition") signs that noun only.
        (
            "IL-6 reduced STAT3 inhibition and SOCS3 expression.",
            {("HGNC:6018", "HGNC:11364", "increased"), ("HGNC:6018", "HGNC:19391", "decreased")},
        ),
        ("IL-6 induced growth inhibition and angiogenesis.", {("HGNC:6018", "GO:0001525", "increased")}),
        # ... but before "of" it signs what follows.
        (
            "IL-6 caused inhibition of SOCS3 and STAT3.",
            {("HGNC:6018", "HGNC:19391", "decreased"), ("HGNC:6018", "HGNC:11364", "decreased")},
        ),
        # A means may carry compound modifiers: "via STAT3-dependent inhibition of X".
        (
            "IL-6 reduced neoplasm via SIRPA/STAT3-dependent inhibition of angiogenesis.",
            {("HGNC:6018", "MONDO:0005070", "decreased"), ("HGNC:6018", "GO:0001525", "decreased")},
        ),
    ],
)
def test_trigger_nouns_after_their_noun_and_compound_means(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A residue after "by" is the site of the change, not its agent.
        ("STAT3 is activated by tyrosine phosphorylation in macrophages.", set()),
        # "suggest that A ... and that B increases C": B, which no entity names, is the subject.
        (
            "These data suggest that macrophages are inactivated and that tumour cells may increase SOCS3.",
            set(),
        ),
        # ... but a pronoun there takes up the entity before "that".
        (
            "Investigating SOCS3, we demonstrated that it is a critical inhibitor of STAT3.",
            {("HGNC:19391", "HGNC:11364", "decreased")},
        ),
        # A second verb after "and" and an adverb sets its own sign.
        (
            "IL-6 reduced STAT3 activity and especially decreased the release of SOCS3.",
            {("HGNC:6018", "HGNC:11364", "decreased"), ("HGNC:6018", "HGNC:19391", "decreased")},
        ),
        # A role noun between a target and a substance's name leaves the substance as subject.
        ("The STAT3 inhibitor SIRPA reduced SOCS3.", {("HGNC:9662", "HGNC:19391", "decreased")}),
        # "protects against" lowers its object; a participle after it is an adjective.
        (
            "SIRPA protects against chemically induced neoplasm.",
            {("HGNC:9662", "MONDO:0005070", "decreased")},
        ),
        # A class word right before a name ("the cytokine IL-6") leaves the name as the subject.
        ("The macrophage STAT3 induces SOCS3.", {("HGNC:11364", "HGNC:19391", "increased")}),
        # Coordinated compound modifiers ("STAT3- and SIRPA-independent") name no objects.
        (
            "IL-6 suppressed SOCS3 expression and engaged a STAT3- and SIRPA-independent arrest.",
            {("HGNC:6018", "HGNC:19391", "decreased")},
        ),
        # An agent noun after "with" is a substance added, not the subject's act.
        ("Macrophages were cultured with inhibitors of STAT3 or SOCS3.", set()),
        ("SOCS3, a potent inhibitor of STAT3, was measured.", {("HGNC:19391", "HGNC:11364", "decreased")}),
        # "X caused inhibition of Y": the noun after the verb does not make X a blocked agent.
        ("IL-6 caused inhibition of SOCS3.", {("HGNC:6018", "HGNC:19391", "decreased")}),
    ],
)
def test_residues_reported_clauses_modifiers_and_agent_nouns(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A gerund of loss opening a phrase inverts the sign, as "blockade of" does.
        ("Blocking IL-6 reduced SOCS3 expression.", {("HGNC:6018", "HGNC:19391", "increased")}),
        ("SOCS3 expression was reduced by blocking IL-6.", {("HGNC:6018", "HGNC:19391", "increased")}),
        (
            "We found that knocking down SOCS3 increased STAT3 activity.",
            {("HGNC:19391", "HGNC:11364", "decreased")},
        ),
        # ... but after its own subject it is a verb: STAT3 is the object.
        (
            "SOCS3 inhibiting STAT3 reduced angiogenesis.",
            {("HGNC:19391", "HGNC:11364", "decreased"), ("HGNC:19391", "GO:0001525", "decreased")},
        ),
        # What a measurement is of does not act: "the STAT3 profile revealed ...".
        ("The STAT3 profile revealed an increase of SOCS3.", set()),
    ],
)
def test_gerunds_of_loss_and_measurements(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A trigger noun joined by "and" to the subject is part of it, nobody's act.
        ("STAT3 activity and inhibition of angiogenesis do not require SOCS3.", set()),
        # A second predicate after "and" ends the objects when it is no trigger ...
        (
            "IL-6 inhibits STAT3 and acts by virtue of its SOCS3 activity.",
            {("HGNC:6018", "HGNC:11364", "decreased", False)},
        ),
        # ... and reads its own sign and negation when it is one, an association too.
        (
            "IL-6 induced STAT3 and has been associated with angiogenesis.",
            {("HGNC:6018", "HGNC:11364", "increased", False), ("HGNC:6018", "GO:0001525", None, False)},
        ),
        (
            "IL-6 did not induce STAT3 and is required for angiogenesis.",
            {("HGNC:6018", "HGNC:11364", "increased", True), ("HGNC:6018", "GO:0001525", "increased", False)},
        ),
        (
            "IL-6 induced STAT3 and is not required for angiogenesis.",
            {("HGNC:6018", "HGNC:11364", "increased", False), ("HGNC:6018", "GO:0001525", "increased", True)},
        ),
        # An entity listed after one in context is no requirer ...
        ("Transformation by SIRPA and IL-6 required STAT3.", set()),
        # An entity with a trigger noun and "of" after it acts on the next one; it is no object.
        ("SIRPA is critical for IL-6 induction of STAT3.", {("HGNC:9662", "HGNC:11364", "increased", False)}),
        # ... though it may be an agent: what a treatment is with acts ("treatment with A or B is
        # associated with X": both) ...
        (
            "Treatment with SIRPA or IL-6 is associated with angiogenesis.",
            {("HGNC:9662", "GO:0001525", None, False), ("HGNC:6018", "GO:0001525", None, False)},
        ),
        # ... but a comma ends the setting (and both subjects act).
        (
            "In mice, IL-6 and SIRPA induced SOCS3.",
            {
                ("HGNC:6018", "HGNC:19391", "increased", False),
                ("HGNC:9662", "HGNC:19391", "increased", False),
            },
        ),
    ],
)
def test_coordinated_subjects_and_second_predicates(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3], r[5]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A modifier keeps its bracketed short form: "interleukin-6 (IL-6)-stimulated" acts on nothing.
        (
            "STAT3 inhibits interleukin-6 (IL-6)-stimulated production of SOCS3.",
            {("HGNC:11364", "HGNC:19391")},
        ),
        # A slash lists an entity in context as "and" does: "with SIRPA/STAT3 expression".
        (
            "In mice with SIRPA/STAT3 expression SOCS3 was correlated with angiogenesis.",
            {("HGNC:19391", "GO:0001525")},
        ),
        # A name before another premodifier of cells is part of the setting.
        ("IL-6 reduced SOCS3 in the SIRPA macrophage-derived T cells.", {("HGNC:6018", "HGNC:19391")}),
        # A clause of no effect names its own subject.
        (
            "In macrophages, SIRPA had no significant effect on STAT3 phosphorylation.",
            {("HGNC:9662", "HGNC:11364")},
        ),
        # ... but "change" after "did not" is a verb whose subject changed.
        ("STAT3 expression did not change following SIRPA treatment.", set()),
        # "mediated through" names the mediator, past "at least partly".
        ("SOCS3 expression is at least partly mediated through STAT3.", {("HGNC:11364", "HGNC:19391")}),
        # "and while" opens a clause of its own, and "X did not" is another subject.
        (
            "SOCS3 had a complex effect on angiogenesis and while IL-6 activated STAT3, SIRPA did not.",
            {("HGNC:6018", "HGNC:11364")},
        ),
    ],
)
def test_modifiers_mediators_and_subordinate_clauses(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A noun that stands in for the entity leaves it out: an unnamed mimetic acts, not SIRPA.
        ("A SIRPA mimetic attenuates angiogenesis.", set()),
        (
            "SIRPA increased expression of the IL-6 suppressor gene STAT3.",
            {("HGNC:9662", "HGNC:11364", "increased", False)},
        ),
        # A knockout genotype inside the name's token inverts the sign.
        (
            "SIRPA(-/-) macrophages display augmented STAT3 activity.",
            {("HGNC:9662", "HGNC:11364", "decreased", False)},
        ),
        # "post" is a time: "at 4 h post IL-6 injection".
        (
            "SIRPA attenuated SOCS3 levels at 4 h post IL-6 injection.",
            {("HGNC:9662", "HGNC:19391", "decreased", False)},
        ),
        # A hyphen left on a name still makes a compound modifier ("IL-6- induced").
        (
            "SIRPA does not inhibit IL-6- induced STAT3 activation.",
            {("HGNC:9662", "HGNC:11364", "decreased", True)},
        ),
    ],
)
def test_stand_in_nouns_times_and_detached_hyphens(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3], r[5]) for r in relations(sentence)} == expected


def test_a_question_is_hedged(relations) -> None:
    # "to examine whether X modulates Y" asks; it does not report a finding.
    found = relations("We examined whether IL-6 promotes angiogenesis in mice.")
    assert [(r[0], r[2], r[6]) for r in found] == [("HGNC:6018", "GO:0001525", True)]


def test_a_purpose_clause_is_hedged(relations) -> None:
    # "To determine the degree to which X suppresses Y, ..." states the question.
    found = relations("To determine the degree to which IL-6 suppresses SOCS3, macrophages were used.")
    assert [(r[0], r[2], r[3], r[6]) for r in found] == [("HGNC:6018", "HGNC:19391", "decreased", True)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "IL-6 neutralizing antibodies" block IL-6: the sign inverts.
        (
            "Angiogenesis was inhibited by IL-6 neutralizing antibodies.",
            {("HGNC:6018", "GO:0001525", "increased")},
        ),
        # What a test measures is no object: "in the forced angiogenesis tests".
        (
            "SIRPA prevented STAT3 in the suspension and forced angiogenesis tests.",
            {("HGNC:9662", "HGNC:11364", "decreased")},
        ),
    ],
)
def test_neutralizing_and_tests(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A verb inside a bracketed list belongs to a name there, not to the subject outside.
        ("SIRPA markers (STAT3, growth arrest and DNA damage induced SOCS3) were evaluated.", set()),
        # ... but a bracket with its own subject makes its own claim.
        (
            "SIRPA activates STAT3 (and IL-6 induced SOCS3).",
            {("HGNC:9662", "HGNC:11364", "increased"), ("HGNC:6018", "HGNC:19391", "increased")},
        ),
        # A protocol's purpose is the experimenter's: "macrophages were cultured ..., washed to remove".
        (
            "When isolated macrophages were first cultured for 20 h in the presence of IL-6 on Teflon to"
            " prevent adherence, washed to remove STAT3 and then further cultured.",
            set(),
        ),
        # A loss word after a preposition is another noun's: the fragment is not knocked out.
        (
            "SIRPA of anti-mouse serum did not induce STAT3.",
            {("HGNC:9662", "HGNC:11364", "increased")},
        ),
        # A knocked-out gene put back (a rescue) does not invert the sign.
        (
            "SIRPA(-/-) macrophages transfected with SIRPA vectors showed decreased STAT3 expression.",
            {("HGNC:9662", "HGNC:11364", "decreased")},
        ),
    ],
)
def test_bracketed_verbs_protocols_and_rescues(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A noun of a trigger's stem that ends a list item acts on nothing after the "and".
        ("STAT3 activation and IL-6 were measured in macrophages.", set()),
        # An entity inside a closed bracket is no subject; a fronted phrase ends at its comma.
        (
            "Via targeting SIRPA (an activator of IL-6), STAT3 represses SOCS3.",
            {("HGNC:11364", "HGNC:19391", "decreased", False)},
        ),
        # A denial inside a bracket is the aside's, not the verb's.
        ("IL-6 (but not SIRPA) induced SOCS3.", {("HGNC:6018", "HGNC:19391", "increased", False)}),
        # An apposition after an object describes it: "SOCS3, a regulator of STAT3," is no object list.
        (
            "IL-6 inhibited SOCS3, a negative regulator of STAT3, in macrophages.",
            {("HGNC:6018", "HGNC:19391", "decreased", False)},
        ),
        # "resulting in" a change: the consequence's noun gives its sign.
        (
            "IL-6 inhibited STAT3, resulting in upregulation of SOCS3.",
            {
                ("HGNC:6018", "HGNC:11364", "decreased", False),
                ("HGNC:6018", "HGNC:19391", "increased", False),
            },
        ),
    ],
)
def test_listed_nouns_brackets_appositions_and_consequences(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3], r[5]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "control" before a comparison group is a noun, not the verb "control".
        ("We compared STAT3 levels between SIRPA and control siRNA-transfected macrophages.", set()),
        # A denial of a first verb does not reach the objects of a second one.
        (
            "Knockdown of SIRPA reduced STAT3 activation but did not abolish it and abolished SOCS3"
            " activation.",
            {
                ("HGNC:9662", "HGNC:11364", "increased", False),
                ("HGNC:9662", "HGNC:19391", "increased", False),
            },
        ),
        (
            "IL-6 induced STAT3 but did not induce SOCS3.",
            {("HGNC:6018", "HGNC:11364", "increased", False), ("HGNC:6018", "HGNC:19391", "increased", True)},
        ),
        # "implicated in" associates; "involved in repressing" reads the verb after it.
        ("SIRPA has been implicated in angiogenesis.", {("HGNC:9662", "GO:0001525", None, False)}),
        ("SIRPA is involved in repressing angiogenesis.", {("HGNC:9662", "GO:0001525", "decreased", False)}),
        # "X mediates the effect of Y": Y acts through X, X does not act on Y.
        ("SIRPA mediates the anti-apoptotic effect of IL-6 in macrophages.", set()),
    ],
)
def test_control_groups_denials_of_a_first_verb_and_involvement(
    relations, sentence: str, expected: set
) -> None:
    assert {(r[0], r[2], r[3], r[5]) for r in relations(sentence)} == expected


def test_a_suggested_complement_is_hedged_however_long_its_subject(relations) -> None:
    found = relations(
        "These results suggest that SIRPA activation and the desensitization of several chemokine receptors"
        " in cultured cells are involved in angiogenesis."
    )
    assert [(r[0], r[2], r[6]) for r in found] == [("HGNC:9662", "GO:0001525", True)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A reversal composes with the change it reverses.
        (
            "SIRPA partially reversed inhibition of angiogenesis caused by IL-6.",
            {("HGNC:9662", "GO:0001525", "increased")},
        ),
        (
            "SIRPA reversed the IL-6-induced increase in STAT3 expression.",
            {("HGNC:9662", "HGNC:11364", "decreased")},
        ),
        # ... and "reversed-phase" is no verb.
        ("STAT3 was measured in SIRPA cells by reversed-phase chromatography.", set()),
        # A word after a hyphenated participle is a noun, not a new verb.
        (
            "SIRPA inhibited the IL-6-induced increase in STAT3 expression.",
            {("HGNC:9662", "HGNC:11364", "decreased")},
        ),
    ],
)
def test_reversals_and_nouns_after_compound_participles(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A bracket reporting a statistical test names no objects ...
        (
            "SIRPA attenuated STAT3 expression (SIRPA x IL-6, F(1,59) = 5.4, P < 0.02, Fig. 7E).",
            {("HGNC:9662", "HGNC:11364", "decreased")},
        ),
        # ... a bracket listing the objects does.
        (
            "SIRPA increased the proteins (STAT3 and SOCS3) in macrophages.",
            {("HGNC:9662", "HGNC:11364", "increased"), ("HGNC:9662", "HGNC:19391", "increased")},
        ),
    ],
)
def test_statistics_in_brackets_are_no_objects(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A sentence-opening subordinate clause ends where its main clause's subject and verb begin.
        (
            "Since IL-6 enhances angiogenesis [54,55], CD8+ T cells may also contribute to STAT3 activity.",
            {("HGNC:6018", "GO:0001525")},
        ),
        ("Because IL-6 activates STAT3, SOCS3 and SIRPA are induced.", {("HGNC:6018", "HGNC:11364")}),
        # ... but a list inside it goes on.
        (
            "Although IL-6 induced STAT3, SOCS3 and SIRPA, angiogenesis was unchanged.",
            {("HGNC:6018", "HGNC:11364"), ("HGNC:6018", "HGNC:19391"), ("HGNC:6018", "HGNC:9662")},
        ),
    ],
)
def test_a_subordinate_clause_ends_before_its_main_clause(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2]) for r in relations(sentence)} == expected


def test_coordinated_trigger_nouns_share_their_of(relations) -> None:
    # Unlike "STAT3 activation and IL-6", "the activation, proliferation and survival of X" is one list.
    found = relations("IL-6 is a key player in the activation, angiogenesis and survival of T cells.")
    assert ("HGNC:6018", "GO:0001525") in {(r[0], r[2]) for r in found}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "except" denies the objects after it.
        (
            "SIRPA induced angiogenesis and all genes except STAT3.",
            {("HGNC:9662", "GO:0001525", False), ("HGNC:9662", "HGNC:11364", True)},
        ),
        # After ", and" an entity with a finite verb of its own opens a new clause.
        (
            "SIRPA blocked angiogenesis, and IL-6 is also a STAT3 activator.",
            {("HGNC:9662", "GO:0001525", False)},
        ),
    ],
)
def test_exceptions_and_a_new_subject_after_comma_and(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[5]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "gene promoters" are DNA, not the verb "promote".
        ("We used probes from the SIRPA and STAT3 gene promoters to detect SOCS3.", set()),
        # "the treatment of cells with X": X acts, not the cells.
        ("Treatment of macrophages with IL-6 increased SOCS3.", {("HGNC:6018", "HGNC:19391", "increased")}),
        ("The exposure of mouse macrophages to an unknown agent induced STAT3.", set()),
        # ... but "a promoter of X" is the agent noun.
        ("SIRPA is a potent promoter of angiogenesis.", {("HGNC:9662", "GO:0001525", "increased")}),
        # "X involves Y" reads as "X requires Y": Y acts on X.
        ("IL-6 production involves the activation of STAT3.", {("HGNC:11364", "HGNC:6018", "increased")}),
        # "increased X and reduced Y" lists two changes, no claim of X on Y ...
        ("Lesions arise because of increased SIRPA activity and reduced angiogenesis.", set()),
        # ... while a verb after its object still reads a second verb.
        (
            "IL-6 increased STAT3 and reduced SOCS3.",
            {("HGNC:6018", "HGNC:11364", "increased"), ("HGNC:6018", "HGNC:19391", "decreased")},
        ),
    ],
)
def test_dna_elements_exposures_and_parallel_modifiers(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A loss word after the name's bracketed expansion still inverts the sign.
        (
            "SIRPA (signal regulatory protein alpha) receptor deficient mice show exacerbated angiogenesis.",
            {("HGNC:9662", "GO:0001525", "decreased")},
        ),
        # What "the effects of X" are of is no object.
        (
            "STAT3 knockdown enhanced the effects of IL-6 upon angiogenesis.",
            set(),
        ),
        # "the response associated with X": X is not what changed.
        (
            "SIRPA reduced the STAT3 response associated with IL-6 injection.",
            {("HGNC:9662", "HGNC:11364", "decreased")},
        ),
        # "revealed X to ameliorate Y": X acts.
        (
            "STAT3 immunohistochemistry revealed SIRPA to ameliorate angiogenesis.",
            {("HGNC:9662", "GO:0001525", "decreased")},
        ),
    ],
)
def test_expansions_effects_associations_and_raised_subjects(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected

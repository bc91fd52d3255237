"""Claims read wrong in the contradictions of the IL-6 abstracts' graph (session 26).

Rule claims come from the ``relations`` fixture (tests/conftest.py: the rule engine with the
small vocabulary); the trained model's claims take their denial from
:func:`kg.nlp.cues.pair_negated`, tested here on word lists.
"""

from __future__ import annotations

import pytest

from kg.nlp import cues

IL6, STAT3, SOCS3, SIRPA = "HGNC:6018", "HGNC:11364", "HGNC:19391", "HGNC:9662"


def _signed(claims: list[tuple]) -> set[tuple[str, str, str | None, bool]]:
    return {(c[0], c[2], c[3], c[5]) for c in claims}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The loss noun belongs to the subject; the verb after it acts.
        ("STAT3 inhibition decreased SOCS3 expression.", {(STAT3, SOCS3, "increased", False)}),
        (
            "Pharmacological STAT3 inhibition significantly reduced tumor growth.",
            {(STAT3, "MONDO:0005070", "increased", False)},
        ),
        # A sentence may open with the loss: "Inhibition of STAT3 reduced ..." had no claim.
        ("Inhibition of STAT3 significantly reduced SOCS3 expression.", {(STAT3, SOCS3, "increased", False)}),
        # ... past the bracketed short form of the lost entity.
        (
            "Inhibition of signal transducer and activator of transcription 3 (STAT3) blocked SOCS3.",
            {(STAT3, SOCS3, "increased", False)},
        ),
        # "Inhibitors of X and Y <verb>": every listed entity is lost.
        (
            "Inhibitors of STAT3 and SIRPA reduced SOCS3 expression.",
            {(STAT3, SOCS3, "increased", False), (SIRPA, SOCS3, "increased", False)},
        ),
        # A relative clause's verb is not the subject's: IL-6 still inhibits STAT3.
        ("IL-6 is an inhibitor of STAT3 that reduced SOCS3.", {(IL6, STAT3, "decreased", False)}),
        # "the tyrosine blockade of STAT3": tyrosine blocks, it is not blocked.
        (
            "The tyrosine blockade of STAT3 reduced angiogenesis.",
            {("CHEBI:18186", "GO:0001525", "decreased", False)},
        ),
    ],
)
def test_a_subject_named_by_its_loss(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("IL-6 induced SOCS3 degradation.", {(IL6, SOCS3, "decreased", "abundance")}),
        ("IL-6 induced the degradation of SOCS3.", {(IL6, SOCS3, "decreased", "abundance")}),
        ("IL-6 inhibited the degradation of SOCS3.", {(IL6, SOCS3, "increased", "abundance")}),
        # What is lost is the protein, whatever else happened to it first.
        (
            "IL-6 induced the phosphorylation and degradation of SOCS3.",
            {(IL6, SOCS3, "decreased", "abundance")},
        ),
        # After "by" the degradation is a means with its own sign, not composed with the verb's.
        (
            "IL-6 inhibits angiogenesis by degradation of SOCS3.",
            {(IL6, "GO:0001525", "decreased", None), (IL6, SOCS3, "decreased", None)},
        ),
        # A degraded subject acts by its loss.
        (
            "SOCS3 degradation increased STAT3 phosphorylation.",
            {(SOCS3, STAT3, "decreased", "phosphorylation")},
        ),
    ],
)
def test_degradation_is_a_loss(relations, sentence: str, expected: set) -> None:
    assert {(c[0], c[2], c[3], c[4]) for c in relations(sentence)} == expected


def test_a_verb_after_but_has_its_own_denial(relations) -> None:
    claims = relations("IL-6 did not affect SIRPA expression but increased SOCS3 expression.")
    assert {(c[2], c[5]) for c in claims} == {(SIRPA, True), (SOCS3, False)}
    # After "or" the denial still reaches the second verb.
    claims = relations("IL-6 did not reduce SIRPA or increase SOCS3.")
    assert {(c[2], c[5]) for c in claims} == {(SIRPA, True), (SOCS3, True)}


def test_what_a_setting_expresses_is_no_object(relations) -> None:
    claims = relations("IL-6 induced angiogenesis in macrophages expressing SIRPA, and increased SOCS3.")
    affects = {(c[0], c[2], c[3]) for c in claims if c[1] == "affects"}
    assert affects == {(IL6, "GO:0001525", "increased"), (IL6, SOCS3, "increased")}
    # A marker gene before the cells belongs to the setting, and so do the cells.
    claims = relations("IL-6 increased angiogenesis in STAT3 positive macrophages.")
    assert {(c[0], c[2], c[3]) for c in claims} == {(IL6, "GO:0001525", "increased")}


def test_cells_after_by_produce_they_are_not_objects(relations) -> None:
    sentence = (
        "Inhibition of STAT3 reduced the production of SOCS3 by T cells and to a lesser extent by the"
        " parental macrophages."
    )
    claims = relations(sentence)
    assert {(c[0], c[2], c[3]) for c in claims} == {(STAT3, SOCS3, "increased")}
    # "by modulation of macrophages": the cells are what is modulated, an object.
    claims = relations("IL-6 increased SOCS3 by modulation of macrophages.")
    assert (IL6, "CL:0000235") in {(c[0], c[2]) for c in claims}


def test_an_unhyphenated_cause_after_a_verb_is_a_modifier(relations) -> None:
    # "suppressed STAT3 induced angiogenesis": what is suppressed is the angiogenesis.
    claims = relations("IL-6 suppressed STAT3 induced angiogenesis.")
    assert {(c[0], c[2], c[3]) for c in claims} == {(IL6, "GO:0001525", "decreased")}


def _words(text: str) -> list[str]:
    return text.split(" ")


def _entity_tokens(words: list[str], *names: str) -> set[int]:
    return {i for i, word in enumerate(words) if word in names}


def test_a_contrast_denies_its_own_phrase_only() -> None:
    words = _words("gankyrin deficiency in hepatocytes , but not in kupffer_cells , reduced stat3 and il6")
    named = _entity_tokens(words, "gankyrin", "hepatocytes", "kupffer_cells", "stat3", "il6")
    sentence = (0, len(words))
    assert not cues.pair_negated(words, sentence, (0, 1), (11, 12), named)
    assert not cues.pair_negated(words, sentence, (11, 12), (13, 14), named)
    # Without knowing the sentence's entities the cue still counts, as before.
    assert cues.pair_negated(words, sentence, (0, 1), (11, 12))
    # A pair inside the contrast is denied; so are the later members of its list.
    words = _words("il6 , but not stat1 , stat4 or socs3 , induced sirpa")
    named = _entity_tokens(words, "il6", "stat1", "stat4", "socs3", "sirpa")
    sentence = (0, len(words))
    assert cues.pair_negated(words, sentence, (4, 5), (11, 12), named)
    assert cues.pair_negated(words, sentence, (8, 9), (11, 12), named)
    assert not cues.pair_negated(words, sentence, (0, 1), (11, 12), named)
    # "and" ends the contrast when no entity follows it.
    words = _words("peptides bound stat3 but not stat1 and blocked il10 - induced stat3 phosphorylation")
    named = _entity_tokens(words, "stat3", "stat1", "il10")
    sentence = (0, len(words))
    assert not cues.pair_negated(words, sentence, (8, 9), (11, 12), named)


def test_a_relation_taken_as_given_is_not_denied() -> None:
    words = _words("the compounds did not inhibit il1 - induced production of il6 in fibroblasts")
    assert not cues.pair_negated(words, (0, len(words)), (5, 6), (10, 11))
    # Denying that it was seen denies it.
    words = _words("we did not detect il1 - induced production of il6 in fibroblasts")
    assert cues.pair_negated(words, (0, len(words)), (4, 5), (9, 10))
    words = _words("no il1 - induced il6 was found")
    assert cues.pair_negated(words, (0, len(words)), (1, 2), (4, 5))


def _rule_claims(nlp, text: str) -> set[tuple[str, str, str | None, str | None]]:
    doc = nlp(text)
    return {
        (
            doc.text[r.subject_start : r.subject_end],
            doc.text[r.object_start : r.object_end],
            r.direction,
            r.aspect,
        )
        for r in doc._.kg_relations
        if r.extractor == "il6kg.rules"
    }


def test_gene_expression_after_a_gene_is_its_aspect(nlp) -> None:
    # The full pipeline: the small vocabulary has no "gene expression".
    claims = _rule_claims(nlp, "IL-6 increased SOCS3 gene expression and STAT3 phosphorylation.")
    assert claims == {
        ("IL-6", "SOCS3", "increased", "expression"),
        ("IL-6", "STAT3", "increased", "phosphorylation"),
    }
    # With nothing before it, the process is the object.
    assert _rule_claims(nlp, "IL-6 increased gene expression.") == {
        ("IL-6", "gene expression", "increased", None)
    }


def test_a_suspended_hyphen_lists_modifiers(nlp) -> None:
    claims = _rule_claims(
        nlp, "IL-4 down-regulates IL-2-, IL-3-, and GM-CSF-induced cytokine gene expression."
    )
    assert {claim[1] for claim in claims} == {"cytokine"}
    # A hyphen left by a lost letter is no modifier: TNF is still an object.
    claims = _rule_claims(nlp, "Physcion attenuated the production of IL-4, TNF-, and IFN-gamma.")
    assert {claim[1] for claim in claims} == {"IL-4", "TNF-", "IFN-gamma"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A pronoun subject takes up the previous clause's subject, not the setting before it.
        (
            "IL-6 induced STAT3 in T cells, while in macrophages, it induced SOCS3.",
            {(IL6, STAT3, "increased", False), (IL6, SOCS3, "increased", False)},
        ),
        # With no subject before, the setting is no agent either.
        ("In macrophages, it induced SOCS3.", set()),
        # What a verb's objects are compared with is not changed.
        ("IL-6 induced the same effects as SIRPA.", set()),
        (
            "IL-6 induced SOCS3 as well as STAT3.",
            {(IL6, SOCS3, "increased", False), (IL6, STAT3, "increased", False)},
        ),
    ],
)
def test_pronoun_subjects_and_comparisons(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A gain noun opening the subject makes the entity after "of" the verb's agent.
        ("Overexpression of SOCS3 reduced STAT3 phosphorylation.", {(SOCS3, STAT3, "decreased", False)}),
        ("Activation of STAT3 induced SOCS3 expression.", {(STAT3, SOCS3, "increased", False)}),
        ("Stimulation with IL-6 increased SOCS3.", {(IL6, SOCS3, "increased", False)}),
        # A loss noun makes it lost.
        ("Suppression of SOCS3 enhanced STAT3 activation.", {(SOCS3, STAT3, "decreased", False)}),
        # A passive of the noun itself is no such subject.
        ("STAT3 inhibition was increased by IL-6.", set()),
    ],
)
def test_a_subject_named_by_its_gain(relations, sentence: str, expected: set) -> None:
    assert _signed(relations(sentence)) == expected

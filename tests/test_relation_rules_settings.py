"""Relation rules (session 23): conditions and settings, signed effect nouns, relative clauses, means.

Each sentence is modelled on one from the IL-6 abstracts whose claim the rules had read wrongly;
the fixture ``relations`` (tests/conftest.py) runs the rule engine over the small vocabulary.
"""

from __future__ import annotations

import pytest

IL6, STAT3, SOCS3, SIRPA = "HGNC:6018", "HGNC:11364", "HGNC:19391", "HGNC:9662"
ANGIOGENESIS, IL6_SIGNALLING, NEOPLASM = "GO:0001525", "GO:0070102", "MONDO:0005070"
MACROPHAGE, TYROSINE = "CL:0000235", "CHEBI:18186"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "Akt activation did not affect Beclin-1 ... in the presence or absence of LPS"
        (
            "IL-6 did not affect SOCS3 in the presence or absence of STAT3.",
            {(IL6, "regulates", SOCS3, None, True)},
        ),
        # "mutant N-Ras strongly promotes tumorigenesis in the context of inflammation"
        (
            "IL-6 strongly promotes neoplasm in the context of angiogenesis.",
            {(IL6, "affects", NEOPLASM, "increased", False)},
        ),
        # the condition opens the sentence: the subject comes after it
        ("In the presence of STAT3, IL-6 induced SOCS3.", {(IL6, "affects", SOCS3, "increased", False)}),
        (
            "In the absence or presence of STAT3 or T cells, IL-6 induced SOCS3.",
            {(IL6, "affects", SOCS3, "increased", False)},
        ),
    ],
)
def test_conditions_name_neither_subjects_nor_objects(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[1], r[2], r[3], r[5]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("IL-6 resulted in the down regulation of SOCS3.", {(IL6, SOCS3, "decreased")}),
        ("IL-6 up regulated SOCS3 in macrophages.", {(IL6, SOCS3, "increased")}),
        # "Priming of human monocytes with IFN-gamma resulted in the down regulation of c-fos"
        (
            "Priming of macrophages with IL-6 resulted in the down regulation of SOCS3.",
            {(IL6, SOCS3, "decreased")},
        ),
    ],
)
def test_split_direction_words_and_priming(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "Gelatin zymographic analysis demonstrated the inhibitory effect of luteolin on the
        # activation of matrix metalloproteinases MMP-2 and MMP-9"
        (
            "Western blot analysis demonstrated the inhibitory effect of IL-6 on the activation of STAT3.",
            {(IL6, STAT3, "decreased")},
        ),
        ("IL-6 had an inhibitory effect on SOCS3 expression.", {(IL6, SOCS3, "decreased")}),
        ("IL-6 plays a stimulatory role in angiogenesis.", {(IL6, ANGIOGENESIS, "increased")}),
        ("IL-6 exerts a protective effect against neoplasm.", {(IL6, NEOPLASM, "decreased")}),
        # a protective effect on cells does not decrease them
        ("IL-6 has a protective effect on T cells.", set()),
        # "overexpression of dominant negative SHP2 blocked the protective effect of IL-6 against
        # Dex-induced apoptosis": the loss of SHP2 allows apoptosis, so SHP2 decreases it
        (
            "Overexpression of dominant negative STAT3 blocked the protective effect of IL-6 "
            "against angiogenesis.",
            {(STAT3, ANGIOGENESIS, "decreased")},
        ),
        # "Over-expressing TLR2 in BMDM prevented CDA-2 and PG from inhibiting NF-kB activation"
        (
            "IL-6 prevented SOCS3 from inhibiting STAT3 activation.",
            {(IL6, SOCS3, "decreased"), (IL6, STAT3, "increased")},
        ),
    ],
)
def test_signed_effect_nouns_and_prevented_gerunds(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "tumor cells ... also produce cytokines that may regulate the local immune response"
        ("Macrophages produce cytokines that may regulate angiogenesis.", set()),
        ("T cells express receptors which inhibit SOCS3.", set()),
        # the relative clause is still said of the subject
        ("IL-6 is a cytokine that activates STAT3.", {(IL6, STAT3, "increased")}),
        ("IL-6 acts as a factor that may promote angiogenesis.", {(IL6, ANGIOGENESIS, "increased")}),
        # "C5a ... stimulates IL-8 secretion from peripheral blood mononuclear cells (PBMC)"
        ("IL-6 stimulates SOCS3 secretion from macrophages (MPs).", {(IL6, SOCS3, "increased")}),
        # "G-CSF signaling involves activation of STATs"; a production still requires it
        ("IL-6 signaling involves activation of STAT3.", {(IL6_SIGNALLING, STAT3, "increased")}),
        ("IL-6 production involves the activation of STAT3.", {(STAT3, IL6, "increased")}),
        # "targeting tumor-infiltrating macrophages ... by inhibiting either the myeloid cell
        # receptors CSF1R or CCR2 decreases the number of tumor-initiating cells"
        (
            "Targeting macrophages by inhibiting STAT3 decreases angiogenesis.",
            {(MACROPHAGE, ANGIOGENESIS, "increased")},
        ),
        (
            "IL-6 promotes angiogenesis by inhibiting SOCS3.",
            {(IL6, ANGIOGENESIS, "increased"), (IL6, SOCS3, "decreased")},
        ),
    ],
)
def test_relative_clauses_short_forms_signals_and_means(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


def test_a_short_form_of_a_setting_is_the_setting(relations) -> None:
    found = relations("IL-6 stimulates SOCS3 secretion from macrophages (MPs).")
    assert [r[7] for r in found] == [MACROPHAGE]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "sodium salicylate and additional NSAIDs used at concentrations that activate HSF1 also
        # inhibited the expression of other monocytic genes (TNF-alpha, ...)": the subject's own verb
        (
            "IL-6 used at concentrations that activate STAT3 also inhibited SOCS3.",
            {(IL6, SOCS3, "decreased")},
        ),
        # "A 6-day exposure to either lipopolysaccharide (LPS) or aluminum sulfate caused ..."
        ("A 6-day exposure to IL-6 caused an increase in angiogenesis.", {(IL6, ANGIOGENESIS, "increased")}),
        # "treatment of cells with pyrrolidine dithiocarbamate (PDTC) will only block ... NF-kappa B"
        ("Treatment of cells with IL-6 will only block STAT3.", {(IL6, STAT3, "decreased")}),
        # "The stimulatory effect of PDTC on MMP expression was not mimicked by specific inhibitors
        # of the mitogen-activated protein kinase (MAPK) signaling pathway."
        (
            "The stimulatory effect of IL-6 on SOCS3 expression was not mimicked by inhibitors of STAT3.",
            {(IL6, SOCS3, "increased")},
        ),
        # "targeting tumor-infiltrating macrophages ... decreases the number of tumor-initiating cells"
        (
            "Targeting tumor-infiltrating macrophages decreases angiogenesis.",
            {(MACROPHAGE, ANGIOGENESIS, "increased")},
        ),
    ],
)
def test_exposures_relative_clauses_and_effect_nouns_in_long_sentences(
    relations, sentence: str, expected: set
) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "For example, while minocycline did not inhibit cytokine expression (Fig. 5) ...,
        # minocycline pretreatment completely reversed ...": the main clause has its own denial
        (
            "For example, while IL-6 did not inhibit STAT3, SOCS3 increased angiogenesis.",
            {(IL6, STAT3, "decreased", True), (SOCS3, ANGIOGENESIS, "increased", False)},
        ),
        (
            "Since IL-6 did not inhibit STAT3, SOCS3 increased angiogenesis.",
            {(IL6, STAT3, "decreased", True), (SOCS3, ANGIOGENESIS, "increased", False)},
        ),
        # "IL-4, another cytokine that inhibits cytokine mRNA accumulation in monocytes, shows
        # little inhibitory effect on LPS-induced NF kappa B activation"
        (
            "IL-6, another cytokine that inhibits STAT3, shows little inhibitory effect on SOCS3.",
            {(IL6, STAT3, "decreased", False)},
        ),
        # "The ERK pathway-specific inhibitor PD98059 inhibited IL-6 secretion from monocytes."
        (
            "The STAT3 pathway-specific inhibitor tyrosine inhibited IL-6 secretion.",
            {(STAT3, IL6, "increased", False)},
        ),
        (
            "The STAT3-specific inhibitor tyrosine inhibited IL-6 secretion.",
            {(TYROSINE, STAT3, None, False), (TYROSINE, IL6, "decreased", False)},
        ),
    ],
)
def test_main_clauses_appositions_and_inhibitor_names(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3], r[5]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "CDA-2 and PG decrease the expressions of TLR2": every listed subject acts
        ("IL-6 and STAT3 induced SOCS3.", {(IL6, SOCS3, "increased"), (STAT3, SOCS3, "increased")}),
        (
            "IL-6, STAT3 and SIRPA both induced angiogenesis.",
            {
                (IL6, ANGIOGENESIS, "increased"),
                (STAT3, ANGIOGENESIS, "increased"),
                (SIRPA, ANGIOGENESIS, "increased"),
            },
        ),
        (
            "SOCS3 and STAT3 are required for IL-6 signaling.",
            {(SOCS3, IL6_SIGNALLING, "increased"), (STAT3, IL6_SIGNALLING, "increased")},
        ),
        # a loss of the first is a loss of them all
        (
            "Blockade of IL-6 and STAT3 reduced angiogenesis.",
            {(IL6, ANGIOGENESIS, "increased"), (STAT3, ANGIOGENESIS, "increased")},
        ),
        # no list of subjects: "levels" stands between, or a setting
        ("IL-6 and STAT3 levels increased angiogenesis.", {(IL6, ANGIOGENESIS, "increased")}),
        ("IL-6 in T cells and STAT3 induced SOCS3.", {(IL6, SOCS3, "increased")}),
    ],
)
def test_listed_subjects_all_act(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


def test_an_effect_noun_without_an_agent_is_no_verb(relations) -> None:
    # "implying that antagonistic action against H2S-induced angiogenesis may be the mechanism
    # underlying the gastric cancer preventive effects of KRGE": "antagonistic" had read as a verb
    found = relations(
        "In conclusion, IL-6 was able to mitigate STAT3-induced angiogenesis, implying that antagonistic "
        "action against STAT3-induced angiogenesis may be the mechanism underlying the neoplasm preventive "
        "effects of IL-6."
    )
    assert found == [(IL6, "affects", ANGIOGENESIS, "decreased", None, False, False, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "Pretreatment of monocytes with IFN-beta or IFN-gamma, but not IL-1, IL-2, ..., IL-6, or
        # transforming growth factor beta suppressed activation of STAT6 by IL-4"
        # ... and the alternatives' claims are kept, denied
        (
            "Treatment with IL-6, but not STAT3 or SIRPA, reduced SOCS3.",
            {
                (IL6, SOCS3, "decreased", False),
                (STAT3, SOCS3, "decreased", True),
                (SIRPA, SOCS3, "decreased", True),
            },
        ),
        (
            "Treatment with IL-6 but not STAT3 or SIRPA reduced SOCS3.",
            {
                (IL6, SOCS3, "decreased", False),
                (STAT3, SOCS3, "decreased", True),
                (SIRPA, SOCS3, "decreased", True),
            },
        ),
        (
            "IL-6 but not STAT3 induced SOCS3.",
            {(IL6, SOCS3, "increased", False), (STAT3, SOCS3, "increased", True)},
        ),
        # "IL-6, SAA, CRP were related to depth of invasion, VEGF and SAA were correlated with lymph
        # node metastasis": the second list is the subject of its own clause
        (
            "IL-6 and STAT3 were related to neoplasm, SOCS3 and SIRPA were correlated with angiogenesis.",
            {
                (IL6, NEOPLASM, None, False),
                (STAT3, NEOPLASM, None, False),
                (SOCS3, ANGIOGENESIS, None, False),
                (SIRPA, ANGIOGENESIS, None, False),
            },
        ),
    ],
)
def test_denied_alternatives_and_a_new_clause_after_a_comma(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3], r[5]) for r in relations(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "The levels of secreted cytokines, interleukin-6 (IL-6) and tumor necrosis factor alpha
        # (TNF-alpha) were both increased by the LPS treatment"
        (
            "SOCS3 and STAT3 were both increased by the IL-6 treatment.",
            {(IL6, SOCS3, "increased"), (IL6, STAT3, "increased")},
        ),
        # "TLR1/2, TLR7, and TLR9 signals directly activate human peripheral blood naive and memory B
        # cell subsets"
        (
            "IL-6, STAT3, and SOCS3 signals directly activate macrophages.",
            {
                (IL6, MACROPHAGE, "increased"),
                (STAT3, MACROPHAGE, "increased"),
                (SOCS3, MACROPHAGE, "increased"),
            },
        ),
        # "HM781-36B combined with 5-fluorouracil ... showed a synergistic inhibitory effect on ...
        # breast cancer cells"
        ("IL-6 showed a synergistic inhibitory effect on STAT3.", {(IL6, STAT3, "decreased")}),
        # "surfactant's suppressive effects on inflammatory cytokine production"
        (
            "These results suggest that IL-6's suppressive effects on SOCS3 may involve STAT3.",
            {(IL6, SOCS3, "decreased")},
        ),
    ],
)
def test_listed_patients_signals_and_owners_of_effects(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


def test_examples_of_stimuli_are_agents_not_objects(relations) -> None:
    # "r-hTBP-1 ... also decreased p24 antigen synthesized by U1 cells in response to other stimuli,
    # including phytohemagglutinin (PHA)-induced supernatant, granulocyte-macrophage colony-
    # stimulating factor, interleukin-6, and TNF": the examples stimulated, they did not decrease
    found = relations(
        "IL-6 decreased SOCS3 in response to other stimuli, including tyrosine-induced supernatant, "
        "STAT3 and SIRPA."
    )
    assert {(r[0], r[2], r[3]) for r in found} == {(IL6, SOCS3, "decreased")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "silymarin diet conferred a significant protection against Fe-NTA induced oxidative stress
        # and inflammation": a protection decreases, and "Fe-NTA induced" without a hyphen modifies
        (
            "IL-6 conferred a significant protection against STAT3 induced angiogenesis.",
            {(IL6, ANGIOGENESIS, "decreased")},
        ),
        ("IL-6 reduced the levels of STAT3 induced by SOCS3.", {(IL6, STAT3, "decreased")}),
    ],
)
def test_protection_and_modifiers_without_a_hyphen(relations, sentence: str, expected: set) -> None:
    assert {(r[0], r[2], r[3]) for r in relations(sentence)} == expected


def test_what_a_claim_is_compared_with_is_no_object(relations) -> None:
    # "EF31 is a more potent inhibitor of NF-kB activity than either EF24 or curcumin"
    found = relations("IL-6 is a more potent inhibitor of STAT3 activity than either SIRPA or SOCS3.")
    assert {(r[0], r[2], r[3]) for r in found} == {(IL6, STAT3, "decreased")}

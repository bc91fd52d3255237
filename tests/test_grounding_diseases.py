"""Disease grounding rules of session 10 and the scorer's ID-space conventions for diseases.

Unit tests on the pure functions, and ``spacy.blank`` pipelines with the
packaged lexicon where a rule is about the matcher.
"""

from __future__ import annotations

import pytest

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.evaluation.grounding import (
    _attribute_heading,
    _composed_heading,
    _head_heading,
    _organ_neoplasm,
    _process_as_disease,
    supplement_ceiling,
    to_mesh_version,
    to_supplement_version,
    to_target_ids,
)
from kg.evaluation.pubtator import PubTatorAnnotation, PubTatorDocument
from kg.nlp.disease_names import composed_disease_names
from tests.matcher_stubs import abbreviation_matcher, entity_ids, run_matcher


def _gold(*ids: str) -> list[PubTatorDocument]:
    annotations = [PubTatorAnnotation(0, 1, "x", "SpecificDisease", (i,)) for i in ids]
    return [PubTatorDocument("1", "t", "a", annotations)]


def test_supplement_ceiling_only_where_the_gold_uses_omim() -> None:
    assert supplement_ceiling(_gold("C538554", "MESH:C548028", "OMIM:310200", "D009369")) == 548028
    assert supplement_ceiling(_gold("C538554", "D009369")) is None  # BC5CDR: MeSH only
    assert supplement_ceiling(_gold("OMIM:310200")) is None  # no supplementary concept at all
    chemical = [PubTatorDocument("1", "t", "a", [PubTatorAnnotation(0, 1, "x", "Chemical", ("C600000",))])]
    assert supplement_ceiling(chemical + _gold("OMIM:1")) is None  # chemicals do not count


def test_newer_supplementary_concepts_are_scored_as_their_omim_ids(lexicon) -> None:
    # "C7 deficiency": MeSH C566443, newer than NCBI-disease's concepts; OMIM 610102 there
    assert to_supplement_version(lexicon, "C566443", 548028) == ("OMIM:610102",)
    assert to_supplement_version(lexicon, "C566443", 570000) == ("C566443",)  # old enough
    assert to_supplement_version(lexicon, "C566443", None) == ("C566443",)
    assert to_supplement_version(lexicon, "D009369", 1) == ("D009369",)  # descriptors are not touched
    # a concept no ontology links to OMIM stays ("Nonsyndromic Deafness")
    assert to_supplement_version(lexicon, "C580334", 548028) == ("C580334",)


def test_a_process_filed_by_mesh_under_diseases_is_scored_as_a_disease(lexicon) -> None:
    # the curated "inflammation" (GO inflammatory response) is MeSH Inflammation, C23.550.470
    assert _process_as_disease(lexicon, "biolink:BiologicalProcess", "GO:0006954") == "disease"
    # angiogenesis points to a MeSH heading outside the disease trees; apoptosis to none
    assert _process_as_disease(lexicon, "biolink:BiologicalProcess", "GO:0001525") is None
    assert _process_as_disease(lexicon, "biolink:BiologicalProcess", "GO:0006915") is None
    assert _process_as_disease(lexicon, "biolink:Disease", "GO:0006954") is None  # only processes


def test_a_process_that_is_a_mesh_disease_heading_is_scored_as_a_disease(lexicon) -> None:
    # the curated "metastases" is MeSH's Neoplasm Metastasis itself (C04.697.650)
    assert _process_as_disease(lexicon, "biolink:BiologicalProcess", "MESH:D009362") == "disease"
    # how a lesion forms is not the lesion: Carcinogenesis, Neovascularization, Pathologic
    assert _process_as_disease(lexicon, "biolink:BiologicalProcess", "MESH:D063646") is None
    assert _process_as_disease(lexicon, "biolink:BiologicalProcess", "MESH:D009389") is None
    # a heading outside the disease trees (Tumor Escape)
    assert _process_as_disease(lexicon, "biolink:BiologicalProcess", "MESH:D019139") is None


def test_the_packaged_lexicon_holds_the_session_20_disease_adjectives(lexicon) -> None:
    # built by kg.lexicon.variants.disease_adjectives: "obese" patients, "tetanic" contractions
    assert "MESH:D009765" in {g.curie for g in lexicon.ground("obese")}  # Obesity
    assert "MESH:D013746" in {g.curie for g in lexicon.ground("tetanic")}  # Tetany
    assert "MESH:D013923" in {g.curie for g in lexicon.ground("thromboembolic")}  # Thromboembolism
    assert not lexicon.ground("ophthalmic")  # no "-ia" -> "-ic" at large (Ophthalmia)


def test_a_syndrome_named_by_an_adjective_takes_the_adjective(lexicon) -> None:
    from kg.lexicon.variants import syndrome_adjectives

    # session 23: "nephrotic" was Nephrosis, the noun the adjective rules read it from
    assert syndrome_adjectives("Nephrotic Syndrome") == ["Nephrotic"]
    assert syndrome_adjectives("Epileptic Syndromes") == []  # a class of syndromes
    assert syndrome_adjectives("hemolytic uremic syndrome") == []  # more than one word
    assert syndrome_adjectives("Metabolic Syndrome") == []  # no adjective the rules make
    best = lexicon.ground("nephrotic")[0]
    assert best.curie in ("MESH:D009404", "MONDO:0005377", "DOID:1184")  # Nephrotic Syndrome
    assert to_target_ids(lexicon, "disease", best.curie, "nephrotic") == ("D009404",)
    assert lexicon.ground("nephrosis")[0].curie == "MONDO:0002331"  # the noun keeps its concept
    # a synonym does not count: "epileptic" stays epilepsy ("Epileptic Syndrome" is an entry term)
    assert lexicon.ground("epileptic")[0].name.lower() == "epilepsy"


def test_adjectives_of_the_session_23_rules(lexicon) -> None:
    from kg.lexicon.variants import disease_adjectives

    assert disease_adjectives("Aneurysm") == ["Aneurysmal"]
    assert disease_adjectives("Syncope") == ["Syncopal"]
    assert disease_adjectives("Dystonia") == ["Dystonic"]
    assert disease_adjectives("Hypotonia") == []  # "hypotonic" solutions
    # the packaged lexicon holds them: "aneurysmal", "syncopal attacks", "dystonic reactions"
    assert "MESH:D000783" in {g.curie for g in lexicon.ground("aneurysmal")}  # Aneurysm
    assert "MESH:D013575" in {g.curie for g in lexicon.ground("syncopal")}  # Syncope
    assert "MESH:D004421" in {g.curie for g in lexicon.ground("dystonic")}  # Dystonia


def test_an_organ_cancer_is_scored_as_the_organ_neoplasms_heading(lexicon) -> None:
    assert _organ_neoplasm(lexicon, "lung cancer") == ("D008175",)  # Lung Neoplasms
    assert _organ_neoplasm(lexicon, "Brain tumours") == ("D001932",)  # Brain Neoplasms
    assert _organ_neoplasm(lexicon, "cancer") == ()  # no organ
    assert _organ_neoplasm(lexicon, "gastric cancer") == ()  # no heading "Gastric Neoplasms"
    assert _organ_neoplasm(lexicon, "lung fibrosis") == ()
    # the organ after the cancer's name, and a sarcoma of an organ
    assert _organ_neoplasm(lexicon, "carcinoma of the bladder") == ("D001749",)  # Urinary Bladder Neoplasms
    assert _organ_neoplasm(lexicon, "Angiosarcoma of the liver") == ("D008113",)  # Liver Neoplasms
    assert _organ_neoplasm(lexicon, "bone sarcoma") == ("D001859",)  # Bone Neoplasms
    assert _organ_neoplasm(lexicon, "Kaposi sarcoma") == ()
    assert _organ_neoplasm(lexicon, "tumor of unknown origin") == ()
    # MONDO's "lung cancer" cross-references OMIM only: MeSH's heading comes first
    assert to_target_ids(lexicon, "disease", "MONDO:0008903", "lung cancer") == ("D008175",)


def test_a_composed_name_without_mesh_is_scored_as_its_heading(lexicon) -> None:
    # Genetic Diseases, Inborn
    assert _composed_heading(lexicon, "autosomal recessive disease") == ("D030342",)
    assert _composed_heading(lexicon, "X-linked disorder") == ("D040181",)  # Genetic Diseases, X-Linked
    assert _composed_heading(lexicon, "renal toxicity") == ("D007674",)  # Kidney Diseases
    assert _composed_heading(lexicon, "severe renal toxicity") == ()  # not the whole text
    assert _composed_heading(lexicon, "lung cancer") == ()
    # MONDO's "autosomal recessive disease" has no MeSH cross-reference
    assert to_target_ids(lexicon, "disease", "MONDO:0006025", "autosomal recessive disease") == ("D030342",)


def test_a_short_form_is_scored_as_the_heading_its_concept_names(lexicon) -> None:
    # MONDO's Angelman syndrome points to MeSH Angelman Syndrome and to a supplementary
    # concept; "AS" names neither, the concept's own name the first
    assert to_target_ids(lexicon, "disease", "MONDO:0007113", "AS") == ("D017204",)
    assert to_target_ids(lexicon, "disease", "MONDO:0007113", "Angelman syndrome") == ("D017204",)


# --- the matcher with the packaged lexicon --------------------------------------
def test_a_tumor_suppressor_is_no_process_and_its_tumor_a_neoplasm(matcher) -> None:
    found = run_matcher(matcher, "BRCA1 encodes a tumor suppressor .")
    assert "tumor suppressor" not in found
    assert found["tumor"] == "MONDO:0005070"  # neoplasm
    found = run_matcher(matcher, "APC is a tumour suppressor gene .")
    assert found.get("tumour") == "MONDO:0005070"
    # the process itself is still grounded
    assert (
        run_matcher(matcher, "Regulation of cell cycle was lost .")["Regulation of cell cycle"]
        == "GO:0051726"
    )


# --- session 11: signs that name a system's disease ------------------------------
def _signs(text: str) -> list[tuple[str, str]]:
    words = text.split()
    lowers = [w.lower() for w in words]
    names = composed_disease_names(lowers, [w in (",", ".") for w in words])
    return [(" ".join(words[s:e]), heading) for s, e, heading in names]


def test_bone_marrow_harm_is_bone_marrow_diseases() -> None:
    assert _signs("Myelosuppression and myelotoxicity") == [
        ("Myelosuppression", "Bone Marrow Diseases"),
        ("myelotoxicity", "Bone Marrow Diseases"),
    ]
    assert _signs("severe bone marrow suppression") == [("bone marrow suppression", "Bone Marrow Diseases")]
    assert _signs("marrow depression") == [("marrow depression", "Bone Marrow Diseases")]
    assert _signs("bone marrow transplantation") == []  # a procedure
    assert _signs("bone marrow , suppression") == []  # not across punctuation
    assert _signs("myeloid cells") == []


def test_extrapyramidal_symptoms_are_basal_ganglia_diseases() -> None:
    assert _signs("extrapyramidal symptoms") == [("extrapyramidal symptoms", "Basal Ganglia Diseases")]
    assert _signs("Extrapyramidal signs") == [("Extrapyramidal signs", "Basal Ganglia Diseases")]
    assert _signs("extrapyramidal side effects") == []  # an adverse effect of a drug, not a disease
    assert _signs("the extrapyramidal system") == []  # anatomy, not a sign
    assert _signs("extrapyramidal side chains") == []


def test_neuropathy_and_convulsions_name_their_headings() -> None:
    assert _signs("convulsions and neuropathy") == [
        ("convulsions", "Seizures"),
        ("neuropathy", "Nervous System Diseases"),
    ]
    assert _signs("neuropathic pain") == []


def test_qt_prolongation_angina_drug_abuse_and_mitochondrial_dysfunction() -> None:
    assert _signs("QT prolongation , QTc interval prolongation and a prolonged QT interval") == [
        ("QT prolongation", "Long QT Syndrome"),
        ("QTc interval prolongation", "Long QT Syndrome"),
        ("prolonged QT interval", "Long QT Syndrome"),
    ]
    assert _signs("the QT interval was normal") == []
    assert _signs("angina and drug abuse") == [
        ("angina", "Angina Pectoris"),
        ("drug abuse", "Substance-Related Disorders"),
    ]
    assert _signs("mitochondrial dysfunction") == [("mitochondrial dysfunction", "Mitochondrial Diseases")]
    assert _signs("mitochondrial membrane") == []


def test_agitation_bradykinesia_psychomotor_retardation_and_infected() -> None:
    assert _signs("agitation , bradykinesia and psychomotor retardation") == [
        ("agitation", "Psychomotor Agitation"),
        ("bradykinesia", "Hypokinesia"),
        ("psychomotor retardation", "Psychomotor Disorders"),
    ]
    assert _signs("HIV-infected and HIV-1-infected patients") == [
        ("HIV-infected", "hiv Infections"),
        ("HIV-1-infected", "hiv Infections"),
    ]
    assert _signs("uninfected cells") == []


def test_an_infected_host_is_grounded_only_where_mesh_heads_the_infection(matcher) -> None:
    found = run_matcher(matcher, "HIV-infected patients and CMV-infected cells were studied .")
    assert found["HIV-infected"] == "MESH:D015658"  # HIV Infections
    assert "CMV-infected" not in found  # MeSH heads it "Cytomegalovirus Infections"


def test_what_is_lost_or_held_back_names_a_disorder() -> None:
    assert _signs("memory deficits , impaired memory") == [
        ("memory deficits", "Memory Disorders"),
        ("impaired memory", "Memory Disorders"),
    ]
    assert _signs("growth retardation and short stature") == [
        ("growth retardation", "Growth Disorders"),
        ("short stature", "Growth Disorders"),
    ]
    assert _signs("tumor growth delay") == []  # an experiment's measure, not a disorder
    assert _signs("developmental delay") == [("developmental delay", "Developmental Disabilities")]
    assert _signs("memory cells") == []
    assert _signs("short half-life") == []


def test_learning_lost_is_a_learning_disability() -> None:
    assert _signs("learning impairment , impaired learning") == [
        ("learning impairment", "Learning Disabilities"),
        ("impaired learning", "Learning Disabilities"),
    ]
    # the faculty after its loss, and a second one coordinated with it
    assert _signs("Deficits in learning and memory were seen") == [
        ("Deficits in learning", "Learning Disabilities"),
        ("memory", "Memory Disorders"),
    ]
    assert _signs("impairment of memory") == [("impairment of memory", "Memory Disorders")]
    assert _signs("loss of learning . memory") == [("loss of learning", "Learning Disabilities")]
    assert _signs("learning curve , deficits in motor learning") == []


def test_learning_and_memory_impairments_are_both_disorders(matcher) -> None:
    found = run_matcher(matcher, "Scopolamine caused impairments of learning and memory in rats .")
    assert found.get("impairments of learning") == "MESH:D007859"
    assert found.get("memory") == "MESH:D008569"  # not GO's memory process
    assert run_matcher(matcher, "Sleep helps memory in rats .").get("memory") == "GO:0007613"
    found = run_matcher(matcher, "Rats showed memory and learning impairments after treatment .")
    assert found.get("learning impairments") == "MESH:D007859"
    assert found.get("memory") == "MESH:D008569"


def test_an_organ_a_disease_is_found_in_names_its_disease_heading() -> None:
    assert _signs("renal involvement , cardiovascular complications and hepatic lesions") == [
        ("renal involvement", "Kidney Diseases"),
        ("cardiovascular complications", "Cardiovascular Diseases"),
        ("hepatic lesions", "Liver Diseases"),
    ]
    assert _signs("neurological deficits and neurologic dysfunction") == [
        ("neurological deficits", "Neurologic Manifestations"),
        ("neurologic dysfunction", "Nervous System Diseases"),
    ]
    assert _signs("renal function") == []


def test_the_matcher_grounds_the_signs(matcher) -> None:
    found = run_matcher(matcher, "Myelosuppression and extrapyramidal symptoms were seen .")
    assert found == {"Myelosuppression": "MESH:D001855", "extrapyramidal symptoms": "MESH:D001480"}
    found = run_matcher(matcher, "Convulsions and febrile convulsions were seen .")
    assert found["Convulsions"] == "MESH:D012640"  # Seizures
    assert found["febrile convulsions"] == "MESH:D003294"  # the longer name the lexicon has wins
    # "peripheral neuropathy" stays what the lexicon says; "neuropathy" alone is DOID's,
    # whose missing MeSH link the scorer reads as the composition's heading
    found = run_matcher(matcher, "Peripheral neuropathy and neuropathy were seen .")
    assert found["Peripheral neuropathy"] == "MONDO:0005244"
    assert found["neuropathy"] == "DOID:870"


def test_lost_neurons_and_lost_sight_and_akathisia_name_their_headings(matcher) -> None:
    assert _signs("marked neuronal loss , blurred vision and loss of vision with akathisia") == [
        ("neuronal loss", "Nerve Degeneration"),
        ("blurred vision", "Vision Disorders"),
        ("loss of vision", "Vision Disorders"),
        ("akathisia", "Akathisia, Drug-Induced"),
    ]
    assert _signs("visual disturbances , loss of function and neuronal cells") == []
    found = run_matcher(matcher, "Akathisia and visual loss were seen .")
    assert found == {"Akathisia": "MESH:D017109", "visual loss": "MESH:D014786"}


def test_neuropathy_is_scored_as_nervous_system_diseases(lexicon) -> None:
    assert _composed_heading(lexicon, "neuropathy") == ("D009422",)
    assert to_target_ids(lexicon, "disease", "DOID:870", "neuropathy") == ("D009422",)
    assert to_target_ids(lexicon, "disease", "DOID:870", "autonomic neuropathy") != ("D009422",)


def test_a_carcinoma_named_by_its_organ_is_scored_as_the_organs_neoplasms(lexicon) -> None:
    assert _organ_neoplasm(lexicon, "prostate carcinoma") == ("D011471",)  # Prostatic Neoplasms
    assert _organ_neoplasm(lexicon, "gastric adenocarcinomas") == ("D013274",)  # Stomach Neoplasms
    assert _organ_neoplasm(lexicon, "head and neck carcinoma") == ("D006258",)
    assert _organ_neoplasm(lexicon, "ovarian serous carcinomas") == ()  # no "ovarian serous cancer"
    assert _organ_neoplasm(lexicon, "gastric cancer") == ()  # its own grounding has MeSH


def test_a_name_without_mesh_is_scored_as_the_heading_of_its_head(lexicon) -> None:
    assert _head_heading(lexicon, "complete heart block") == ("D006327",)  # Heart Block
    assert _head_heading(lexicon, "heparin-induced thrombocytopenia") == ("D013921",)
    assert _head_heading(lexicon, "metabolic acidosis") == ("D000138",)  # Acidosis
    assert _head_heading(lexicon, "heart block") == ()  # nothing left to drop
    # a head that names a pathological process only (MeSH C23) is not the disease
    assert _head_heading(lexicon, "glomerular sclerosis") == ()
    assert _head_heading(lexicon, "hemorrhagic fever") == ()
    assert _head_heading(lexicon, "Mucopolysaccharidosis type IVA") == ()  # a subtype label is no head
    # the head's MeSH heading comes before the name's own OMIM ID
    mondo = [g.curie for g in lexicon.ground("microangiopathic hemolytic anemia") if g.source == "MONDO"]
    assert mondo and any(x.startswith("OMIM:") for x in lexicon.xrefs(mondo[0]))
    assert to_target_ids(lexicon, "disease", mondo[0], "microangiopathic hemolytic anemia") == ("D000743",)
    # MONDO's "complete heart block" has no MeSH or OMIM identifier
    mondo = [g.curie for g in lexicon.ground("complete heart block") if g.source == "MONDO"]
    assert mondo and to_target_ids(lexicon, "disease", mondo[0], "complete heart block") == ("D006327",)


# --- session 12: tumour-course words that name no disease ---------------------------------


def test_a_neoplasm_attribute_holds_only_in_a_paper_about_a_neoplasm(matcher) -> None:
    recurrence = "MESH:D009364"  # curated: Neoplasm Recurrence, Local
    # the return of a drug-induced hepatitis, not a tumour's
    found = run_matcher(
        matcher, "Methyldopa caused hepatitis . Rechallenge led to recurrence within 2 weeks ."
    )
    assert "recurrence" not in found
    assert found["hepatitis"]  # the disease itself is still grounded
    # a paper about a bladder tumour: its recurrence is the tumour's
    found = run_matcher(
        matcher, "Patients with bladder cancer were treated . Recurrence was studied after 1 year ."
    )
    assert found["Recurrence"] == recurrence
    # even there, "recurrence of X" names X, and "recurrence risk" is a statistic
    text = "Patients with bladder cancer were treated . The recurrence of hepatitis was rare ."
    assert "recurrence" not in run_matcher(matcher, text)
    text = "Patients with breast cancer and a high recurrence risk were followed ."
    assert "recurrence" not in run_matcher(matcher, text)
    # a name that holds its neoplasm needs no other
    assert (
        run_matcher(matcher, "Tumour recurrence was seen in two patients .")["Tumour recurrence"]
        == recurrence
    )
    # "drug resistance" is a neoplasm's only in a paper about one (not a microbe's)
    resistance = "MESH:D019008"  # curated: Drug Resistance, Neoplasm
    assert "drug resistance" not in run_matcher(matcher, "HIV drug resistance rose in treated patients .")
    found = run_matcher(matcher, "IL-6 confers drug resistance in patients with ovarian cancer .")
    assert found["drug resistance"] == resistance


def test_invasion_and_infiltration_of_nothing_named_are_not_neoplasm_invasiveness(matcher, lexicon) -> None:
    found = run_matcher(matcher, "Macrophage infiltration and cell invasion rose in IL-6 treated mice .")
    assert "MESH:D009361" not in found.values()
    assert lexicon.ground("invasion") == [] and lexicon.ground("infiltrations") == []
    # a named one still matches ("leukemic infiltration", "neoplasm invasion")
    assert lexicon.ground("leukemic infiltration")[0].curie == "MESH:D017254"
    assert lexicon.ground("neoplasm invasion")[0].curie == "MESH:D009361"


def test_a_disease_a_drug_induces_is_read_as_the_drug_induced_heading_in_the_whole_paper(matcher) -> None:
    drug_induced, dyskinesias = "MESH:D004409", "MESH:D020820"  # Dyskinesia, Drug-Induced / Dyskinesias
    text = "Levodopa-induced dyskinesia was treated . Dyskinesias recurred in 3 patients ."
    found = run_matcher(matcher, text)
    assert found["dyskinesia"] == drug_induced
    assert found["Dyskinesias"] == drug_induced  # the paper's later mention is the same one
    # no inducer named: the heading of the text
    assert run_matcher(matcher, "Dyskinesias were rare .")["Dyskinesias"] == dyskinesias
    # induced by no drug ("stress-induced"): not a drug's
    assert run_matcher(matcher, "Stress-induced dyskinesia was rare .")["dyskinesia"] == dyskinesias
    # a disease whose MeSH heading has no drug-induced child keeps its own
    found = run_matcher(matcher, "Cisplatin-induced nephrotoxicity and haloperidol-induced dyskinesia .")
    assert found["nephrotoxicity"] == "MESH:D007674"  # Kidney Diseases
    assert found["dyskinesia"] == drug_induced


def test_a_hepatitis_a_drug_induces_is_drug_induced_liver_injury(matcher) -> None:
    injury = "MESH:D056486"  # Chemical and Drug Induced Liver Injury (entry term "Drug-Induced Hepatitis")
    found = run_matcher(matcher, "Methyldopa-induced hepatitis was seen . Hepatitis resolved .")
    assert found["hepatitis"] == injury and found["Hepatitis"] == injury
    assert run_matcher(matcher, "Halothane induced acute hepatitis .")["acute hepatitis"] == injury
    assert run_matcher(matcher, "Hepatitis was seen in two patients .")["Hepatitis"] != injury


def test_a_drug_said_after_the_disease_or_associated_with_it_induces_it(matcher) -> None:
    injury = "MESH:D056486"  # Chemical and Drug Induced Liver Injury
    found = run_matcher(matcher, "Severe hepatitis induced by diclofenac was seen . The hepatitis resolved .")
    assert found["hepatitis"] == injury  # both mentions (the dict keeps the last)
    found = run_matcher(matcher, "Cholestatic hepatitis due to amiodarone treatment .")
    assert found["hepatitis"] == injury
    assert run_matcher(matcher, "Dilevalol-associated hepatitis .")["hepatitis"] == injury
    # no chemical or drug within three words after "caused by": not a drug's
    found = run_matcher(matcher, "Hepatitis caused by a long and severe illness was seen .")
    assert found["Hepatitis"] != injury


def test_a_drug_induced_disease_does_not_take_over_other_subtypes_or_infections(matcher) -> None:
    injury = "MESH:D056486"
    found = run_matcher(
        matcher,
        "Clotiazepam-induced acute hepatitis . A relapse of hepatitis . "
        "Alcoholic hepatitis and hepatitis B were absent .",
    )
    assert found["acute hepatitis"] == injury
    assert found["hepatitis"] == injury  # the heading the induced disease is filed under
    assert found["Alcoholic hepatitis"] != injury  # a subtype with a heading of its own
    assert found["hepatitis B"] == "MESH:D006509"  # an infection (MeSH C01) stays viral


def test_a_psychosis_a_drug_induces_is_substance_induced(matcher) -> None:
    # MONDO's "psychotic disorder" has no MeSH cross-reference: the text's MeSH reading counts
    substance = "MESH:D011605"  # Psychoses, Substance-Induced
    found = run_matcher(matcher, "Acute psychosis due to cocaine . Later psychosis and schizophrenia .")
    assert found["psychosis"] == substance
    assert found["schizophrenia"] != substance  # another disease of the paper keeps its heading
    assert run_matcher(matcher, "Psychosis was treated .")["Psychosis"] != substance


def test_a_parkinsonism_a_drug_induces_is_secondary_parkinson_disease(matcher) -> None:
    secondary = "MESH:D010302"  # Parkinson Disease, Secondary
    found = run_matcher(
        matcher,
        "Ethopropazine in neuroleptic-induced parkinsonism . Later parkinsonism and Parkinson's disease .",
    )
    assert found["parkinsonism"] == secondary
    assert found["Parkinson's disease"] != secondary  # the idiopathic disease keeps its heading
    assert run_matcher(matcher, "Parkinsonism was treated .")["Parkinsonism"] != secondary


# --- session 13: conjuncts, the hereditary breast-ovarian syndrome, newer headings ---------


def test_a_conjunct_is_scored_through_its_concepts_name(lexicon) -> None:
    # "breast" in "breast and ovarian cancer" is grounded to MONDO's breast cancer, whose
    # text names no MeSH concept; the concept's own name does (Breast Neoplasms)
    assert to_target_ids(lexicon, "disease", "MONDO:0007254", "breast") == ("D001943",)
    assert to_target_ids(lexicon, "disease", "MONDO:0007254", "breast cancer") == ("D001943",)
    # before the concept's OMIM ID: MONDO's endometrial cancer has OMIM but no MeSH identifier
    mondo = [g.curie for g in lexicon.ground("endometrial cancer") if g.source == "MONDO"]
    assert mondo and to_target_ids(lexicon, "disease", mondo[0], "endometrial") == ("D016889",)
    # a text that is neither part of the name nor a short form is not scored through the name
    assert to_target_ids(lexicon, "disease", "DOID:870", "autonomic neuropathy") != ("D009422",)
    # a text that already gives an identifier is not replaced by the name's
    assert to_target_ids(lexicon, "disease", "MONDO:0008170", "ovarian cancer") == ("D010051",)


def test_a_newer_heading_is_scored_as_its_nearest_broader_heading_outside_c16(lexicon) -> None:
    # "Hereditary Complement Deficiency Diseases" (2022) sits under Genetic Diseases, Inborn
    # (C16.320) and Immunologic Deficiency Syndromes (C20.673), both two steps up
    trees = lexicon.mesh_trees("MESH:D000081208")
    assert any(t.startswith("C16.") for t in trees) and any(t.startswith("C20.") for t in trees)
    assert to_mesh_version(lexicon, "D000081208", 78330) == "D007153"
    # one tree only: its nearest broader heading, as before
    assert to_mesh_version(lexicon, "D000096722", 78330) == "D003556"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("breast-ovarian cancer", (0, 2)),
        ("hereditary breast-ovarian cancer syndrome", (0, 4)),
        ("breast-ovary cancer", (0, 2)),
        ("inherited breast / ovarian cancer", (0, 5)),
        ("familial breast and/or ovarian cancers", (0, 5)),
        ("hereditary human breast and ovarian cancer", (0, 6)),
    ],
)
def test_the_hereditary_breast_ovarian_cancer_syndrome_is_composed(words, expected) -> None:
    lowers = words.split()
    found = composed_disease_names(lowers, [w == "/" for w in lowers])
    assert (*expected, "Hereditary Breast and Ovarian Cancer Syndrome") in found


@pytest.mark.parametrize(
    "words",
    ["breast and ovarian cancer", "breast cancer", "sporadic breast and ovarian cancers", "breast-ovarian"],
)
def test_two_cancers_not_said_to_be_hereditary_are_no_syndrome(words) -> None:
    lowers = words.split()
    found = composed_disease_names(lowers, [False] * len(lowers))
    assert all(heading != "Hereditary Breast and Ovarian Cancer Syndrome" for _, _, heading in found)


def test_the_matcher_reads_the_hereditary_pair_as_the_syndrome(matcher) -> None:
    syndrome = "MESH:D061325"
    found = run_matcher(matcher, "BRCA1 mutations cause inherited breast / ovarian cancer in families .")
    assert found["inherited breast / ovarian cancer"] == syndrome
    assert run_matcher(matcher, "Breast-ovarian cancer is rare .")["Breast-ovarian cancer"] == syndrome
    found = run_matcher(matcher, "We studied breast and ovarian cancer in 300 women .")
    assert syndrome not in found.values() and found["ovarian cancer"] == "MONDO:0008170"


def test_an_inherited_disease_takes_meshs_inherited_child_heading(lexicon) -> None:
    from kg.nlp.disease_names import inherited_heading

    assert inherited_heading(lexicon, ["MESH:D009369"], x_linked=False) == "MESH:D009386"  # Neoplasms
    assert inherited_heading(lexicon, ["MESH:D019636"], x_linked=False) == "MESH:D020271"
    assert inherited_heading(lexicon, ["MESH:D008607"], x_linked=True) == "MESH:D038901"  # X-linked
    assert inherited_heading(lexicon, ["MESH:D008607"], x_linked=False) is None  # no such child
    # a child that is a genetic disease but does not say so is a single disease, not the form
    assert inherited_heading(lexicon, ["MESH:D009135"], x_linked=False) is None  # Muscular Diseases
    assert inherited_heading(lexicon, ["MESH:D009422"], x_linked=False) is None  # Nervous System Diseases
    # a heading that is already a genetic disease stays
    assert inherited_heading(lexicon, ["MESH:D020271"], x_linked=False) is None


def test_the_matcher_reads_the_words_of_heredity_with_the_disease(matcher) -> None:
    found = run_matcher(matcher, "Hereditary cancer was found in 3 families .")
    assert found["Hereditary cancer"] == "MESH:D009386"
    found = run_matcher(matcher, "It is an autosomal recessive neurodegenerative disease of children .")
    assert found["autosomal recessive neurodegenerative disease"] == "MESH:D020271"
    found = run_matcher(matcher, "Boys with X-linked mental retardation were studied .")
    assert found["X-linked mental retardation"] == "MESH:D038901"
    # no heredity word, or a disease MeSH files no inherited form of: unchanged
    assert run_matcher(matcher, "Cancer was found in 3 families .")["Cancer"] != "MESH:D009386"
    found = run_matcher(matcher, "Hereditary hypertension was found .")
    assert "MESH:D009386" not in found.values() and "hypertension" in found


def test_an_abnormality_of_a_part_of_the_body_is_its_meshs_abnormalities_or_diseases(
    matcher, lexicon
) -> None:
    lowers = ["eye", "anomalies", "and", "hematological", "abnormalities"]
    found = composed_disease_names(lowers, [False] * len(lowers))
    assert (0, 2, "Eye Abnormalities|Eye Diseases") in found
    assert (
        3,
        5,
        "Hematological Abnormalities|Hematologic Abnormalities|Hematological Diseases|Hematologic Diseases",
    ) in found
    found = run_matcher(
        matcher, "Eye anomalies , metabolic abnormalities and brain malformations were seen ."
    )
    assert found["Eye anomalies"] == "MESH:D005124"  # Eye Abnormalities
    assert found["metabolic abnormalities"] == "MESH:D008659"  # Metabolic Diseases
    assert found["brain malformations"] == "MESH:D001927"  # Brain Diseases
    # a word MeSH heads neither way names nothing ("chromosomal" has its own lexicon names)
    assert "these abnormalities" not in run_matcher(matcher, "These abnormalities were seen .")
    assert _composed_heading(lexicon, "hypothalamic abnormalities") == ("D007027",)


def test_a_coordination_with_a_serial_comma_names_each_conjunct(matcher, lexicon) -> None:
    found = run_matcher(matcher, "Mutations occur in brain, breast, and prostate cancer .")
    assert lexicon.concept(found["breast"]).name == "breast cancer"
    assert "brain" in found and "prostate cancer" in found
    assert to_target_ids(lexicon, "disease", found["breast"], "breast") == ("D001943",)
    # a word before ", and" that names no such disease with the head is left alone
    found = run_matcher(matcher, "We studied mice, and ovarian cancer was seen .")
    assert found["mice"] == "NCBITaxon:10090"


def test_a_disorder_dysfunction_or_lesion_of_a_part_of_the_body_is_its_meshs_diseases(
    matcher, lexicon
) -> None:
    lowers = ["thyroid", "disorders", "and", "neurological", "dysfunction", "deficiency", "disorders"]
    found = composed_disease_names(lowers, [False] * len(lowers))
    assert (0, 2, "Thyroid Diseases") in found
    assert (3, 5, "Nervous System Diseases") in found  # an organ word: its own heading
    assert not any(start == 5 for start, _, _ in found)  # a kind of disorder, not a part
    lowers = ["an", "autosomal", "recessive", "disorder"]
    assert composed_disease_names(lowers, [False] * 4) == [(1, 4, "Genetic Diseases, Inborn")]
    found = run_matcher(
        matcher,
        "Thyroid disorders , gallbladder dysfunction and thalamic lesions were seen with skin lesions .",
    )
    assert found["Thyroid disorders"] == "MESH:D013959"  # Thyroid Diseases
    assert found["gallbladder dysfunction"] == "MESH:D005705"  # Gallbladder Diseases
    assert found["thalamic lesions"] == "MESH:D013786"  # Thalamic Diseases
    assert found["skin lesions"] == "MESH:D012871"  # Skin Diseases
    # no "<X> Diseases" heading: nothing composed; a name the lexicon holds wins
    assert "endothelial dysfunction" not in run_matcher(matcher, "Endothelial dysfunction was seen .")
    assert "deficiency disorders" not in run_matcher(matcher, "Peroxisomal deficiency disorders occur .")
    assert run_matcher(matcher, "It is a bipolar disorder .")["bipolar disorder"] != "MESH:D003677"


def test_a_short_form_glued_to_a_participle_is_defined_by_the_name_before_it(matcher) -> None:
    # The tokenizer keeps "(MA)" whole before "-induced"; read as a lookup of "MA" it was
    # microtia (MONDO), and so was every later "MA" of the paper.
    text = "Methamphetamine (MA)-induced neurotoxicity was studied . Rats were given MA daily ."
    found = run_matcher(matcher, text)
    assert found["(MA)"] == found["MA"] == found["Methamphetamine"] == "MESH:D008694"
    found = run_matcher(matcher, "Puromycin aminonucleoside (PAN)-induced nephrosis . PAN was given .")
    assert found["PAN"] == found["Puromycin aminonucleoside"]
    # the detector found the definition elsewhere: the glued token follows it too
    text = "Lipopolysaccharide (LPS)-induced fever . Rats received lipopolysaccharide (LPS) and LPS ."
    found = entity_ids(abbreviation_matcher(), text)
    assert found["(LPS)"] == found["LPS"] == found["lipopolysaccharide"]
    # an organism before the bracket names no short form, glued or not
    found = run_matcher(matcher, "Human immunodeficiency virus (HIV)-infected patients had MA .")
    assert found.get("MA") != "MESH:D008694"


def test_an_attribute_of_a_disease_is_not_scored_as_a_disease(lexicon) -> None:
    # Disease Progression (curated phenotypic feature; MeSH C23.550.291, left out of the
    # lexicon's disease trees), Genetic Predisposition to Disease, Drug Resistance, Neoplasm
    for attribute in ("D018450", "D020022", "D019008"):
        assert _attribute_heading(lexicon, attribute)
    # diseases, a process MeSH files under Diseases, supplementary concepts and OMIM IDs stay
    for disease in ("D009369", "D007249", "D003643", "C537666", "OMIM:300376"):
        assert not _attribute_heading(lexicon, disease)


def test_bases_written_as_letters_are_no_disease_short_form(matcher) -> None:
    # GT (Glanzmann thrombasthenia), CAA (cerebral amyloid angiopathy): sequence here
    found = run_matcher(matcher, "The conserved AG and GT of splice sites . It is a G----T transversion .")
    assert "GT" not in found and "G----T" not in found
    found = run_matcher(matcher, "Two mutations , AAA to CAA and GTG to GCG , were found .")
    assert "CAA" not in found
    # a short form the paper defines stays its disease, and so does the same one repeated
    text = "Ataxia telangiectasia ( AT ) is rare . AT cells and AT patients were studied ."
    found = run_matcher(matcher, text)
    assert found["AT"] == found["Ataxia telangiectasia"]
    text = "Cases of atrophic gastritis ( AG ) were studied . The AG and GT cases were seen ."
    found = run_matcher(matcher, text)
    assert found["AG"] == found["atrophic gastritis"] and "GT" not in found


def test_a_drugs_toxicity_to_a_part_of_the_body_is_its_meshs_diseases(matcher) -> None:
    # Session 16: "<part> toxicity" composes "<Part> Diseases" as "<part> disorders" does
    lowers = ["gastrointestinal", "toxicity", "and", "acute", "toxicities", "of", "ocular", "toxicity"]
    found = composed_disease_names(lowers, [False] * len(lowers))
    assert (0, 2, "Gastrointestinal Diseases") in found
    assert (6, 8, "Ocular Diseases|Eye Diseases") in found  # the adjective's noun as MeSH names it
    found = run_matcher(
        matcher, "Hematologic toxicity , haematological toxicities , retinal toxicity and ocular lesions ."
    )
    assert found["Hematologic toxicity"] == found["haematological toxicities"] == "MESH:D006402"
    assert found["retinal toxicity"] == "MESH:D012164"  # Retinal Diseases
    assert found["ocular lesions"] == "MESH:D005128"  # Eye Diseases
    # no "<X> Diseases" heading ("Acute Disease" is singular, no part): the bare word's reading
    found = run_matcher(matcher, "The acute toxicity and the nonhematologic toxicity were mild .")
    assert "acute toxicity" not in found and "nonhematologic toxicity" not in found
    assert found["toxicity"] == "MESH:D064420"


def test_an_infection_named_by_its_agent_is_meshs_heading_for_the_agent(matcher) -> None:
    # Session 16: MeSH heads infections by genus or family in Latin ("Neisseriaceae Infections")
    found = run_matcher(matcher, "Recurrent neisserial infections and neisseria infections were seen .")
    assert found["neisserial infections"] == found["neisseria infections"] == "MESH:D016870"
    found = run_matcher(matcher, "Enterobacterial infections were treated .")
    assert found["Enterobacterial infections"] == "MESH:D004756"  # Enterobacteriaceae Infections
    # no such heading, or a viral vector put into cells: not composed
    text = "Cells were transduced by lentiviral infection ; severe infections followed ."
    found = run_matcher(matcher, text)
    assert "lentiviral infection" not in found and "severe infections" not in found


# --- session 17 -------------------------------------------------------------------
def _composed(text: str) -> list[tuple[str, str]]:
    words = text.split()
    names = composed_disease_names([w.lower() for w in words], [w in (",", ".") for w in words], words)
    return [(" ".join(words[s:e]), heading) for s, e, heading in names]


def test_the_adjective_psychiatric_names_mental_disorders() -> None:
    assert _composed("patients with psychiatric histories") == [("psychiatric", "Mental Disorders")]
    assert _composed("admitted to a psychiatric hospital") == [("psychiatric", "Mental Disorders")]
    assert _composed("Psychiatric symptoms were rated") == [("Psychiatric", "Mental Disorders")]
    # a noun that names a disorder itself belongs to the name
    assert ("psychiatric complications", "Mental Disorders") in _composed("and psychiatric complications")
    assert ("psychiatric syndromes", "Mental Disorders") in _composed("psychiatric syndromes")
    # proper names in capitals and another word are left alone
    assert _composed("the Brief Psychiatric Rating Scale") == []
    assert _composed("the American Psychiatric Association") == []
    assert _composed("neuropsychiatric symptoms") == []


def test_the_matcher_grounds_psychiatric_as_mental_disorders(matcher) -> None:
    found = run_matcher(matcher, "Patients with psychiatric histories and psychiatric disorders were seen .")
    assert found["psychiatric"] == "MESH:D001523"
    assert found["psychiatric disorders"] == "MESH:D001523"  # the lexicon's own name, whole
    found = run_matcher(matcher, "Scores on the Brief Psychiatric Rating Scale fell .")
    assert "Psychiatric" not in found


def test_an_undefined_acronym_the_ner_reads_as_another_kind_is_no_disease(matcher) -> None:
    # The NER reads "PAN" (puromycin aminonucleoside) and "CPA" as chemicals: the vocabularies'
    # diseases spelled by those letters are not meant where the paper names no such disease.
    # ("PMA" is the curated phorbol ester since session 17.)
    text = "Rats were injected with PAN and saline ."
    found = run_matcher(matcher, text, [("PAN", "biolink:ChemicalEntity")])
    assert "PAN" not in found
    assert run_matcher(matcher, text, [("PAN", "biolink:Disease")]).get("PAN")  # the NER vouches
    # a paper naming the disease in full keeps the acronym the NER reads as the gene
    text = "Huntington disease is inherited . HD patients were examined ."
    found = run_matcher(matcher, text, [("HD", "biolink:Gene")])
    assert found["HD"] == found["Huntington disease"]
    # without that name, the gene reading of the NER stands against the disease
    found = run_matcher(matcher, "HD patients were examined .", [("HD", "biolink:Gene")])
    assert not found.get("HD", "").startswith(("MONDO:", "MESH:D006816"))


def test_an_enzyme_deficiency_no_enzyme_is_named_for_is_an_inborn_error_of_metabolism(matcher) -> None:
    assert _composed("males with enzyme deficiency") == [("enzyme deficiency", "Metabolism, Inborn Errors")]
    assert _composed("the most common enzymopathy") == [("enzymopathy", "Metabolism, Inborn Errors")]
    # after the enzyme's name the deficiency is that enzyme's own disease
    assert _composed("a patient with HPRT enzyme deficiency") == []
    assert _composed("the reductase enzyme deficiency") == []
    found = run_matcher(matcher, "G6PD deficiency is the most common enzymopathy and an enzyme deficiency .")
    assert found["enzymopathy"] == found["enzyme deficiency"] == "MESH:D008661"


# --- short forms read as a disease, defined as something else (session 18) --------------------
def _disease_definition(text: str, long_form: tuple[int, int], short: int, name: str, **kwargs):
    import spacy

    from kg.lexicon.store import Grounding
    from kg.nlp.candidates import Candidate
    from kg.nlp.short_forms import disease_defined_otherwise

    doc = spacy.blank("en")(text)
    category = kwargs.get("category", "biolink:Disease")
    reading = Grounding("MONDO:1", category, name, 0.9, "MONDO", None)
    own = [Candidate(short, short + 1, (reading,), kwargs.get("source", "MONDO"))]
    model = {(short, short + 1): "biolink:Disease", **kwargs.get("model", {})}
    return disease_defined_otherwise(doc[long_form[0] : long_form[1]], own, model)


def test_a_disease_head_is_read_from_mesh_and_other_names() -> None:
    from kg.nlp.short_forms import disease_head

    assert disease_head("adrenal cortex carcinoma") == {"carci"}
    assert disease_head("Leukemia, Myeloid, Acute") == {"leuke"}  # MeSH's inverted heading
    assert disease_head("autosomal dominant epilepsy with auditory features") == {"epile"}
    assert disease_head("myotonic dystrophy type 1") == {"dystr"}
    assert disease_head("Hashimoto Disease") == {"hashi"}  # a generic head: the other words
    assert disease_head("complement component 5 deficiency") == {"defic"}  # a deficiency is one


def test_a_short_form_defined_by_a_long_form_naming_no_such_disease_is_no_disease() -> None:
    # "hormone therapy (HT)": the NER tags HT as a disease, the dictionary reads Hashimoto thyroiditis
    text = "Women on hormone therapy ( HT ) were followed"
    assert _disease_definition(text, (2, 4), 5, "Hashimoto thyroiditis")
    assert _disease_definition(
        "Activity in the anterior cingulated cortex ( ACC ) rose", (3, 6), 7, "adrenal cortex carcinoma"
    )
    # a long form holding the disease's head is its definition ("C5-deficient (C5D)")
    assert not _disease_definition(
        "Sera of C5-deficient ( C5D ) donors", (2, 5), 6, "complement component 5 deficiency"
    )
    assert not _disease_definition(
        "autosomal dominant lateral temporal epilepsy ( ADLTE ) was mapped",
        (0, 5), 6, "autosomal dominant epilepsy with auditory features",
    )  # fmt: skip


def test_a_disease_short_form_is_kept_where_its_definition_cannot_be_judged() -> None:
    text = "Women on hormone therapy ( HT ) were followed"
    # the NER reads a disease in the long form
    model = {(2, 4): "biolink:Disease"}
    assert not _disease_definition(text, (2, 4), 5, "Hashimoto thyroiditis", model=model)
    assert not _disease_definition(text, (2, 4), 5, "Hashimoto thyroiditis", source="curated")
    assert not _disease_definition(text, (2, 4), 5, "X", category="biolink:Gene")  # genes: other rules
    # a definition by another short form ("recessive DEB (RDEB)"), or across a sentence
    assert not _disease_definition(
        "Cases of recessive DEB ( RDEB ) were seen", (2, 4), 5, "recessive dystrophic epidermolysis bullosa"
    )
    text = "It was the therapy . Then ( HT ) rose"
    assert not _disease_definition(text, (3, 6), 8, "Hashimoto thyroiditis")


def _ents(nlp, text: str) -> list:
    doc = nlp.make_doc(text)
    doc.user_data["model"] = []
    for _, component in nlp.pipeline:
        doc = component(doc)
    return list(doc.ents)


def test_a_hypersensitivity_to_a_drug_is_drug_hypersensitivity(matcher) -> None:
    drug_allergy = "MESH:D004342"  # Drug Hypersensitivity
    found = run_matcher(matcher, "Hypersensitivity to carbamazepine presenting with a leukemoid reaction .")
    assert found["Hypersensitivity"] == drug_allergy
    # the drug right before it, and every later mention of the paper's hypersensitivity
    text = "Glucocorticoid hypersensitivity was found . The hypersensitivity was mild ."
    doc_ids = [e.kb_id_ for e in _ents(matcher, text) if e.text == "hypersensitivity"]
    assert doc_ids == [drug_allergy, drug_allergy]
    # no drug named: the lexicon's own reading (GO's process first) stays
    assert run_matcher(matcher, "Hypersensitivity was seen .").get("Hypersensitivity") != drug_allergy
    # cells, strains and alleles are sensitive to an agent, no patient's drug allergy
    found = run_matcher(matcher, "The mutant cells showed a marked hypersensitivity to camptothecin .")
    assert found.get("hypersensitivity") != drug_allergy
    found = run_matcher(matcher, "Both alleles confer MMS hypersensitivity .")
    assert found.get("hypersensitivity") != drug_allergy


def test_an_allergic_reaction_to_a_drug_is_drug_hypersensitivity(matcher) -> None:
    # MeSH's Hypersensitivity ("allergic reaction") to a drug, and the paper's other allergy mentions
    text = "Allergic reaction to 5-fluorouracil infusion . The allergy recurred ."
    ids = {e.text: e.kb_id_ for e in _ents(matcher, text)}
    assert ids["Allergic reaction"] == ids["allergy"] == "MESH:D004342"
    # "allergy to" alone is left alone: its object is mostly an allergen, no drug ("house dust mite")
    ids = {e.text: e.kb_id_ for e in _ents(matcher, "Patients had an allergy to penicillin .")}
    assert ids.get("allergy") != "MESH:D004342"


# --- session 21 ----------------------------------------------------------------------
def test_a_short_form_the_ner_reads_as_a_gene_is_no_disease_in_a_mouse_paper(matcher) -> None:
    text = "LMP1 transgenic mice showed phosphorylation of Rb and increased Cdk2 ."
    found = run_matcher(matcher, text, [("Rb", "biolink:Gene")])
    assert found["Rb"] == "MGI:97874"  # Rb1, not retinoblastoma (MONDO:0008380)
    # "Rb cell cycle": no label of cells, so the gene keeps its reading
    found = run_matcher(
        matcher, "Lymphomas showed deregulation of the Rb cell cycle pathway .", [("Rb", "biolink:Gene")]
    )
    assert found["Rb"] == "HGNC:9884"
    # T helper cells stay a label, not the gene TH
    assert not run_matcher(matcher, "Th cells were counted .").get("Th", "").startswith("HGNC")
    # read as a disease by the NER, it stays the disease
    found = run_matcher(matcher, "Mice developed Rb tumors .", [("Rb", "biolink:Disease")])
    assert found.get("Rb") != "MGI:97874"


def test_a_depressed_person_or_mood_is_a_depressive_disorder(matcher) -> None:
    assert _signs("33 depressed outpatients ; a depressed elderly woman ; depressed mood") == [
        ("depressed", "Depressive Disorder"),
        ("depressed", "Depressive Disorder"),
        ("depressed mood", "Depressive Disorder"),
    ]
    assert _signs("depressive symptoms") == [("depressive symptoms", "Depressive Disorder")]
    # lowered, not a mood
    assert _signs("depressed cardiac function ; levels were depressed ; depressed NOS expression") == []
    found = run_matcher(matcher, "Triazolam induced mania in a depressed patient .")
    assert found.get("depressed") == "MESH:D003866"


def test_an_eponym_that_is_a_function_word_starts_a_name(matcher) -> None:
    found = run_matcher(matcher, "Children with Down syndrome have leukemia .")
    assert found.get("Down syndrome") == "MONDO:0008608"
    # a function word that starts no concept's name as written still starts none
    found = run_matcher(matcher, "The G protein was studied .")
    assert not any(text.startswith("The") for text in found)
    assert "down syndrome" not in run_matcher(matcher, "the levels went down syndrome wide .")


# --- session 22 ----------------------------------------------------------------------
def test_a_short_form_defined_in_square_brackets_takes_its_long_form() -> None:
    # scispaCy's detector reads round brackets only: "MMCs" was left to the lexicon (mitomycin C)
    nlp = abbreviation_matcher()
    text = (
        "IL-6 promotes the survival of myeloma cells (multiple myeloma cells [MMCs]) in vitro . "
        "MMCs died after treatment ."
    )
    doc = nlp(text)
    # the long form "multiple myeloma cells" grounds to nothing here (no NER): nor does the short form
    assert [(e.text, e.kb_id_) for e in doc.ents if e.text == "MMCs"] == []
    # as written in round brackets, the same
    round_brackets = nlp("IL-6 promotes the survival of multiple myeloma cells (MMCs) in vitro . MMCs died .")
    assert [(e.text, e.kb_id_) for e in round_brackets.ents if e.text == "MMCs"] == []
    # the letters must spell the words before the bracket: no definition, the lexicon's reading stays
    found = entity_ids(nlp, "Cells were treated with a drug [MMC] . MMC killed them .")
    assert found.get("MMC") == "CHEBI:27504"


def test_eye_drops_and_birth_weight_are_no_diseases(matcher) -> None:
    # "eye drops": the dosage form, not the plural of Blepharoptosis' entry term "eye drop"
    found = run_matcher(matcher, "Adrenergic eye drops were given .", [("eye drops", "biolink:Disease")])
    assert "MESH:D001763" not in found.values()
    # a measurement, as its parent heading Body Weight is
    found = run_matcher(matcher, "Infants were matched for birth weight and birthweight .")
    assert "MESH:D001724" not in found.values()
    # the dosage form's own names still match, and so does a disease of the eyelid
    found = run_matcher(matcher, "Lubricant eye drops were given .")
    assert found.get("Lubricant eye drops") == "MESH:D065346"
    assert run_matcher(matcher, "She had blepharoptosis .").get("blepharoptosis") == "MESH:D001763"


def test_drug_withdrawal_is_stopping_the_drug(matcher) -> None:
    # session 23: "drug withdrawal" was MONDO's substance withdrawal syndrome (its synonym)
    found = run_matcher(matcher, "Her symptoms totally regressed after drug withdrawal .")
    assert "MONDO:0005567" not in found.values()
    found = run_matcher(matcher, "Patients had a withdrawal syndrome and alcohol withdrawal .")
    assert found.get("withdrawal syndrome") == "MONDO:0005567"
    assert found.get("alcohol withdrawal") == "MONDO:0005433"


def test_a_british_aemia_after_d_or_t_is_read_the_american_way(matcher) -> None:
    from kg.lexicon.variants import american_spelling

    assert american_spelling("hypertriglyceridaemia") == "hypertriglyceridemia"
    assert american_spelling("Hyperlipidaemia") == "Hyperlipidemia"
    assert american_spelling("systemic") == "systemic"  # no British word
    found = run_matcher(matcher, "Tamoxifen raised the risk of hypertriglyceridaemia .")
    assert found.get("hypertriglyceridaemia") == "MONDO:0005347"


def test_a_sentence_ending_in_a_names_letter_keeps_the_letter(matcher) -> None:
    # the tokenizer keeps the full stop on "C." as on an initial: the name ran to "chronic hepatitis"
    found = run_matcher(matcher, "Ribavirin for chronic hepatitis C. A 63-year-old man had diplopia .")
    assert found.get("chronic hepatitis C.") == "MONDO:0005354"
    assert "chronic hepatitis" not in found
    # a person's initials stay no part of a name, and no name runs on past the letter's full stop
    found = run_matcher(matcher, "As reported by J. Smith and H.P. Lovecraft .")
    assert not any(text.endswith(".") for text in found)
    assert "I. P" not in run_matcher(matcher, "Authors' contributions I. P conceived the study .")
    found = run_matcher(matcher, "cAMP activates protein kinase A. Activation of PKA was seen .")
    assert found.get("protein kinase A.") == "FPLX:PKA"
    # a genus initial is no sentence's end: "C. elegans" stays the worm
    found = run_matcher(matcher, "We used the nematode C. elegans for this .")
    assert found.get("C. elegans") == "NCBITaxon:6239"


def test_a_tumour_recurrence_is_an_outcome_not_scored_as_a_disease(matcher, lexicon) -> None:
    from kg.evaluation.grounding import predict

    # the curated "recurrence" is MeSH's Neoplasm Recurrence, Local (C04.697.655), a phenotypic feature
    text = "Patients with glioblastoma were followed . Recurrence was studied after one year ."
    tumour = PubTatorAnnotation(14, 26, "glioblastoma", "Disease", ("D005909",))
    gold = [PubTatorDocument("1", text, "", [tumour])]
    predicted = predict(matcher, lexicon, gold, source="dictionary")
    ids = {i for a in predicted[0].annotations for i in a.ids}
    assert "D009364" not in ids
    assert "D005909" in ids  # the tumour that recurs is scored


def test_a_mentions_offsets_leave_out_the_sentences_full_stop(matcher, lexicon) -> None:
    from kg.evaluation.grounding import evaluate_documents, predict

    text = "Ribavirin for chronic hepatitis C. A 63-year-old man had diplopia ."
    disease = PubTatorAnnotation(14, 33, "chronic hepatitis C", "Disease", ("D019698",))
    gold = [PubTatorDocument("1", text, "", [disease])]
    predicted = predict(matcher, lexicon, gold, source="dictionary")
    found = [a for a in predicted[0].annotations if a.type == "Disease"]
    assert [(a.start, a.end, a.text) for a in found][:1] == [(14, 33, "chronic hepatitis C")]
    assert evaluate_documents(gold, predicted).by_group[("disease", "mention")].tp == 1


def test_a_name_its_short_form_interrupts_is_one_disease(matcher) -> None:
    # session 24: "von Hippel-Lindau (VHL) disease" was no disease ("von Hippel-Lindau" names none)
    text = "Von Hippel-Lindau (VHL) disease is a tumor syndrome . Five families with VHL disease were seen ."
    found = run_matcher(matcher, text)
    assert found.get("Von Hippel-Lindau (VHL) disease") == "MONDO:0008667"
    assert found.get("VHL disease") == "MONDO:0008667"  # the short form with the head, elsewhere
    # the long form's words with the head, or failing that the short form with it
    found = run_matcher(matcher, "Glucose-6-phosphate dehydrogenase (G6PD) deficiency is common .")
    assert found.get("Glucose-6-phosphate dehydrogenase (G6PD) deficiency") == "MONDO:0005775"
    # a bracket before a word that heads no disease name joins nothing
    found = run_matcher(matcher, "Interleukin-6 (IL-6) levels rose .")
    assert not any("(" in text for text in found)


def test_chromosome_events_naming_no_chromosome_are_no_diseases(matcher) -> None:
    # session 24: MeSH's Translocation, Genetic, Genomic Instability, Trisomy ... were diseases
    text = "Chromosomal translocations , genomic instability and trisomy were seen in the tumour cells ."
    found = run_matcher(matcher, text)
    assert not {"MESH:D014178", "MESH:D042822", "MESH:D014314", "MONDO:0700065"} & set(found.values())
    # a trisomy of a named chromosome, and the aberrations the corpora annotate, still match
    found = run_matcher(matcher, "Trisomy 21 and chromosomal instability were found .")
    assert found.get("Trisomy 21") == "MONDO:0700126"
    assert found.get("chromosomal instability") == "MESH:D043171"


def test_an_interrupted_name_reads_the_short_form_with_the_head_first(matcher) -> None:
    # session 24: "human immunodeficiency virus (HIV) infection" is HIV infection, not a virus
    # infection that the words "virus infection" alone name; the span starts at the long form
    found = run_matcher(matcher, "Human immunodeficiency virus (HIV) infection was treated .")
    assert found.get("Human immunodeficiency virus (HIV) infection") == "MONDO:0005109"
    found = run_matcher(matcher, "Keratitis-ichthyosis-deafness (KID) syndrome is rare .")
    assert found.get("Keratitis-ichthyosis-deafness (KID) syndrome") == "MONDO:0018781"


def test_an_organs_necrosis_is_the_organs_disease() -> None:
    # session 24: "myocardial necrosis" was MeSH's Necrosis, the process in no organ
    words = ["myocardial", "necrosis", "and", "hepatic", "necrosis"]
    names = composed_disease_names(words, [False] * len(words))
    assert (0, 2, "Cardiomyopathies") in names
    assert (3, 5, "Liver Diseases") in names
    assert not composed_disease_names(["necrosis"], [False])  # necrosis alone stays Necrosis


def test_a_disease_glued_to_the_word_after_it_is_that_disease(matcher) -> None:
    # session 24: the tokenizer keeps "-predominant", "-inducing" on the name: no disease was found
    from kg.nlp.disease_names import glued_disease_name

    assert glued_disease_name("diarrhoea-predominant") == "diarrhoea"
    assert glued_disease_name("tumor-free") is None  # says there is none
    found = run_matcher(matcher, "In diarrhoea-predominant patients seizure-inducing drugs were stopped .")
    assert found.get("diarrhoea-predominant") == "MESH:D003967"
    assert found.get("seizure-inducing") == "MESH:D012640"
    # a name that is no disease stays unmatched ("Smith-affected" names a person)
    assert "Smith-affected" not in run_matcher(matcher, "The Smith-affected region was large .")


def test_a_glued_diseases_mention_is_scored_as_its_name(matcher, lexicon) -> None:
    # session 24: the entity is the whole token; the gold marks only the name before the hyphen
    from kg.evaluation.grounding import evaluate_documents, predict

    text = "Stop seizure-inducing drugs ."
    disease = PubTatorAnnotation(5, 12, "seizure", "Disease", ("D012640",))
    gold = [PubTatorDocument("1", text, "", [disease])]
    predicted = predict(matcher, lexicon, gold, source="dictionary")
    found = [(a.start, a.end, a.text) for a in predicted[0].annotations if a.type == "Disease"]
    assert found == [(5, 12, "seizure")]
    assert evaluate_documents(gold, predicted).by_group[("disease", "mention")].tp == 1

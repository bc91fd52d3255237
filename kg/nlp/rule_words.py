"""Word lists the relation rules (:mod:`kg.nlp.relations`) read sentences with.

Each list names a class of words, with a comment saying what the rules do with it. They are
kept apart from the rules so that the rules read as code and the lists can be reviewed as lists.
"""

from __future__ import annotations

from kg.nlp.tokenizer import COMPOUND_SUFFIX_WORDS

# Categories that can act on something; the others are context or outcomes.
AGENT_CATEGORIES = frozenset(
    {
        "biolink:Gene",
        "biolink:Protein",
        "biolink:MacromolecularComplex",
        "biolink:GeneFamily",
        "biolink:ProteinFamily",
        "biolink:Drug",
        "biolink:ChemicalEntity",
        "biolink:ChemicalRole",
        "biolink:SmallMolecule",
        "biolink:Pathway",
        "biolink:BiologicalProcess",
        "biolink:Cell",
        "biolink:Procedure",
    }
)
NEVER_OBJECT = frozenset({"biolink:OrganismTaxon", "biolink:AnatomicalEntity", "biolink:NamedThing"})
ASPECT_CATEGORIES = frozenset(
    {"biolink:Gene", "biolink:Protein", "biolink:ChemicalEntity", "biolink:Drug", "biolink:SmallMolecule"}
)
MODIFIER_SUFFIXES = frozenset(COMPOUND_SUFFIX_WORDS.split("|"))
CHEMICAL_CATEGORIES = frozenset(
    {"biolink:ChemicalEntity", "biolink:Drug", "biolink:SmallMolecule", "biolink:MolecularMixture"}
)
# Nouns after an amino acid that make it a site or an enzyme class ("tyrosine phosphorylation").
RESIDUE_NOUNS = frozenset(
    {"phosphorylation", "phosphorylated", "dephosphorylation", "kinase", "kinases", "phosphatase",
     "phosphatases", "residue", "residues", "motif", "motifs", "site", "sites"}
)  # fmt: skip
SKIPPABLE_BEFORE_ENTITY = frozenset(
    {"the", "a", "an", "these", "those", "this", "its", "their", "all", "both", "either"}
)
DETERMINERS = frozenset({"a", "an", "the", "this", "these", "those", "its", "their"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Words between a form of be and its participle ("was not significantly reduced"); -ly adverbs too.
PASSIVE_ADVERBS = frozenset({"not", "also", "further", "still", "then", "thus", "strongly", "all", "both"})
RESULT_VERBS = frozenset({"resulted", "results", "result", "resulting", "led", "leads", "lead", "leading"})
# A verb followed by one of these takes no object: "IL-6 increased in patients given X",
# "SOCS3 induced in macrophages by IL-6", "levels rose by 40%". Its subject is what changed.
PREPOSITIONS_AFTER_INTRANSITIVE = frozenset(
    {
        "in",
        "on",
        "at",
        "after",
        "during",
        "within",
        "over",
        "from",
        "by",
        "following",
        "upon",
        "among",
        "across",
        "with",
    }
)
# Endings of nouns and participles that share a trigger's stem ("activation", "promoter",
# "suppressor", "inducing"): after an entity they do not make it a verb's subject.
NOT_A_FINITE_VERB = (
    "ion", "ions", "or", "ors", "er", "ers", "ment", "ments", "ance", "ing", "ive", "ory", "ant", "ants"
)  # fmt: skip
# Words between an entity and the participle that describes it: "TNF mRNA expression induced by".
FILLERS_BEFORE_PARTICIPLE = frozenset(
    {",", "mrna", "mrnas", "protein", "proteins", "gene", "genes", "expression", "levels", "level",
     "production", "secretion", "release", "activity", "signalling", "signaling", "concentrations",
     "phosphorylation", "activation", "whether"}
)  # fmt: skip
# What an object can belong to: "the proliferation of T cells", "growth of the tumour".
OWNER_CATEGORIES = frozenset(
    {"biolink:Cell", "biolink:CellLine", "biolink:Disease", "biolink:AnatomicalEntity",
     "biolink:GrossAnatomicalStructure", "biolink:PhenotypicFeature"}
)  # fmt: skip
# Nouns of change whose "in X" names what changed ("a marked increase in SOCS3").
CHANGE_NOUNS = frozenset(
    {"increase", "increases", "decrease", "decreases", "reduction", "reductions", "rise", "elevation",
     "elevations", "decline", "drop", "loss", "upregulation", "downregulation", "up-regulation",
     "down-regulation", "enhancement", "augmentation"}
)  # fmt: skip
# Words joining two cell types of one setting: "in monocytes and T cells".
SETTING_JOINERS = frozenset({"and", "or", ","})
# Prepositions of place or population: after them an object list names where, not what.
LOCATIVE_PREPOSITIONS = frozenset({"in", "within", "among"})
# Words whose "in X" names what, not where: "a role in X", "an increase in X", "involved in X".
NOT_PLACE_BEFORE_IN = CHANGE_NOUNS | {
    "role", "roles", "involved", "implicated", "participates", "participate", "changes", "change",
    "differences", "difference",
}  # fmt: skip
PRONOUNS = frozenset({"it", "they", "this"})
# Nouns of a substance's role between its target and its name: "the TSPO ligand etifoxine".
ROLE_NOUNS = frozenset(
    {"ligand", "agonist", "antagonist", "inhibitor", "activator", "blocker", "analogue", "analog",
     "derivative", "modulator"}
)  # fmt: skip
# Nouns after an entity that name another thing, of unknown sign, which the text goes on about:
# "a curcumin analogue", "the tumor suppressor gene TSC22". (A receptor's "ligands" mostly
# activate it: "TLR ligands stimulated B cells" is read as the receptor's act.)
STAND_IN_NOUNS = frozenset(
    {"analogue", "analogues", "analog", "analogs", "derivative", "derivatives", "modulator", "modulators",
     "mimetic", "mimetics", "suppressor", "suppressors"}
)  # fmt: skip
# Prepositions after which "X induced Y" is a noun phrase ("against Fe-NTA induced oxidative stress").
PREPOSITIONS_BEFORE_A_MODIFIER = frozenset({"against", "of", "on", "in", "to", "from", "with", "for"})
# ... when a participle of cause follows the name ("CM associated mortality" still names CM).
CAUSAL_PARTICIPLES = frozenset(
    {"induced", "stimulated", "activated", "mediated", "triggered", "driven", "elicited", "treated", "primed"}
)
PROTECT_VERBS = frozenset({"protect", "protects", "protected", "protecting", "protective", "protection"})
# Nouns of a measurement or a report, after the entity measured: "the cytokine profile", "IL-6 assays".
REPORT_NOUNS = frozenset(
    {"profile", "profiles", "profiling", "analysis", "analyses", "assay", "assays", "array", "arrays",
     "measurement", "measurements", "staining", "study", "studies", "data", "panel", "panels",
     "test", "tests"}
)  # fmt: skip
# Gerunds that make the entity after them lost ("Blocking IL-6 reduced X"), and the words
# that may open such a phrase.
PERTURBING_GERUNDS = frozenset(
    {"blocking", "targeting", "inhibiting", "silencing", "neutralizing", "neutralising", "depleting",
     "deleting", "ablating", "knocking"}
)  # fmt: skip
BEFORE_A_GERUND_PHRASE = frozenset({",", "by", "that", "and", ";", "(", "whereas", "while"})
# Words before an agent noun that make it a substance the experiment uses ("with inhibitors of X").
USING_WORDS = frozenset({"with", "without", "using", "plus", "of"})
SUBSTANCE_ADJECTIVES = frozenset(
    {"specific", "selective", "potent", "pharmacological", "pharmacologic", "chemical", "small", "molecule",
     "various", "different", "several", "known"}
)  # fmt: skip
# "cells respond to X with ...": X is what acted.
RESPOND_VERBS = frozenset({"respond", "responds", "responded", "responding"})
# Sentence-opening subordinators, and the words that open the main clause after their comma.
SUBORDINATORS = frozenset({"although", "though", "while", "whereas", "because", "since", "if", "when"})
# Words that open a clause with its own subject when an entity and its verb follow ("SOCS3 rose
# after IL-6 inhibited STAT3"); "after" and "before" also open noun phrases ("after IL-6
# treatment"), so the entity must stand right before its verb.
CLAUSE_SUBORDINATORS = SUBORDINATORS | {"after", "before", "once", "until", "unless"}
MAIN_CLAUSE_OPENERS = frozenset(
    {"the", "a", "an", "we", "it", "they", "this", "these", "those", "our", "its", "their", "there"}
)
# Prepositions before an event noun ("following inhibition of X") and before a participle used
# as an adjective ("with enhanced binding"; not a means, "through increased availability of NO").
EVENT_PREPOSITIONS = frozenset({"following", "after", "upon", "before", "during", "prior"})
PREPOSITIONS_BEFORE_ADJECTIVE = frozenset({"with", "of", "to", "for", "in", "on", "from", "into", "as"})
PREPOSITIONS_BEFORE_PARTICIPLE = PREPOSITIONS_BEFORE_ADJECTIVE | {"against"}
# Neutral second halves of compound modifiers: "via Akt-dependent inhibition of X".
NEUTRAL_COMPOUND_WORDS = frozenset({"dependent", "independent", "mediated", "specific"})
# Words that cannot be the noun a trigger noun signs from behind ("the inhibition", "of inhibition").
FUNCTION_WORDS = DETERMINERS | BE_FORMS | PREPOSITIONS_BEFORE_ADJECTIVE | {
    "and", "or", "but", "by", "through", "via", "that", "which", "not", "no", "both", "either",
    "further", "also", "than", "at", "after", "following", "upon", "during",
}  # fmt: skip
# "in the presence of X", "in the context of X": a condition of the experiment or the setting of a
# finding, whose entities are neither objects nor subjects. The words after "in".
CONDITION_PHRASES = (
    ["the", "presence", "of"],
    ["the", "absence", "of"],
    ["the", "presence", "or", "absence", "of"],
    ["the", "absence", "or", "presence", "of"],
    ["the", "presence", "and", "absence", "of"],
    ["the", "context", "of"],
    ["the", "setting", "of"],
)
CLAUSE_JOINERS = frozenset({"but", "whereas", "while", "although", "though"})
# Words that join the agents after "in response to": "both LPS and LAM", "IL-6 (+/- IL-1)".
AGENT_LIST_WORDS = frozenset({"and", "or", "both", "either", "the", "(", ")", "+", "-", "/", "+/-"})
CAUSE_VERBS = frozenset({"cause", "causes", "caused", "causing"})
# Joiners that list an entity with the one before it, in its context. A slash names partners
# that share it ("with AHR/ARNT expression"); after "and" an entity may be an agent in its own
# right ("treatment with glibenclamide or glipizide is associated with X"), but no requirer.
SLASH = frozenset({"/"})
LIST_JOINERS = frozenset({"and", "or", "/"})
# Words after which "change" or "affect" is a verb, not a noun of no effect.
BEFORE_A_VERB = frozenset({"not", "did", "does", "do", "to", "will", "may", "might", "can", "could", "n't"})
# Prepositions that name the agent of "mediated" as "by" does.
MEDIATOR_PREPOSITIONS = frozenset({"through", "via"})
# Finite verbs that are no trigger: after "and" they open a second predicate of the subject,
# whose complements are not the trigger's objects ("inhibits X and acts via its antioxidant Y").
OTHER_FINITE_VERBS = BE_FORMS - {"be", "been", "being"} | {
    "has", "have", "had", "may", "might", "can", "could", "would", "should", "will",
    "acts", "act", "acted", "plays", "play", "played", "serves", "serve", "served",
    "appears", "appear", "appeared", "seems", "seem", "seemed", "represents", "represent",
    "represented", "remains", "remain", "remained", "exerts", "exert", "exerted",
    "shows", "show", "showed", "exhibits", "exhibit", "exhibited", "displays", "displayed",
}  # fmt: skip
# "X requires Y" and "X involves Y": Y acts on X ("PGN-induced IL-6 production involves p38 activation").
INVOLVE_VERBS = frozenset({"involve", "involves"})
SIGNALLING_NOUNS = frozenset(
    {"signaling", "signalling", "signals", "signal", "pathway", "pathways", "cascade", "axis"}
)
REQUIRE_VERBS = frozenset({"require", "requires", "required", "requiring"}) | INVOLVE_VERBS
# Endings of nouns of a trigger's stem ("activation", "induction", "enhancement").
NOMINAL_ENDINGS = ("ion", "ions", "ment", "ments", "ance", "or", "ors", "ory")
# Words before a means: "through inhibition of X", "by suppressing Y", "via activation of Z".
MEANS_WORDS = frozenset({"through", "via", "by"})
# Words that cannot sit between "X" and the "requires" of which X is the subject.
NOT_IN_A_REQUIRER = BE_FORMS | {"and", ",", "that", "which", "or", "but", "to", "have", "has", "had", "may"}
CONFIDENCE = {
    "verb": 0.7,
    "pro_adjective": 0.7,
    "requirement": 0.65,
    "association": 0.6,
    "no_effect": 0.5,
}
# "MRP-14(-/-) DCs infected with MRP-14 vectors": the knocked-out gene is put back (a rescue), so the
# genotype no longer inverts the sign.
RESCUE_WORDS = frozenset(
    {"infected", "transfected", "transduced", "reconstituted", "complemented", "rescued", "re-expressing"}
)
# Words after a gene that make it a marker of the cells named next ("ER positive breast cancer cells").
MARKER_WORDS = frozenset(
    {"positive", "negative", "+", "high", "low", "hi", "lo", "bright", "dim", "expressing"}
)
# Nouns of a gain that, opening a subject ("Overexpression of SOCS3 reduced X"), make the entity
# after "of" the agent of the verb that follows.
GAIN_NOUNS = frozenset(
    {"activation", "overexpression", "over-expression", "expression", "induction", "upregulation",
     "up-regulation", "addition", "administration", "introduction", "transfection", "stimulation",
     "engagement", "ligation", "infusion", "injection", "supplementation", "delivery", "restoration",
     "reconstitution", "re-expression"}
)  # fmt: skip
# Participles that describe a setting by what it carries: in "apoptosis in colonic tumors expressing
# mutant N-Ras" N-Ras says which tumours, it is not a second object.
SETTING_PARTICIPLES = frozenset(
    {"expressing", "overexpressing", "bearing", "harboring", "harbouring", "carrying", "lacking",
     "containing", "deficient", "transfected", "transduced"}
)  # fmt: skip
# Passive handling verbs of a protocol: in "PBMC were cultured ..., washed to remove IL-10" the
# infinitive is the experimenter's purpose, not an act of the cells.
HANDLING_PARTICIPLES = frozenset(
    {
        "cultured",
        "washed",
        "incubated",
        "treated",
        "pretreated",
        "pre-treated",
        "plated",
        "seeded",
        "harvested",
        "starved",
        "maintained",
        "grown",
        "collected",
        "rinsed",
        "centrifuged",
    }
)
# "Fab fragment of anti-E. chaffeensis IgG": a loss word after a preposition is another noun's.
PREPOSITIONS_AFTER_AGENT = frozenset({"of", "in", "on", "from", "with", "by", "for", "to", "at"})
# Tokens that end an item of a list: a trigger noun before them acts on nothing after them.
LIST_ITEM_ENDS = frozenset({"and", "or", ",", ";", ")"})
# "control siRNA-transfected monocytes", "control mice": "control" names the comparison group, no verb.
CONTROL_GROUP_NOUNS = frozenset(
    {
        "group",
        "groups",
        "cells",
        "mice",
        "rats",
        "animals",
        "subjects",
        "individuals",
        "patients",
        "donors",
        "samples",
        "sirna",
        "shrna",
        "vector",
        "vectors",
        "plasmid",
        "experiments",
        "conditions",
        "values",
        "cultures",
        "wells",
        "tissue",
        "tissues",
        "serum",
        "sera",
        "igg",
        "antibody",
        "antibodies",
        "diet",
        "littermates",
        "cohort",
    }
)
# First words of a bracket that describes rather than names: "(a transcriptional activator of X)".
ASIDE_OPENERS = frozenset(
    {"a", "an", "the", "i.e.", "i.e", "e.g.", "e.g", "which", "that", "including", "such"}
)
# "X has been implicated in Y", "X is involved in Y": an association of X with Y.
INVOLVEMENT_WORDS = frozenset({"implicated", "involved"})
# "X mediates the effect of Y": Y acts, X is its means.
EFFECT_OF_NOUNS = frozenset(
    {
        "effect",
        "effects",
        "action",
        "actions",
        "activity",
        "activities",
        "function",
        "functions",
        "response",
        "responses",
    }
)
# Words that list subjects before their verb: "IL-6, IL-1b and TNF-a", "IL-6 as well as TNF".
AGENT_JOINERS = frozenset({",", "and", "or", "as", "well"})
# Words between a list of subjects and its verb: "IL-6 and TNF both induced", "have induced".
AUXILIARIES = frozenset({"have", "has", "had", "did", "do", "does", "both", "together", "each", "all"})
# Words opening an indirect question, whose clause has its own subject ("to examine whether X ...").
QUESTION_WORDS = frozenset({"whether", "how"})
MODAL_VERBS = frozenset({"may", "might", "can", "could", "would", "should", "will", "must"})
# Verbs that make the noun after them the subject itself ("IL-6 is a cytokine that ...").
LINKING_VERBS = BE_FORMS | frozenset(
    {"as", "represents", "represent", "remains", "remain", "becomes", "become", "became", "acts", "act"}
)
# Adjectives that sign an effect noun ("the inhibitory effect of X on Y", "a stimulatory role in Y").
# A protective effect is signed only against something ("protective effect of IL-6 against apoptosis").
EFFECT_ADJECTIVES = {
    "inhibitory": -1,
    "suppressive": -1,
    "repressive": -1,
    "antagonistic": -1,
    "negative": -1,
    "protective": -1,
    "stimulatory": +1,
    "stimulating": +1,
    "enhancing": +1,
    "promoting": +1,
    "positive": +1,
}
PROTECTIVE_ADJECTIVES = frozenset({"protective"})
# Participles that describe cells by their state ("secreted by activated T cells").
CELL_STATE_PARTICIPLES = frozenset(
    {"activated", "stimulated", "primed", "infected", "transfected", "differentiated", "polarized",
     "polarised", "matured", "transformed", "resting"}
)  # fmt: skip
# Nouns of getting over something: "facilitated the recovery from X" lowers X.
RECOVERY_NOUNS = frozenset({"recovery", "resolution", "remission"})
# Verbs whose subject has the effect named after them: "IL-6 exerts an inhibitory effect on X".
HAVING_VERBS = frozenset(
    {"has", "have", "had", "having", "exerts", "exert", "exerted", "exerting", "shows", "show", "showed",
     "shown", "displays", "display", "displayed", "plays", "play", "played", "playing", "confers", "confer",
     "conferred", "possesses", "possess", "possessed", "produces", "produced", "mediates", "mediated"}
)  # fmt: skip
# Words between a target's name and "inhibitor" or "antagonist": "the ERK pathway-specific inhibitor".
INHIBITOR_QUALIFIERS = frozenset({"pathway", "-", "specific", "selective", "signaling", "signalling"})
SLIGHT_WORDS = frozenset({"little", "minimal", "negligible", "slight", "marginal"})
SIGNED_EFFECT_NOUNS = frozenset({"effect", "effects", "action", "actions", "activity", "role", "roles"})
# The prepositions that name what a signed effect acts on.
EFFECT_TARGET_PREPOSITIONS = frozenset({"on", "upon", "in", "against", "towards", "toward"})
# Signs of a statistical report inside a bracket: "(F(1,59) = 5.4, P < 0.02)".
STATISTICS_SIGNS = frozenset({"=", "<", ">", "±", "≤", "≥", "+/-"})
# DNA elements named by a trigger verb's stem: "gene promoters", "an enhancer".
DNA_ELEMENT_NOUNS = frozenset({"promoter", "promoters", "enhancer", "enhancers", "silencer", "silencers"})
# "the exposure of monocytes to E. chaffeensis induces X": what the cells are exposed to acts.
EXPOSURE_NOUNS = frozenset(
    {
        "exposure",
        "treatment",
        "stimulation",
        "incubation",
        "challenge",
        "infection",
        "pretreatment",
        "priming",
    }
)

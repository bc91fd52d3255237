"""Composite gene mentions: ``ERK1/2``, ``Smad1/5/8``, ``CDKN2A/B``, ``caspase-3 and -9``.

A slash between numbers or letters that continue one stem names several
members of a family at once, and so do a Greek or Roman numeral series
(``IKKalpha/beta``, ``ROCK-I/II``), a number series after a spaced stem
(``MEK 1/2``) and a range of numbers (``Mcm2-7``, ``CXCL9-11``). :func:`composite_members` reads the members'
names (``ERK1``, ``ERK2``); the dictionary component grounds each and
records them in ``doc._.kg_entity_members`` under the mention's character
extent, so a user (or ``kg eval grounding``) sees every gene the mention
stands for, not only the family or the first member.
"""

from __future__ import annotations

import re

__all__ = [
    "composite_members",
    "coordinated_members",
    "fusion_members",
    "marker_members",
    "micro_rna_symbols",
    "suffix_lists",
]

# stem + first member + "/member" ...: ERK1/2, MMP-2/9, caspase-3/7, Smad1/5/8.
_NUMBERED = re.compile(
    r"(?P<stem>[A-Za-z][A-Za-z0-9]*?[A-Za-z]-?)(?P<first>\d+[a-z]?)(?P<rest>(?:/\d+[a-z]?)+)"
)
# stem ending in a digit + letter members: CDKN2A/B, BRCA1/2 is numbered.
_LETTERED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9-]*\d)(?P<first>[A-Z])(?P<rest>(?:/[A-Z])+)")
# stem + letter-digit members: S100A8/A9.
_SUFFIXED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*?\d)(?P<first>[A-Z]\d+)(?P<rest>(?:/[A-Z]\d+)+)")
# stem, one space, numbered members: MEK 1/2, Erk 1/2 (the stem ends in a letter).
_SPACED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9-]*[A-Za-z] )(?P<first>\d+)(?P<rest>(?:/\d+)+)")
# stem + Greek-letter or Roman-numeral members: IKKalpha/beta, IL-1alpha/beta, ROCK-I/II.
_GREEK = "alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa"
_GREEK_SERIES = re.compile(
    rf"(?P<stem>[A-Za-z][A-Za-z0-9-]*?[A-Za-z0-9]-?)(?P<first>{_GREEK})(?P<rest>(?:/(?:{_GREEK}))+)"
)
_ROMAN_SERIES = re.compile(
    r"(?P<stem>[A-Za-z][A-Za-z0-9]*?[A-Za-z]-)(?P<first>I{1,3}|IV|V)(?P<rest>(?:/(?:I{1,3}|IV|V))+)"
)
# stem + a range of numbers: Mcm2-7, CXCL9-11 (at most ten members, the stem at least two letters).
_RANGE = re.compile(r"(?P<stem>[A-Za-z]{2}[A-Za-z0-9]*?[A-Za-z])(?P<first>\d+)-(?P<last>\d+)")
_MAX_RANGE = 10
# A phosphorylated form written before a composite: "p-ERK1/2", "phosphorylated-Smad1/5/8".
_PHOSPHO = re.compile(r"^(?:phospho(?:rylated)?-|p-)(?=[A-Z])")


def composite_members(text: str) -> list[str]:
    """The member names a composite mention stands for, or ``[]`` if it is not one.

    >>> composite_members("ERK1/2")
    ['ERK1', 'ERK2']
    >>> composite_members("Smad1/5/8")
    ['Smad1', 'Smad5', 'Smad8']
    >>> composite_members("F4/80")
    []
    >>> composite_members("Mcm2-7")
    ['Mcm2', 'Mcm3', 'Mcm4', 'Mcm5', 'Mcm6', 'Mcm7']
    >>> composite_members("p-Smad1/5/8")
    ['Smad1', 'Smad5', 'Smad8']
    """
    text = _PHOSPHO.sub("", text, count=1)  # "p-ERK1/2", "phospho-Smad1/5/8": the same members
    match = _RANGE.fullmatch(text)
    if match:
        first, last = int(match.group("first")), int(match.group("last"))
        if first < last <= first + _MAX_RANGE - 1 and not match.group("last").startswith("0"):
            return [f"{match.group('stem')}{n}" for n in range(first, last + 1)]
        return []
    for pattern in (_NUMBERED, _LETTERED, _SUFFIXED, _SPACED, _GREEK_SERIES, _ROMAN_SERIES):
        match = pattern.fullmatch(text)
        if match:
            stem = match.group("stem")
            members = [match.group("first"), *match.group("rest").strip("/").split("/")]
            return [stem + member for member in members]
    return []


_HYPHENATED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*-)(?P<first>[A-Z]?\d+[a-z]?|[A-Z])")
_SUFFIX = re.compile(r"-(?:[A-Z]?\d+[a-z]?|[A-Z])")
# Other first conjuncts whose members continue one stem: a letter after a digit with no hyphen
# ("hHR23A and -B", "CDKN2A and -B"), a Greek letter with or without a number ("TGF-beta1 and
# -beta2", "IL-1alpha and -beta"), a Roman numeral after a hyphen ("LC3B-I and -II"); each
# takes suffixes of its own kind only.
_LETTER_AFTER_DIGIT = (
    re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*\d)(?P<first>[A-Z])"),
    re.compile(r"-[A-Z]"),
)
_GREEK_MEMBER = (
    re.compile(rf"(?P<stem>[A-Za-z][A-Za-z0-9-]*?[A-Z0-9-])(?P<first>(?:{_GREEK})\d?)"),
    re.compile(rf"-(?:{_GREEK})\d?"),
)
_ROMAN_MEMBER = (
    re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*-)(?P<first>I{1,3}|IV)"),
    re.compile(r"-(?:I{1,3}|IV)"),
)
_JOINERS = frozenset({",", "and", "or"})


def coordinated_members(texts: list[str]) -> list[tuple[int, int, list[str]]]:
    """Coordinated suffixes of a hyphenated name, over tokens: ``caspase-3 and -9``, ``Notch-1, -3, -4``.

    Returns ``(start, end, member names)`` for each such run of tokens
    (``caspase-3``, ``caspase-9``).

    >>> coordinated_members(["caspase-3", "and", "-9", "were"])
    [(0, 3, ['caspase-3', 'caspase-9'])]
    >>> coordinated_members(["TGF-beta1", "and", "-beta2"])
    [(0, 3, ['TGF-beta1', 'TGF-beta2'])]
    >>> coordinated_members(["hHR23A", "and", "-B"])
    [(0, 3, ['hHR23A', 'hHR23B'])]
    >>> coordinated_members(["LC3B-I", "and", "-II"])
    [(0, 3, ['LC3B-I', 'LC3B-II'])]
    """
    found = []
    for i, text in enumerate(texts):
        if i + 1 >= len(texts) or texts[i + 1] not in _JOINERS:
            continue
        suffix, match = _SUFFIX, _HYPHENATED.fullmatch(text)
        if not match or _ROMAN_MEMBER[0].fullmatch(text):
            for name, member in (_ROMAN_MEMBER, _LETTER_AFTER_DIGIT, _GREEK_MEMBER):
                match = name.fullmatch(text)
                if match:
                    suffix = member
                    break
        if not match:
            continue
        names, end, j = [text], i + 1, i + 1
        while j < len(texts):
            if texts[j] in _JOINERS:
                j += 1
            elif suffix.fullmatch(texts[j]):
                names.append(match.group("stem") + texts[j][1:])
                end = j = j + 1
            else:
                break
        if len(names) > 1:
            found.append((i, end, names))
    # Ranges and numbered lists start before a joiner, a number or "to": few tokens do.
    starts = [i for i, following in enumerate(texts[1:-1]) if following in _LIST_FOLLOWERS]
    return found + _ranges(texts, starts) + _numbered_lists(texts, starts)


# A name ending in a number ("freac-1", "HMG1", "Smad2"): the stem ends in a letter or a hyphen.
_NUMBERED_NAME = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*?[A-Za-z]-?)(?P<number>\d{1,2})")
_RANGE_WORDS = frozenset({"to", "through"})
_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"})
_NUMBERS = frozenset(str(n) for n in range(1, 100))
_LIST_FOLLOWERS = _JOINERS | _NUMBERS | _ROMAN | _RANGE_WORDS
# Plural nouns after a numbered list that name what its members are, not a count of something
# else: "the SERCA1, 2, and 3 genes" (but "IL6 and 8 patients").
_MEMBER_NOUNS = frozenset({"genes", "proteins", "isoforms", "transcripts", "mrnas", "paralogs", "paralogues"})


def _ranges(texts: list[str], starts: list[int] | None = None) -> list[tuple[int, int, list[str]]]:
    """A range written with two names of one stem: ``freac-1 to freac-7``, ``CXCL9 through CXCL11``.

    ``starts``: the token indices to try (default: all).

    >>> _ranges(["freac-1", "to", "freac-3", "genes"])
    [(0, 3, ['freac-1', 'freac-2', 'freac-3'])]
    >>> _ranges(["day", "1", "to", "day", "7"])
    []
    """
    found = []
    for i in range(len(texts) - 2) if starts is None else starts:
        if texts[i + 1] not in _RANGE_WORDS:
            continue
        first, last = _NUMBERED_NAME.fullmatch(texts[i]), _NUMBERED_NAME.fullmatch(texts[i + 2])
        if not first or not last or first.group("stem") != last.group("stem"):
            continue
        low, high = int(first.group("number")), int(last.group("number"))
        if low < high <= low + _MAX_RANGE - 1:
            found.append((i, i + 3, [f"{first.group('stem')}{n}" for n in range(low, high + 1)]))
    return found


def _numbered_lists(texts: list[str], starts: list[int] | None = None) -> list[tuple[int, int, list[str]]]:
    """Numbers that continue a name: ``HMG1 and 2``, ``Smad2 and 3``, ``Claudins 1, 4, and 7``.

    Either a name ending in a number without a hyphen ("HMG1", "STAT1"),
    then bare numbers after "and", "or" or commas; or a plural name
    ("claudins", "synapsins") then numbers or Roman numerals, each member
    named as the singular and the number ("claudin 1", "synapsin II"). A
    list followed by a plural word is a count ("IL6 and 8 patients",
    "CD4 and 8 cells"), not a list of members, unless the word names
    what the members are ("SERCA1, 2, and 3 genes"); a pair with a comma
    is no list either ("MSH2, and 3 control probes"); the numbers must
    rise ("CD3 and 1" is no list). ``starts``: the token indices to
    try (default: all).

    >>> _numbered_lists(["HMG1", "and", "2", "bind"])
    [(0, 3, ['HMG1', 'HMG2'])]
    >>> _numbered_lists(["Claudins", "1", ",", "4", ",", "and", "7", "were"])
    [(0, 7, ['claudin 1', 'claudin 4', 'claudin 7'])]
    >>> _numbered_lists(["IL6", "and", "8", "patients"])
    []
    >>> _numbered_lists(["SERCA1", ",", "2", ",", "and", "3", "genes"])
    [(0, 6, ['SERCA1', 'SERCA2', 'SERCA3'])]
    """
    found = []
    for i in range(len(texts) - 2) if starts is None else starts:
        text = texts[i]
        if texts[i + 1] not in _LIST_FOLLOWERS:
            continue  # most tokens: no list can start here
        named = _NUMBERED_NAME.fullmatch(text)
        plural = text[-1:] == "s" and len(text) >= 5 and text.isalpha() and text[1:].islower()
        if named and not named.group("stem").endswith("-"):
            stem, names, j, numbers = named.group("stem"), [text], i + 1, _NUMBERS
        elif plural:
            stem, names, j, numbers = f"{text[:-1].lower()} ", [], i + 1, _NUMBERS | _ROMAN
        else:
            continue
        end = i + 1
        while j < len(texts):
            if texts[j] in _JOINERS and names:
                j += 1
            elif texts[j] in numbers and (names or j == i + 1):
                names.append(stem + texts[j])
                end = j = j + 1
            else:
                break
        following = texts[end] if end < len(texts) else ""
        counted = following.islower() and following.endswith("s") and len(following) > 3
        if counted and following not in _MEMBER_NOUNS:
            continue  # "IL6 and 8 patients", "CD4 and 8 cells": a count
        numbers_read = [int(name[len(stem) :]) for name in names if name[len(stem) :].isdigit()]
        if numbers_read != sorted(set(numbers_read)):
            continue  # "CD3 and 1": members are listed in ascending order
        if len(names) == 2 and "," in texts[i:end]:
            continue  # "16 exons of MSH2, and 3 control probes": two members take no comma
        if len(names) > 1 and end > i + 2:
            found.append((i, end, names))
    return found


# The last word of a name of several words that a list continues, by kind, and how each member
# after it must look: a number ("Chordin-like 1 and 2"), a capital ("filamin A, B and C"), a
# capital and a number ("cyclin D1 and D2"), a Greek letter ("PKC alpha, epsilon, and zeta").
_LAST_WORD_KINDS = (
    re.compile(r"\d{1,2}"),
    re.compile(r"[A-Z]"),
    re.compile(r"[A-Z]\d{1,2}"),
    re.compile(rf"(?:{_GREEK})"),
)
# A number glued to the name's last word by a hyphen ("matrix metalloproteinase-2 and 9").
_GLUED_NUMBER = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*[A-Za-z]-)(?P<number>\d{1,2})")


def suffix_lists(texts: list[str], named: dict[int, int]) -> list[tuple[int, int, list[str]]]:
    """Members listed by the last word of a name of several words after it.

    ``named`` maps the end of each name of several words the dictionary
    found to its start. After "and", "or" or commas, each bare word of the
    same kind as the name's last word names a member: the name with that
    word in place of its last one. As in :func:`_numbered_lists`, a list
    followed by a plural word is a count and numbers must rise.

    >>> suffix_lists(["cyclin", "D1", "and", "D2", "were"], {2: 0})
    [(0, 4, ['cyclin D1', 'cyclin D2'])]
    >>> suffix_lists(["PKC", "alpha", ",", "epsilon", ",", "and", "zeta"], {2: 0})
    [(0, 7, ['PKC alpha', 'PKC epsilon', 'PKC zeta'])]
    >>> suffix_lists(["matrix", "metalloproteinase-2", "and", "9"], {2: 0})
    [(0, 4, ['matrix metalloproteinase-2', 'matrix metalloproteinase-9'])]
    """
    found = []
    for end, start in sorted(named.items()):
        if end - start < 2 or end + 1 >= len(texts) or texts[end] not in _JOINERS:
            continue
        last, words = texts[end - 1], texts[start : end - 1]
        glued = _GLUED_NUMBER.fullmatch(last)
        kind = (
            _LAST_WORD_KINDS[0] if glued else next((k for k in _LAST_WORD_KINDS if k.fullmatch(last)), None)
        )
        if kind is None:
            continue
        stem = glued.group("stem") if glued else ""
        members, j, stop = [last], end, end
        while j < len(texts):
            if texts[j] in _JOINERS:
                j += 1
            elif kind.fullmatch(texts[j]):
                members.append(stem + texts[j])
                stop = j = j + 1
            else:
                break
        if len(members) < 2:
            continue
        following = texts[stop] if stop < len(texts) else ""
        if (
            following.islower()
            and following.endswith("s")
            and len(following) > 3
            and following not in _MEMBER_NOUNS
        ):
            continue  # "IL-6 receptor 1 and 2 patients": a count
        numbers = [int(m[len(stem) :]) for m in members if m[len(stem) :].isdigit()]
        if numbers != sorted(set(numbers)):
            continue
        found.append((start, stop, [" ".join([*words, member]) for member in members]))
    return found


# A mature or precursor microRNA name: miR-21, hsa-miR-21-5p, miR-30a-5p, miR-29b-1, miRNA-193a,
# microRNA-203, let-7b (the species prefix and the arm are not part of the gene's name).
_MIR = re.compile(
    r"(?:[a-z]{3}-)?(?:miR|mir|MiR|miRNA|microRNA|MicroRNA)-?(?P<number>\d+)(?P<letter>[a-zA-Z]?)"
    r"(?:-(?P<locus>\d))?(?:-[35]p)?\*?"
)
_LET7 = re.compile(r"(?:[a-z]{3}-)?(?:let|Let)-7(?P<letter>[a-zA-Z])(?:-(?P<locus>\d))?(?:-[35]p)?\*?")
_MAX_LOCI = 9


def micro_rna_symbols(text: str) -> list[str]:
    """HGNC-style symbols of the genes a microRNA name may stand for, to be tried in order.

    A mature microRNA is made by every locus of its family: "miR-124" is
    ``MIR124-1``, ``MIR124-2`` and ``MIR124-3``; where HGNC has one gene
    (``MIR21``) the first symbol names it. The caller keeps the symbols the
    lexicon holds: the unnumbered one if it exists, else every numbered
    locus.

    >>> micro_rna_symbols("miR-21-5p")[:3]
    ['MIR21', 'MIR21-1', 'MIR21-2']
    >>> micro_rna_symbols("miR-29b-1")
    ['MIR29B1']
    >>> micro_rna_symbols("let-7b")[0]
    'MIRLET7B'
    >>> micro_rna_symbols("miRNA")
    []
    """
    match = _MIR.fullmatch(text)
    if match:
        stem = f"MIR{match.group('number')}{match.group('letter').upper()}"
    else:
        match = _LET7.fullmatch(text)
        if not match:
            return []
        stem = f"MIRLET7{match.group('letter').upper()}"
    # HGNC numbers a family's loci with a hyphen after a digit (MIR124-1), without after a letter
    # (MIR29B1); "MIR1241" is another microRNA.
    sep = "-" if stem[-1].isdigit() else ""
    if match.group("locus"):
        return [f"{stem}{sep}{match.group('locus')}"]
    return [stem, *(f"{stem}{sep}{n}" for n in range(1, _MAX_LOCI + 1))]


# A cell population written by its markers: CD25(+)FOXP3(+), CXCR5+CD4, CD44(hi)/CD24(-/lo,
# CD19+CD27-, CD45(low, CD203c+ (the tokenizer leaves a closing bracket apart).
_MARKER_LEVEL = r"(?:-/low|-/lo|[+-]/[+-]|[+-]|high|hi|low|lo|dim|bright|int)"
_MARKER_BRACKET = re.compile(rf"\((?:{_MARKER_LEVEL})\)?")
_MARKER_SIGN = re.compile(rf"\((?:{_MARKER_LEVEL})\)?|\+|-$|-(?=[A-Z])")
_MARKER_SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-\d+)?")


def marker_members(text: str) -> list[str]:
    """The gene symbols of a marker expression written as one token, or ``[]``.

    Every piece must be a symbol with a digit or of three capitals at least
    ("CD45", "GPI-80", "ICOS") followed by a marker sign ("+", "-", "(+)",
    "(hi)", "(-/lo)"), and one sign at least must be a plus or a bracketed
    level: symbols joined by hyphens ("TCR-CD3", "PKA-CREB") are no markers.

    >>> marker_members("CD25(+)FOXP3(+")
    ['CD25', 'FOXP3']
    >>> marker_members("CD44(hi)/CD24(-/lo")
    ['CD44', 'CD24']
    >>> marker_members("CD19+CD27-")
    ['CD19', 'CD27']
    >>> marker_members("CD203c+")
    ['CD203c']
    >>> marker_members("IL-6")
    []
    >>> marker_members("TCR-CD3")
    []
    """
    if "+" not in text and not _MARKER_BRACKET.search(text):
        return []
    pieces = _MARKER_SIGN.split(text)
    if pieces[-1] != "":
        return []  # "CD4+CD8", "CD133(+)ACC": the last name carries no sign
    pieces.pop()
    names = []
    for piece in pieces:
        piece = piece.strip("/")
        if not _MARKER_SYMBOL.fullmatch(piece):
            return []
        if not (any(ch.isdigit() for ch in piece) or (len(piece) >= 3 and piece.isupper())):
            return []
        names.append(piece)
    return names


_FUSION_PART = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-\d+)?")


def fusion_members(text: str) -> list[str]:
    """The genes of a fusion or complex written as symbols joined by hyphens, or ``[]``.

    "TMPRSS2-ERG", "CTC1-STN1-TEN1", "HO-1-SOD2-NQO1" (a number after a
    hyphen stays with its name): each part is a name of three characters at
    least with a capital or a digit after its first letter, and one part
    holds a digit ("IL-6", "NF-kB", "HLA-DR" and "BCR-ABL" are not split).
    Whether each part is a gene is the caller's question.

    >>> fusion_members("TMPRSS2-ERG")
    ['TMPRSS2', 'ERG']
    >>> fusion_members("HO-1-SOD2-NQO1")
    ['HO-1', 'SOD2', 'NQO1']
    >>> fusion_members("HLA-DR")
    []
    """
    parts: list[str] = []
    for part in text.split("-"):
        if part.isdigit() and parts:
            parts[-1] = f"{parts[-1]}-{part}"
        else:
            parts.append(part)
    if len(parts) < 2 or not any(ch.isdigit() for ch in text):
        return []
    for part in parts:
        if len(part) < 3 or not _FUSION_PART.fullmatch(part):
            return []
        if not any(ch.isupper() or ch.isdigit() for ch in part[1:]):  # "day", "Cre", "like"
            return []
    return parts

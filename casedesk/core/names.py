"""Name normalisation and fuzzy matching for the conflict-of-interest check.

Pure Python plus :mod:`rapidfuzz`; no database, no Qt.

Three layers:

``fold(name)``
    A *phonetic key* for a name: lower case, no accents, no punctuation, Greek transliterated to
    Latin, and Latin spelling variants folded onto one canonical spelling, so that the usual ways
    of writing one Greek name in Latin letters (ELOT 743, passports, informal "Greeklish")
    converge.  The result is meant for comparison only, never for display: ``fold("Γιώργος
    Χατζηδάκης") == fold("Yiorgos Hatzidakis") == "iorgos hatzidakis"``.

``name_key(name, kind)``
    ``fold`` + legal-form suffixes removed (for organisations, or for unknown kinds when the
    name ends with one) + tokens sorted, so word order does not matter
    ("Papadopoulos Maria" == "Maria Papadopoulos").

``NameIndex``
    An in-memory index of ``(ref, name, kind)`` triples, searched with
    :func:`rapidfuzz.fuzz.ratio` on the pre-computed keys.  Identical keys are stored once.

The phonetic key
----------------
Greek is first transliterated close to ELOT 743 (αυ/ευ/ηυ → av/ev/iv or af/ef/if depending on
the next letter, γγ → ng, γκ → gk, ξ → ks, ψ → ps, θ → th, χ → h, υ → i, ω → o …).  Then the
*same* Latin folding rules are applied to the transliteration and to Latin input, which is what
makes the two meet:

==================  =================================  ==============================
rule                example                            why
==================  =================================  ==============================
ch, kh → h          Chatzidakis, Hatzidakis            χ
ph → f              Alpha, Alfa                        φ
c → k (s before     Costas, Nicolaou                   κ
e/i/y), q → k
x + consonant → h,  Xristos, Christos; Alexandros      χ in Greeklish; ξ
other x → ks
dj, dz → tz         Hadjidakis                         τζ
au, eu → av/ev      Euangelos, Paulos                  αυ, ευ
(af/ef before a
voiceless letter)
ou → u              Papadopoulos, Papadopulos          ου
ai → e              Aikaterini, Ekaterini              αι
ei, oi, y → i       Kyriakos, Kiriakos                 ει, οι, υ, η, ι
initial mp → b,     Mpakogianni, Bakogianni            μπ, ντ, γκ at the start
nt → d, gk → g
mb → mp, nd → nt,   Lambrakis, Lamprakis; Aggelos,     μπ, ντ, γκ, γγ in the middle
gk, gg → ng         Angelos
gi + vowel → i      Giorgos, Yiorgos, Yorgos           γι
double letters →    Giannis, Yanis                     λλ, νν, …
single
==================  =================================  ==============================

Known gaps (they still score as fuzzy hits, not exact ones): Greeklish ``x`` before a vowel for χ
("Xatzidakis"), ``w`` for ω, ``j`` for γι, ``8`` for θ, ``e`` vs ``i`` for οι ("Economou" vs
"Oikonomou"), and different *names* such as Georgios vs Giorgos.  The diaeresis (ϊ, ϋ) is
dropped, because Latin spellings cannot carry it either.  Greek female and male surname forms
(-ou / -os, -i / -is) are deliberately *not* folded together: they score as strong fuzzy hits,
never as exact ones.  A word mixing Greek and Latin look-alike letters ("ΠAΠAΔOΠOYΛOΣ" typed
with Latin A, O, Y) is read in the script most of its letters are in.

Scoring
-------
A hit's score is :func:`rapidfuzz.fuzz.ratio` (normalised InDel similarity, 0–100) between the
query's key and the stored key.  As both keys have their words sorted, this *is*
``fuzz.token_sort_ratio``, without re-sorting 150,000 names per query.  Because a spelling
variant can change a word's first letter and so its place in the sort (Helen Economou vs Helen
Oikonomou → "ekonomu helen" / "helen ikonomu"), the query is also tried with its words in
reverse order, which covers every order of a two-word name; the better score counts.

Partial and set-based scorers (``partial_ratio``, ``token_set_ratio``, ``WRatio``) are not used:
they score a name contained in a longer one at 90–100 ("Maria" against every "Maria …"), which
would bury a conflict check in noise.  With ``ratio`` on sorted keys "Maria" vs "Maria
Papadopoulou" scores 47.6, and a missing middle name or patronymic still scores ≈ 82.

:data:`DEFAULT_THRESHOLD` (80) was chosen on pairs like these (scores with this module):

=============================================  =====  ===========================
pair                                           score
=============================================  =====  ===========================
Maria Papadopoulos / Papadopoulou Maria         90.9  male/female form: hit
Helen Economou / Helen Oikonomou                92.3  οι spelt e / oi: hit
Georgios Nikolaou / Γιώργος Νικολάου            82.8  formal/informal: hit
Maria Papadopoulou / Maria Georgiou Papad…      82.1  middle name: hit
Papadopoulos / Papadopolous                     81.8  typo: hit
Giorgos Nikolaou / Giorgos Nikolaidis           80.0  borderline: shown for review
Giorgos Papadopoulos / Giorgos Papadakis        76.5  miss
Maria Papadopoulou / Maria Papadaki             73.3  miss
Papadopoulos / Papadimitriou                    52.2  miss
Acme Corp / Apex Corp                           44.4  miss
=============================================  =====  ===========================

For a conflict check a false alarm costs a glance and a miss can cost the firm, so the threshold
leans towards recall; callers can pass a stricter one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

__all__ = [
    "DEFAULT_THRESHOLD",
    "KEY_VERSION",
    "ORGANISATION",
    "PERSON",
    "NameHit",
    "NameIndex",
    "fold",
    "match_score",
    "name_key",
    "strip_legal_suffix",
]

PERSON = "person"
ORGANISATION = "organisation"

#: Default minimum score (0–100) for :meth:`NameIndex.search`; see "Scoring" above.
DEFAULT_THRESHOLD = 80.0

#: Version of the comparison keys (:func:`fold`, :func:`name_key`).  Keys are stored (the
#: conflict check keeps its index in the case file, see :mod:`casedesk.core.conflicts`), so
#: **bump this whenever a change here can give any name a different key**: stored keys of
#: another version are thrown away and computed again.
KEY_VERSION = 1

_KIND_ALIASES = {
    "person": PERSON,
    "individual": PERSON,
    "natural_person": PERSON,
    "organisation": ORGANISATION,
    "organization": ORGANISATION,
    "org": ORGANISATION,
    "company": ORGANISATION,
    "legal_entity": ORGANISATION,
}


def _normalise_kind(kind: str | None) -> str | None:
    if kind is None:
        return None
    try:
        return _KIND_ALIASES[str(kind).strip().lower()]
    except KeyError:
        raise ValueError(f"unknown name kind {kind!r}; use 'person' or 'organisation'") from None


# --------------------------------------------------------------------------------------------
# fold
# --------------------------------------------------------------------------------------------

_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bb`\u00b4\u2032]")
# Runs of single letters joined by dots: "S.A.", "L.L.C.", "Ε.Π.Ε.", "J.R.R." → no dots.
_DOTTED_ABBREV = re.compile(r"\b\w(?:\.\w)+\b\.?")
_NON_WORD = re.compile(r"[\W_]+")

# Letters that do not decompose under NFKD.
_SPECIAL_LATIN = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
    }
)

_GREEK_VOICELESS = "θκξπστφχψ"
_GREEK_LETTER = "α-ωϐϑϕϲϰϱϖ"
_GREEK_AU = re.compile(rf"([αεη])υ(?:(?=[{_GREEK_VOICELESS}])|(?![{_GREEK_LETTER}]))")
_GREEK_AV = re.compile("([αεη])υ")
_GREEK_DIGRAPHS = re.compile("ου|γγ|γκ|γξ|γχ")
_GREEK_DIGRAPH_MAP = {"ου": "ou", "γγ": "ng", "γκ": "gk", "γξ": "nks", "γχ": "nh"}
_AU_VOWEL = {"α": "a", "ε": "e", "η": "i"}
_GREEK_SINGLE = str.maketrans(
    {
        "α": "a",
        "β": "v",
        "ϐ": "v",
        "γ": "g",
        "δ": "d",
        "ε": "e",
        "ζ": "z",
        "η": "i",
        "θ": "th",
        "ϑ": "th",
        "ι": "i",
        "κ": "k",
        "ϰ": "k",
        "λ": "l",
        "μ": "m",
        "ν": "n",
        "ξ": "ks",
        "ο": "o",
        "π": "p",
        "ϖ": "p",
        "ρ": "r",
        "ϱ": "r",
        "σ": "s",
        "ς": "s",
        "ϲ": "s",
        "τ": "t",
        "υ": "i",
        "φ": "f",
        "ϕ": "f",
        "χ": "h",
        "ψ": "ps",
        "ω": "o",
    }
)
_HAS_GREEK = re.compile(f"[{_GREEK_LETTER}]")
_LATIN_LETTERS = re.compile("[a-z]")
# Look-alike letters typed in the wrong script ("ΠAΠAΔOΠOYΛOΣ" with Latin A, O, Y; "Papadοpoulos"
# with a Greek ο).  A word is read in the script most of its letters are in.
_LATIN_TO_GREEK = str.maketrans("abezhikmnoptyx", "αβεζηικμνορτυχ")
_GREEK_TO_LATIN = str.maketrans("αβεζηικμνορτυχ", "abezhikmnoptyx")

_CONSONANT = "bcdfghjklmnpqrstvwxz"
_LATIN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile("[ck]h"), "h"),
    (re.compile("ph"), "f"),
    (re.compile("ck"), "k"),
    (re.compile("c(?=[eiy])"), "s"),
    (re.compile("[cq]"), "k"),
    (re.compile(f"x(?=[{_CONSONANT}])"), "h"),
    (re.compile("x"), "ks"),
    (re.compile("d[jz]"), "tz"),
    # au/eu → af/ef before a voiceless consonant or at the end of a word, else av/ev.
    (re.compile(r"([ae])u(?=[ptkfsh]|\b)"), r"\1f"),
    (re.compile("([ae])u"), r"\1v"),
    (re.compile("ou"), "u"),
]
_VOWEL_PAIRS = re.compile("ai|ei|oi")
_VOWEL_PAIR_MAP = {"ai": "e", "ei": "i", "oi": "i"}
_LATIN_RULES_2: list[tuple[re.Pattern[str], str]] = [
    (re.compile("y"), "i"),
    (re.compile(r"\bmp"), "b"),
    (re.compile(r"\bnt"), "d"),
    (re.compile(r"\bgk"), "g"),
    (re.compile("mb"), "mp"),
    (re.compile("nd"), "nt"),
    (re.compile("g[gk]"), "ng"),
    (re.compile("gi(?=[aeiou])"), "i"),
    (re.compile(r"([^\W\d_])\1+"), r"\1"),
]


def _transliterate_greek(text: str) -> str:
    text = _GREEK_AU.sub(lambda m: _AU_VOWEL[m.group(1)] + "f", text)
    text = _GREEK_AV.sub(lambda m: _AU_VOWEL[m.group(1)] + "v", text)
    text = _GREEK_DIGRAPHS.sub(lambda m: _GREEK_DIGRAPH_MAP[m.group(0)], text)
    return text.translate(_GREEK_SINGLE)


# Non-spacing marks of the Basic Multilingual Plane (accents, diaeresis, cedilla, …).
_MARKS = re.compile(
    "["
    + "".join(
        re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) == "Mn"
    )
    + "]+"
)


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=1 << 16)
def _fold_token(token: str) -> str:
    """Transliterate and phonetically fold one word (lower case, no marks, no punctuation)."""
    if _HAS_GREEK.search(token):
        if _LATIN_LETTERS.search(token):
            greek = len(_HAS_GREEK.findall(token))
            latin = len(_LATIN_LETTERS.findall(token))
            if greek >= latin:
                token = token.translate(_LATIN_TO_GREEK)
            else:
                token = token.translate(_GREEK_TO_LATIN)
        token = _transliterate_greek(token)
    for pattern, repl in _LATIN_RULES:
        token = pattern.sub(repl, token)
    token = _VOWEL_PAIRS.sub(lambda m: _VOWEL_PAIR_MAP[m.group(0)], token)
    for pattern, repl in _LATIN_RULES_2:
        token = pattern.sub(repl, token)
    return token


def fold(name: str) -> str:
    """Return the phonetic comparison key of *name* (word order kept, suffixes kept).

    Lower case, accents and punctuation removed, Greek transliterated, Latin spelling variants
    folded (see the module docstring).  Whitespace-only or punctuation-only input gives ``""``.
    """
    if not name:
        return ""
    text = _APOSTROPHES.sub("", name)
    text = _strip_marks(_strip_marks(text).casefold())
    if not text.isascii():
        text = text.translate(_SPECIAL_LATIN)
    text = _DOTTED_ABBREV.sub(lambda m: m.group(0).replace(".", ""), text)
    return " ".join(_fold_token(t) for t in _NON_WORD.split(text) if t)


# --------------------------------------------------------------------------------------------
# legal-form suffixes
# --------------------------------------------------------------------------------------------

_RAW_LEGAL_SUFFIXES = (
    # English-speaking
    "Inc", "Incorporated", "Ltd", "Limited", "LLC", "L.L.C.", "LLP", "L.L.P.", "LP", "PLC",
    "Corp", "Corporation", "Co", "Company", "Pty", "Pte", "LLLP",
    "Limited Liability Company", "Limited Liability Partnership", "Limited Partnership",
    "Public Limited Company",
    # German-speaking, Dutch, Nordic
    "GmbH", "mbH", "AG", "KG", "OHG", "UG", "KGaA", "SE", "BV", "B.V.", "NV", "N.V.",
    "Oy", "Oyj", "AB", "AS", "ASA", "A/S", "ApS",
    # Romance
    "SA", "S.A.", "SAS", "SASU", "SARL", "S.à r.l.", "EURL", "SpA", "S.p.A.", "Srl", "S.r.l.",
    "SL", "S.L.", "SLU", "Lda", "Ltda", "SNC", "SCA",
    # Central/Eastern Europe
    "s.r.o.", "a.s.", "Sp. z o.o.", "Kft", "Zrt", "d.o.o.", "OOD", "EOOD", "SRL",
    # Greek, and their Latin renderings (which fold to the same keys)
    "Α.Ε.", "ΑΕ", "Ε.Π.Ε.", "ΕΠΕ", "Ι.Κ.Ε.", "ΙΚΕ", "Ο.Ε.", "ΟΕ", "Ε.Ε.", "ΕΕ",
    "Μ.Ι.Κ.Ε.", "ΜΙΚΕ", "Μονοπρόσωπη", "Μονοπρόσωπη ΙΚΕ", "Μονοπρόσωπη ΕΠΕ",
    "Α.Β.Ε.Ε.", "ΑΒΕΕ", "Α.Ε.Β.Ε.", "ΑΕΒΕ", "Α.Τ.Ε.", "ΑΤΕ", "Α.Ε.Ε.", "ΑΕΕ",
    "Ανώνυμη Εταιρεία", "Ανώνυμη Εταιρία", "Εταιρεία Περιορισμένης Ευθύνης",
    "Εταιρία Περιορισμένης Ευθύνης", "Ιδιωτική Κεφαλαιουχική Εταιρεία",
    "Ιδιωτική Κεφαλαιουχική Εταιρία", "Ομόρρυθμη Εταιρεία", "Ομόρρυθμη Εταιρία",
    "Ετερόρρυθμη Εταιρεία", "Ετερόρρυθμη Εταιρία",
    "A.E.", "AE", "E.P.E.", "EPE", "I.K.E.", "IKE", "O.E.", "OE", "E.E.", "EE",
)  # fmt: skip

# Words that join a name to its legal form ("Smith & Co", "Παπαδόπουλος και ΣΙΑ").
_RAW_CONNECTORS = ("and", "und", "et", "e", "y", "και", "kai", "σια", "sia", "&")


def _fold_phrases(raw: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    phrases = {tuple(fold(s).split()) for s in raw}
    phrases.discard(())
    # Longest first so "limited liability company" wins over "company".
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


_LEGAL_SUFFIXES = _fold_phrases(_RAW_LEGAL_SUFFIXES)
# Last token → phrases ending with it, longest first.
_SUFFIXES_BY_LAST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in _LEGAL_SUFFIXES:
    _SUFFIXES_BY_LAST[_phrase[-1]] = (*_SUFFIXES_BY_LAST.get(_phrase[-1], ()), _phrase)
del _phrase
_CONNECTORS = frozenset(t for s in _RAW_CONNECTORS for t in fold(s).split())


def _strip_suffix_tokens(tokens: list[str], *, strict: bool) -> list[str]:
    """Remove trailing legal-form phrases (and connectors before them) from *tokens*.

    Never strips the name away entirely.  With ``strict`` only phrases whose folded form is
    longer than one letter are removed, so a person's trailing initial ("Nikolaou E.") survives
    when the kind is unknown.
    """
    while True:
        for phrase in _SUFFIXES_BY_LAST.get(tokens[-1], ()):
            n = len(phrase)
            if len(tokens) > n and tuple(tokens[-n:]) == phrase:
                if strict and len(phrase) == 1 and len(phrase[0]) < 2:
                    continue
                del tokens[-n:]
                while len(tokens) > 1 and tokens[-1] in _CONNECTORS:
                    del tokens[-1]
                break
        else:
            return tokens


def strip_legal_suffix(folded: str) -> str:
    """Remove trailing company legal forms from an already :func:`fold`-ed name.

    ``strip_legal_suffix(fold("ACME Holdings, Inc.")) == "akme holtings"``.  Several suffixes
    ("Pty Ltd", "GmbH & Co KG", "Μονοπρόσωπη ΙΚΕ") are all removed; a name that consists only of
    a legal form is returned unchanged.
    """
    tokens = folded.split()
    if not tokens:
        return ""
    return " ".join(_strip_suffix_tokens(tokens, strict=False))


@lru_cache(maxsize=1 << 16)
def _cached_key(name: str, kind: str | None) -> tuple[str, ...]:
    tokens = fold(name).split()
    if not tokens:
        return ()
    if kind == ORGANISATION:
        tokens = _strip_suffix_tokens(tokens, strict=False)
    elif kind is None:
        tokens = _strip_suffix_tokens(tokens, strict=True)
    tokens.sort()
    return tuple(tokens)


def _key_tokens(name: str, kind: str | None) -> list[str]:
    return list(_cached_key(name, kind))


def name_key(name: str, kind: str | None = None) -> str:
    """Return the comparison key of *name*: :func:`fold`, legal forms removed, tokens sorted.

    *kind* is ``"person"``, ``"organisation"`` (aliases: ``organization``, ``company``, …) or
    ``None`` (unknown).  Organisations lose their legal-form suffixes; people keep every token;
    for an unknown kind a trailing legal form of two or more letters is removed.
    """
    return " ".join(_key_tokens(name, _normalise_kind(kind)))


def match_score(a: str, b: str, *, kind_a: str | None = None, kind_b: str | None = None) -> float:
    """Score (0–100) two names the way :meth:`NameIndex.search` does; 100 means equal keys."""
    ta = _key_tokens(a, _normalise_kind(kind_a))
    tb = _key_tokens(b, _normalise_kind(kind_b))
    if not ta or not tb:
        return 0.0
    kb = " ".join(tb)
    if " ".join(ta) == kb:
        return 100.0
    best = max(fuzz.ratio(variant, kb) for variant in _query_variants(ta))
    return _display_score(best)


# --------------------------------------------------------------------------------------------
# index
# --------------------------------------------------------------------------------------------


def _query_variants(sorted_tokens: list[str]) -> list[str]:
    """Orders of the query's tokens to try against the (sorted) stored keys.

    Sorting both sides makes "Last First" meet "First Last", but a token whose spelling changes
    its first letter (Oikonomou/Economou, Georgios/Yiorgos) can sort elsewhere.  For two-word
    names both orders are tried, which covers every permutation; longer names also try the
    reverse order.  Each variant is one pass over the index.
    """
    variants = [" ".join(sorted_tokens)]
    if len(sorted_tokens) > 1:
        reverse = " ".join(reversed(sorted_tokens))
        if reverse != variants[0]:
            variants.append(reverse)
    return variants


def _display_score(raw: float) -> float:
    # Only identical keys may show as 100.
    return min(round(raw, 1), 99.9)


@dataclass(frozen=True, slots=True)
class NameHit:
    """One search result.

    ``score`` is 0–100; ``exact`` is true when the stored name's key equals the query's key
    (same name up to case, accents, punctuation, transliteration, legal form and word order),
    and only then is ``score`` 100.  ``key`` is the stored name's comparison key, for showing
    *why* it matched.
    """

    ref: Hashable
    stored_name: str
    score: float
    exact: bool
    kind: str | None = None
    key: str = ""


class NameIndex:
    """Fuzzy name index for conflict checks.

    ``NameIndex([(ref, name, kind), ...])``; ``ref`` is any hashable id of the caller's, unique
    within the index (adding an existing ref replaces it).  Not thread-safe for concurrent
    writes; searches do not modify the index.
    """

    def __init__(self, entries: Iterable[tuple[Hashable, str, str | None]] = ()) -> None:
        #: ref → (name as given, normalised kind, comparison key)
        self._entries: dict[Hashable, tuple[str, str | None, str]] = {}
        self._refs_by_key: dict[str, dict[Hashable, None]] = {}
        self._keys: list[str] = []  # unique keys, the rapidfuzz choices
        self._slot: dict[str, int] = {}  # key → position in _keys
        self.add_many(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, ref: object) -> bool:
        return ref in self._entries

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._entries)

    @property
    def unique_keys(self) -> int:
        """Number of distinct comparison keys (what a search actually scans)."""
        return len(self._keys)

    def add(self, ref: Hashable, name: str, kind: str | None = None) -> None:
        """Add (or replace) the name *name* under *ref*."""
        norm_kind = _normalise_kind(kind)
        self.add_keyed([ref], [name], [norm_kind], [" ".join(_cached_key(name, norm_kind))])

    def add_many(self, entries: Iterable[tuple[Hashable, str, str | None]]) -> None:
        """:meth:`add` every ``(ref, name, kind)``; the same as one :meth:`add` each, faster."""
        kinds: dict[str | None, str | None] = {}
        keys: dict[tuple[str, str | None], str] = {}
        refs: list[Hashable] = []
        names: list[str] = []
        norm_kinds: list[str | None] = []
        name_keys: list[str] = []
        for ref, name, kind in entries:
            if kind in kinds:
                norm_kind = kinds[kind]
            else:
                norm_kind = kinds[kind] = _normalise_kind(kind)
            key = keys.get((name, norm_kind))
            if key is None:
                key = keys[name, norm_kind] = " ".join(_cached_key(name, norm_kind))
            refs.append(ref)
            names.append(name)
            norm_kinds.append(norm_kind)
            name_keys.append(key)
        self.add_keyed(refs, names, norm_kinds, name_keys)

    def add_keyed(self, refs: Sequence[Hashable], names: Sequence[str],
                  kinds: Sequence[str | None], keys: Sequence[str]) -> None:
        """Add (or replace) entries given as columns, with *kinds* already normalised
        (``"person"``, ``"organisation"`` or ``None``) and *keys* already computed
        (``name_key(name, kind)`` under this :data:`KEY_VERSION`), as :meth:`columns` gives
        them: no key is computed again.  For loading an index that was kept somewhere."""
        if not len(refs) == len(names) == len(kinds) == len(keys):
            raise ValueError("refs, names, kinds and keys must have the same length")
        stored = self._entries
        if stored:
            for ref in refs:
                if ref in stored:
                    self.remove(ref)
        before = len(stored)
        stored.update(zip(refs, zip(names, kinds, keys, strict=True), strict=True))  # at C speed
        pairs: Iterable[tuple[Hashable, str]] = zip(refs, keys, strict=True)
        if len(stored) - before != len(refs):  # a ref given twice: the last one counts
            pairs = [(ref, stored[ref][2]) for ref in dict.fromkeys(refs)]
        buckets = self._refs_by_key
        unique = self._keys
        slots = self._slot
        for ref, key in pairs:
            if not key:
                continue  # nothing to compare with (empty or punctuation-only name)
            bucket = buckets.get(key)
            if bucket is None:
                bucket = buckets[key] = {}
                slots[key] = len(unique)
                unique.append(key)
            bucket[ref] = None

    def columns(self) -> tuple[list[Hashable], list[str], list[str | None], list[str]]:
        """Every entry as four columns (refs, names, normalised kinds, keys), which
        :meth:`add_keyed` takes back."""
        refs = list(self._entries)
        values = list(self._entries.values())
        return (refs, [v[0] for v in values], [v[1] for v in values],
                [v[2] for v in values])

    def remove(self, ref: Hashable) -> bool:
        """Remove *ref*; return whether it was present."""
        entry = self._entries.pop(ref, None)
        if entry is None:
            return False
        key = entry[2]
        if not key:
            return True
        bucket = self._refs_by_key[key]
        del bucket[ref]
        if not bucket:
            del self._refs_by_key[key]
            slot = self._slot.pop(key)
            last = self._keys.pop()
            if slot < len(self._keys):  # move the last key into the freed slot
                self._keys[slot] = last
                self._slot[last] = slot
        return True

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        limit: int | None = 50,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> list[NameHit]:
        """Return stored names matching *query*, best first.

        *kind* sets how the query is keyed (see :func:`name_key`) and keeps only entries of
        that kind or of unknown kind.  Hits score at least *threshold* (0–100); exact key
        matches come first with score 100.  Ties are ordered by stored name.  ``limit=None``
        returns every hit.  An empty or whitespace-only query returns ``[]``.
        """
        if not 0 <= threshold <= 100:
            raise ValueError("threshold must be between 0 and 100")
        if limit is not None and limit <= 0:
            return []
        norm_kind = _normalise_kind(kind)
        tokens = _key_tokens(query, norm_kind)
        if not tokens or not self._keys:
            return []
        qkey = " ".join(tokens)

        scores: dict[str, float] = {}
        for variant in _query_variants(tokens):
            for key, score, _ in process.extract(
                variant, self._keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                if score > scores.get(key, -1.0):
                    scores[key] = score

        hits: list[NameHit] = []
        for key, score in scores.items():
            exact = key == qkey
            shown = 100.0 if exact else _display_score(score)
            for ref in self._refs_by_key[key]:
                name, entry_kind, _key = self._entries[ref]
                if norm_kind is not None and entry_kind not in (None, norm_kind):
                    continue
                hits.append(NameHit(ref, name, shown, exact, entry_kind, key))
        hits.sort(key=lambda h: (-h.score, h.stored_name.casefold(), h.stored_name))
        return hits if limit is None else hits[:limit]

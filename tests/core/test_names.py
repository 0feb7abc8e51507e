"""Name folding and fuzzy matching for the conflict-of-interest check."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.core.names import (
    DEFAULT_THRESHOLD,
    NameHit,
    NameIndex,
    fold,
    match_score,
    name_key,
    strip_legal_suffix,
)

# --------------------------------------------------------------------------------------------
# fold / name_key
# --------------------------------------------------------------------------------------------

SAME_NAME = [
    # Greek and Latin spellings of one name
    ("Παπαδόπουλος", "Papadopoulos"),
    ("ΠΑΠΑΔΟΠΟΥΛΟΣ", "papadopoulos"),
    ("Παπαδόπουλος", "Papadopulos"),
    ("Νικολάου", "Nikolaou"),
    ("Νικολάου", "Nicolaou"),
    ("Χατζηδάκης", "Chatzidakis"),
    ("Χατζηδάκης", "Hatzidakis"),
    ("Χατζηδάκης", "Hadjidakis"),
    ("Ευάγγελος", "Evangelos"),
    ("Ευάγγελος", "Evaggelos"),
    ("Ευάγγελος", "Euangelos"),
    ("Μπακογιάννη", "Bakoyanni"),
    ("Μπακογιάννη", "Bakogianni"),
    ("Μπακογιάννη", "Mpakogianni"),
    ("Γιώργος", "Giorgos"),
    ("Γιώργος", "Yiorgos"),
    ("Γιώργος", "Yorgos"),
    ("Γεώργιος", "Georgios"),
    ("Ευθύμιος", "Efthymios"),
    ("Παύλος", "Pavlos"),
    ("Παύλος", "Paulos"),
    ("Αλέξανδρος", "Alexandros"),
    ("Αλέξανδρος", "Aleksandros"),
    ("Χρήστος", "Christos"),
    ("Χρήστος", "Hristos"),
    ("Χρήστος", "Xristos"),
    ("Παναγιώτης", "Panagiotis"),
    ("Παναγιώτης", "Panayiotis"),
    ("Παναγιώτης", "Panayotis"),
    ("Κωνσταντίνος", "Constantinos"),
    ("Λαμπράκης", "Lambrakis"),
    ("Λαμπράκης", "Lamprakis"),
    ("Ντόρα", "Dora"),
    ("Ντόρα", "Ntora"),
    ("Αγγελόπουλος", "Aggelopoulos"),
    ("Αγγελόπουλος", "Angelopoulos"),
    ("Οικονόμου", "Oikonomou"),
    ("Οικονόμου", "Ikonomou"),
    ("Κυριάκος", "Kyriakos"),
    ("Κυριάκος", "Kiriakos"),
    ("Αικατερίνη", "Aikaterini"),
    ("Αικατερίνη", "Ekaterini"),
    ("Τσίγκας", "Tsigkas"),
    ("Ψαρράς", "Psarras"),
    ("Ξενοφών", "Xenofon"),
    ("Θεοδώρου", "Theodorou"),
    ("Φωτίου", "Photiou"),
    ("Άλφα", "Alpha"),
    ("Άλφα", "ALFA"),
    # case, accents, punctuation
    ("José Müller", "JOSE MULLER"),
    ("Ñuñez-Ødegaard", "nunez odegaard"),
    ("O'Brien", "OBrien"),
    ("O’Brien", "O'Brien"),
    ("  Maria   Papadopoulou ", "Maria Papadopoulou"),
    ("Maria.Papadopoulou", "Maria, Papadopoulou"),
    # Greek words typed with Latin look-alike letters, and the other way round
    ("ΠAΠAΔOΠOYΛOΣ", "Παπαδόπουλος"),  # Latin A, O, Y
    ("Papadοpoulos", "Papadopoulos"),  # Greek ο
]


@pytest.mark.parametrize(("a", "b"), SAME_NAME)
def test_spelling_variants_fold_to_the_same_key(a: str, b: str) -> None:
    assert fold(a) == fold(b)
    assert name_key(a) == name_key(b)
    assert match_score(a, b) == 100


def test_fold_examples() -> None:
    assert fold("Παπαδόπουλος") == "papadopulos"
    assert fold("Γιώργος Νικολάου") == "iorgos nikolau"
    assert fold("Ευάγγελος") == "evangelos"
    # Voiceless context: ευ → ef (ELOT 743)
    assert fold("Ευθύμιος") == "efthimios"


@pytest.mark.parametrize("blank", ["", " ", "\t\n ", "...", " - , ; ", "·"])
def test_fold_of_blank_or_punctuation_only_is_empty(blank: str) -> None:
    assert fold(blank) == ""
    assert name_key(blank) == ""


@given(st.text(max_size=60))
def test_fold_of_any_text_is_clean(text: str) -> None:
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert all(token.isalnum() for token in folded.split())
    assert not any(unicodedata.combining(ch) for ch in folded)
    name_key(text)  # never raises


def test_fold_keeps_digits() -> None:
    assert fold("3M Company") == "3m kompani"
    assert fold("Room 1001") != fold("Room 101")


def test_greek_full_name_matches_every_common_latin_spelling() -> None:
    greek = "Γιώργος Νικολάου"
    for latin in ("Giorgos Nikolaou", "Yiorgos Nicolaou", "NIKOLAOU Giorgos", "Nikolaou, Yorgos"):
        assert name_key(latin, "person") == name_key(greek, "person")


def test_georgios_and_giorgos_are_a_fuzzy_hit_not_an_exact_one() -> None:
    score = match_score("Georgios Nikolaou", "Γιώργος Νικολάου")
    assert DEFAULT_THRESHOLD <= score < 100


def test_xatzidakis_greeklish_is_a_fuzzy_hit() -> None:
    assert DEFAULT_THRESHOLD <= match_score("Xatzidakis", "Χατζηδάκης") < 100


# --------------------------------------------------------------------------------------------
# legal-form suffixes
# --------------------------------------------------------------------------------------------

SAME_COMPANY = [
    ("Acme Corp", "ACME, Inc."),
    ("Acme Corp", "Acme Ltd"),
    ("Acme Corp.", "Acme Corporation"),
    ("Acme Limited", "Acme LLC"),
    ("Acme L.L.C.", "Acme LLP"),
    ("Acme PLC", "Acme Co."),
    ("Acme & Co", "Acme"),
    ("Acme Pty Ltd", "Acme"),
    ("Acme GmbH", "Acme AG"),
    ("Acme GmbH & Co. KG", "Acme"),
    ("Acme S.A.", "Acme SA"),
    ("Acme SARL", "Acme S.p.A."),
    ("Acme Srl", "Acme B.V."),
    ("Acme NV", "Acme Oy"),
    ("Acme AB", "Acme Company"),
    ("Άλφα Α.Ε.", "Alfa SA"),
    ("Άλφα Α.Ε.", "ALPHA S.A."),
    ("Άλφα ΑΕ", "Alpha A.E."),
    ("Βήτα Ε.Π.Ε.", "Vita EPE"),
    ("Βήτα ΕΠΕ", "Vita Ltd"),
    ("Γάμμα Ι.Κ.Ε.", "Gamma IKE"),
    ("Γάμμα Μονοπρόσωπη ΙΚΕ", "Gamma"),
    ("Δέλτα Ο.Ε.", "Delta OE"),
    ("Δέλτα Ε.Ε.", "Delta E.E."),
    ("Παπαδόπουλος & ΣΙΑ Ο.Ε.", "Papadopoulos OE"),
    ("Ωμέγα Ανώνυμη Εταιρεία", "Omega S.A."),
    ("Ωμέγα Εταιρεία Περιορισμένης Ευθύνης", "Omega Ltd"),
]


@pytest.mark.parametrize(("a", "b"), SAME_COMPANY)
def test_company_legal_forms_are_ignored(a: str, b: str) -> None:
    assert name_key(a, "organisation") == name_key(b, "organisation")
    # Unknown kind: a trailing legal form is recognised too.
    assert match_score(a, b) == 100


def test_strip_legal_suffix_works_on_folded_names() -> None:
    assert strip_legal_suffix(fold("ACME Holdings, Inc.")) == fold("Acme Holdings")
    assert strip_legal_suffix(fold("Acme Pty. Ltd.")) == "akme"
    assert strip_legal_suffix("") == ""


def test_a_name_that_is_only_a_legal_form_is_kept() -> None:
    assert strip_legal_suffix(fold("Company")) == fold("Company")
    assert name_key("Ltd", "organisation") == fold("Ltd")


def test_legal_form_in_the_middle_is_kept() -> None:
    assert name_key("Co Operative Bank", "organisation") == name_key("Operative Co Bank")
    assert "ko" in name_key("Co Operative Bank", "organisation").split()


def test_people_keep_tokens_that_look_like_legal_forms() -> None:
    assert name_key("Maria Sa", "person") != name_key("Maria", "person")
    # Unknown kind: a single-letter trailing "suffix" (Ε.Ε. folds to "e") is an initial.
    assert name_key("Nikolaou E.") != name_key("Nikolaou")
    assert name_key("Nikolaou E.", "organisation") == name_key("Nikolaou")


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown name kind"):
        name_key("Acme", "robot")


def test_kind_aliases() -> None:
    assert name_key("Acme Inc", "organization") == name_key("Acme Inc", "company") == "akme"


# --------------------------------------------------------------------------------------------
# scoring
# --------------------------------------------------------------------------------------------


def test_reordered_names_are_exact() -> None:
    assert match_score("Papadopoulos Maria", "Maria Papadopoulos") == 100
    assert match_score("ΠΑΠΑΔΟΠΟΥΛΟΣ, Μαρία", "Maria Papadopoulos") == 100


def test_female_and_male_surname_forms_are_a_weaker_fuzzy_hit() -> None:
    score = match_score("Papadopoulos Maria", "Maria Papadopoulou")
    assert DEFAULT_THRESHOLD <= score < 100
    score = match_score("Μπακογιάννης Ντόρα", "Dora Bakoyanni")
    assert DEFAULT_THRESHOLD <= score < 100


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Papadopoulos", "Papadopolous"),  # typo
        ("Maria Papadopoulou", "Maria Georgiou Papadopoulou"),  # middle name
        ("Helen Economou", "Helen Oikonomou"),  # first letter changes the sort order
        ("Ioannis Papadakis", "Giannis Papadakis"),
        ("Nikolaos Papadopoulos", "Nikos Papadopoulos"),
        ("Acme Holdings", "Acme Holding Ltd"),
    ],
)
def test_near_misses_are_fuzzy_hits(a: str, b: str) -> None:
    assert DEFAULT_THRESHOLD <= match_score(a, b) < 100


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Papadopoulos", "Papadimitriou"),
        ("Παπαδόπουλος", "Papadimitriou"),
        ("Acme Corp", "Apex Corp"),
        ("Acme Corp", "Apex Inc"),
        ("Maria", "Maria Papadopoulou"),
        ("Maria", "Papadopoulou Maria"),
        ("Maria Papadopoulou", "Maria Papadaki"),
        ("Giorgos Papadopoulos", "Giorgos Papadakis"),
        ("Nikolaou", "Nikolaidis"),
        ("Alpha Bank", "Beta Bank"),
        ("Kostas Dimitriou", "Kostas Dimopoulos"),
    ],
)
def test_different_names_stay_below_the_threshold(a: str, b: str) -> None:
    assert match_score(a, b) < DEFAULT_THRESHOLD


def test_blank_names_score_zero() -> None:
    assert match_score("", "Maria") == 0
    assert match_score("Maria", "   ") == 0


# --------------------------------------------------------------------------------------------
# NameIndex
# --------------------------------------------------------------------------------------------


@pytest.fixture
def index() -> NameIndex:
    return NameIndex(
        [
            ("c1", "Παπαδόπουλος Μαρία", "person"),
            ("c2", "Maria Papadopoulou", "person"),
            ("c3", "Γιώργος Νικολάου", "person"),
            ("c4", "ACME, Inc.", "organisation"),
            ("c5", "Άλφα Α.Ε.", "organisation"),
            ("c6", "Papadimitriou Maria", "person"),
            ("c7", "Apex Corp", "organisation"),
            ("p1", "Maria Papadopoulos", "person"),  # a matter party with the same name as c1
            ("p2", "Χατζηδάκης Ευάγγελος", None),
            ("p3", "Maria", None),
        ]
    )


def refs(hits: list[NameHit]) -> list[object]:
    return [h.ref for h in hits]


def test_exact_hits_come_first_with_score_100(index: NameIndex) -> None:
    hits = index.search("PAPADOPOULOS, Maria")
    assert refs(hits)[:2] == ["p1", "c1"]  # ties ordered by stored name
    assert all(h.exact and h.score == 100 for h in hits[:2])
    assert hits[0].stored_name == "Maria Papadopoulos"
    assert hits[0].key == name_key("Maria Papadopoulos")
    female = hits[2]
    assert female.ref == "c2"
    assert not female.exact
    assert DEFAULT_THRESHOLD <= female.score < 100
    assert "c6" not in refs(hits)  # Papadimitriou
    assert "p3" not in refs(hits)  # just "Maria"


def test_search_scores_agree_with_match_score(index: NameIndex) -> None:
    for query in ("Papadopoulos Maria", "Nikolaou Georgios", "Acme Ltd", "Hatzidakis"):
        for hit in index.search(query, threshold=0, limit=None):
            assert hit.score == match_score(query, hit.stored_name, kind_b=hit.kind)


@given(st.text(max_size=40))
def test_search_never_fails(query: str) -> None:
    idx = NameIndex([(1, "Maria Papadopoulou", "person"), (2, "Acme Ltd", "organisation")])
    for hit in idx.search(query, threshold=0):
        assert 0 <= hit.score <= 100
        assert hit.exact == (hit.score == 100)


def test_search_greek_finds_latin_and_back(index: NameIndex) -> None:
    assert refs(index.search("Giorgos Nikolaou")) == ["c3"]
    assert refs(index.search("Nikolaou Yiorgos")) == ["c3"]
    hit = index.search("Evangelos Hatzidakis")[0]
    assert (hit.ref, hit.exact, hit.kind) == ("p2", True, None)


def test_search_companies_ignores_legal_forms(index: NameIndex) -> None:
    assert refs(index.search("Acme Corp")) == ["c4"]
    assert refs(index.search("Acme Ltd", kind="organisation")) == ["c4"]
    hits = index.search("ALPHA S.A.")
    assert refs(hits) == ["c5"]
    assert hits[0].exact


def test_kind_filter_keeps_unknown_kinds(index: NameIndex) -> None:
    assert refs(index.search("Maria Papadopoulos", kind="organisation")) == []
    assert refs(index.search("Hatzidakis Evangelos", kind="organisation")) == ["p2"]
    assert "p2" in refs(index.search("Hatzidakis Evangelos", kind="person"))


def test_short_query_does_not_hit_every_longer_name(index: NameIndex) -> None:
    assert refs(index.search("Maria")) == ["p3"]


def test_empty_and_whitespace_queries_return_nothing(index: NameIndex) -> None:
    assert index.search("") == []
    assert index.search("   \t") == []
    assert index.search(" .,; ") == []
    assert NameIndex().search("Maria") == []


def test_limit_and_threshold(index: NameIndex) -> None:
    assert len(index.search("Maria Papadopoulos", limit=1)) == 1
    assert index.search("Maria Papadopoulos", limit=0) == []
    everything = index.search("Maria Papadopoulos", limit=None, threshold=0)
    assert len(everything) == len(index)
    assert [h.score for h in everything] == sorted((h.score for h in everything), reverse=True)
    with pytest.raises(ValueError, match="threshold"):
        index.search("Maria", threshold=101)


def test_add_remove_and_replace() -> None:
    idx = NameIndex()
    idx.add(1, "Παπαδόπουλος", "person")
    idx.add(2, "Papadopoulos", "person")
    idx.add(3, "Nikolaou", "person")
    assert len(idx) == 3
    assert idx.unique_keys == 2  # identical keys are stored once
    assert refs(idx.search("papadopoulos")) == [2, 1]

    assert idx.remove(1) is True
    assert idx.remove(1) is False
    assert 1 not in idx
    assert refs(idx.search("papadopoulos")) == [2]
    assert idx.unique_keys == 2

    assert idx.remove(2)
    assert idx.search("papadopoulos") == []
    assert idx.unique_keys == 1
    assert refs(idx.search("Νικολάου")) == [3]

    # Re-adding a ref replaces its name.
    idx.add(3, "Chatzidakis")
    assert idx.search("Nikolaou") == []
    assert refs(idx.search("Χατζηδάκης")) == [3]
    assert len(idx) == 1


def test_remove_keeps_the_other_keys_searchable() -> None:
    names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
    idx = NameIndex((i, n, "organisation") for i, n in enumerate(names))
    idx.remove(1)  # swaps the last key into the freed slot
    idx.remove(0)
    assert sorted(idx) == [2, 3, 4]
    for i in (2, 3, 4):
        assert refs(idx.search(names[i])) == [i]


def test_blank_stored_names_are_kept_but_never_match() -> None:
    idx = NameIndex([("x", "  ", None), ("y", "Maria", None)])
    assert len(idx) == 2
    assert refs(idx.search("Maria", threshold=0)) == ["y"]
    assert idx.remove("x")


def test_name_hit_is_frozen() -> None:
    hit = NameHit("r", "Maria", 100.0, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.score = 1  # type: ignore[misc]


def test_search_is_fast_enough_for_a_firm() -> None:
    # Not a benchmark (see benchmarks/bench_names.py): a smoke test that a mid-sized index
    # answers without scanning in Python.
    import random
    import time

    rnd = random.Random(7)
    first = ["Maria", "Giorgos", "Eleni", "Nikos", "Anna", "Kostas", "Dimitra", "Ioannis"]
    last = ["Papadopoulos", "Nikolaou", "Georgiou", "Oikonomou", "Pappas", "Vlachos"]
    idx = NameIndex(
        (i, f"{rnd.choice(first)} {rnd.choice(last)}{rnd.randint(0, 3000)}", "person")
        for i in range(20_000)
    )
    start = time.perf_counter()
    idx.search("Maria Papadopoulou")
    assert time.perf_counter() - start < 1.0

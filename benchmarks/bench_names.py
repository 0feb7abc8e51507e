"""Benchmark the conflict-check name index.

    python benchmarks/bench_names.py [--names 150000] [--queries 200] [--seed 2024] [--distinct]

Builds a synthetic firm (50k contacts + 100k matter parties by default: Greek and Latin
people, companies with legal forms, many repeated names) and prints the build time and the
p50/p95/max time of one ``NameIndex.search`` over a mix of exact, misspelt, transliterated and
absent names.  ``--distinct`` makes (nearly) every name different, the worst case for the
index, which scans each distinct key once per query pass.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casedesk.core.names import NameIndex

GREEK_FIRST = [
    "Γιώργος", "Γεώργιος", "Μαρία", "Ελένη", "Νίκος", "Νικόλαος", "Κωνσταντίνος", "Κώστας",
    "Ιωάννης", "Γιάννης", "Δημήτρης", "Δήμητρα", "Αικατερίνη", "Παναγιώτης", "Ευάγγελος",
    "Σοφία", "Αναστασία", "Χρήστος", "Βασίλειος", "Αθανάσιος", "Ευθύμιος", "Ζωή", "Αγγελική",
    "Μιχάλης", "Σταύρος", "Θεόδωρος", "Φωτεινή", "Ξανθή", "Ψυχάρης", "Ντίνος",
]  # fmt: skip
GREEK_LAST_STEMS = [
    "Παπαδόπουλ", "Νικολά", "Χατζηδάκ", "Μπακογιάνν", "Οικονόμ", "Γεωργί", "Παπαδημητρί",
    "Αγγελόπουλ", "Κωνσταντινίδ", "Λαμπράκ", "Βλάχ", "Παππ", "Ιωάνν", "Δημητρί", "Καραμανλ",
    "Τσίπρ", "Ψαρρ", "Ξενάκ", "Θεοδωρ", "Φωτί", "Ευαγγέλ", "Κυριακ", "Σταυρ", "Αλεξανδρ",
    "Ντόκ", "Γκίκ", "Μητσοτάκ", "Ζαφειρ", "Ρήγ", "Μαυρογιάνν",
]  # fmt: skip
GREEK_ENDINGS = ["ος", "ου", "ης", "η", "άκης", "ίδης", "ίδου", "άς", "ά", "όπουλος", "οπούλου"]
LATIN_FIRST = [
    "John", "Jane", "Michael", "Sarah", "Peter", "Anna", "Thomas", "Laura", "Paul", "Helen",
    "Hans", "Greta", "Pierre", "Claire", "Marco", "Giulia", "Carlos", "Lucia", "Olaf", "Ingrid",
    "Giorgos", "Yiorgos", "Maria", "Eleni", "Nikos", "Kostas", "Dimitris", "Evangelos",
]  # fmt: skip
LATIN_LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson",
    "Müller", "Schmidt", "Schneider", "Fischer", "Dubois", "Lefèvre", "Rossi", "Russo",
    "García", "Fernández", "O'Brien", "Nielsen", "Papadopoulos", "Nikolaou", "Hatzidakis",
    "Chatzidakis", "Bakoyannis", "Economou", "Oikonomou", "Georgiou", "Pappas", "Vlachos",
]  # fmt: skip
COMPANY_WORDS = [
    "Acme", "Alpha", "Beta", "Gamma", "Delta", "Omega", "Global", "Hellas", "Aegean", "Olympus",
    "Atlas", "Nova", "Apex", "Zenith", "Vertex", "Blue", "Green", "Star", "Sun", "Sea", "Trans",
    "Euro", "Ionian", "Athens", "Marine", "Shipping", "Trading", "Holdings", "Foods", "Energy",
    "Άλφα", "Βήτα", "Ωμέγα", "Αιγαίο", "Όλυμπος", "Ναυτιλιακή", "Εμπορική", "Τεχνική",
]  # fmt: skip
LEGAL_FORMS = [
    "", "Inc.", "Ltd", "LLC", "Corp.", "PLC", "GmbH", "AG", "S.A.", "SARL", "B.V.", "S.p.A.",
    "Α.Ε.", "ΑΕ", "Ε.Π.Ε.", "ΙΚΕ", "Ο.Ε.", "A.E.", "IKE", "Μονοπρόσωπη Ι.Κ.Ε.",
]  # fmt: skip


def _typo(rnd: random.Random, name: str) -> str:
    if len(name) < 4:
        return name
    i = rnd.randrange(1, len(name) - 1)
    op = rnd.randrange(3)
    if op == 0:
        return name[:i] + name[i + 1 :]
    if op == 1:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rnd.choice("aeiounrst") + name[i + 1 :]


def make_name(rnd: random.Random) -> tuple[str, str]:
    r = rnd.random()
    if r < 0.45:
        first = rnd.choice(GREEK_FIRST)
        last = rnd.choice(GREEK_LAST_STEMS) + rnd.choice(GREEK_ENDINGS)
        name = f"{last} {first}" if rnd.random() < 0.5 else f"{first} {last}"
        if rnd.random() < 0.3:
            name = name.upper()
        return name, "person"
    if r < 0.75:
        first = rnd.choice(LATIN_FIRST)
        last = rnd.choice(LATIN_LAST)
        if rnd.random() < 0.4:  # make the population less repetitive
            last = _typo(rnd, last) + rnd.choice(["", "s", "a", "is", "ou"])
        if rnd.random() < 0.2:
            return f"{last.upper()}, {first}", "person"
        return f"{first} {last}", "person"
    words = rnd.sample(COMPANY_WORDS, rnd.choice([1, 2, 2, 3]))
    if rnd.random() < 0.5:
        words.append(str(rnd.randint(1, 999)))
    form = rnd.choice(LEGAL_FORMS)
    return " ".join([*words, form]).strip(), "organisation"


def make_queries(rnd: random.Random, names: list[tuple[str, str]], n: int) -> list[str]:
    queries: list[str] = []
    for i in range(n):
        name, _ = rnd.choice(names)
        kind = i % 4
        if kind == 0:
            queries.append(name)  # exact
        elif kind == 1:
            queries.append(_typo(rnd, name))  # misspelt
        elif kind == 2:
            queries.append(" ".join(reversed(name.split())))  # reordered
        else:  # probably absent
            queries.append(f"{rnd.choice(LATIN_FIRST)} Zyxwvuts{rnd.randint(0, 10**6)}")
    return queries


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=150_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--distinct", action="store_true", help="no repeated names")
    args = parser.parse_args(argv)

    rnd = random.Random(args.seed)
    names = [make_name(rnd) for _ in range(args.names)]
    if args.distinct:
        syllables = ["ka", "lo", "mi", "ra", "to", "ni", "sa", "pe", "du", "vi", "ze", "fo"]
        names = [
            (f"{name} {''.join(rnd.choices(syllables, k=rnd.randint(2, 4))).title()}", kind)
            for name, kind in names
        ]
    queries = make_queries(rnd, names, args.queries)

    start = time.perf_counter()
    index = NameIndex((i, name, kind) for i, (name, kind) in enumerate(names))
    build = time.perf_counter() - start

    index.search(queries[0])  # warm-up
    times: list[float] = []
    hits = 0
    for q in queries:
        t0 = time.perf_counter()
        result = index.search(q)
        times.append((time.perf_counter() - t0) * 1000)
        hits += len(result)

    print(f"names:        {len(index):,} ({index.unique_keys:,} distinct keys)")
    print(f"build:        {build:.2f} s")
    print(f"queries:      {len(queries)} (mean {hits / len(queries):.1f} hits, limit 50)")
    print(f"query p50:    {statistics.median(times):.1f} ms")
    print(f"query p95:    {percentile(times, 95):.1f} ms")
    print(f"query max:    {max(times):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The full-text search index (SQLite FTS5), kept by the core on every write.

``search_docs`` holds one row per searchable record (kind, the record's id, its matter and the
text shown in a hit); ``search_fts`` is the FTS5 index over the same rowids.  Text is folded
before it is indexed and before it is searched (case, accents and Greek tonos removed), so
"papadopoulou" finds "Παπαδοπούλου"'s Latin spelling and "Μαρία" finds "ΜΑΡΙΑ".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from casedesk.core.models import Contact, Correspondence, Matter


# The tables (search_docs, search_fts) are created by migration 0001.
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, stop in ((0xC0, 0x250), (0x370, 0x400), (0x1E00, 0x2000)):
        for cp in range(start, stop):
            ch = chr(cp)
            plain = "".join(c for c in unicodedata.normalize("NFKD", ch)
                            if not unicodedata.combining(c)).casefold()
            if plain != ch:
                table[cp] = plain
    table[ord("ς")] = "σ"
    return table


_FOLD = _fold_table()
#: Characters the table does not cover (combining marks, other scripts): decomposed slowly.
_BEYOND_TABLE = re.compile("[^\x00-\u024f\u0370-\u03ff\u1e00-\u1fff]")


def fold(value: str) -> str:
    """Lower-case, strip accents (Latin and Greek), unify final sigma.  A translation table
    built once from Unicode decompositions keeps this fast enough to index an import of tens of
    thousands of names; anything outside the table's ranges is decomposed the slow way."""
    if value.isascii():
        return value.lower()
    out = value.translate(_FOLD)
    if not out.isascii() and _BEYOND_TABLE.search(out):
        out = "".join(c for c in unicodedata.normalize("NFKD", out)
                      if not unicodedata.combining(c))
    return out.lower().replace("ς", "σ")


@dataclass(frozen=True)
class IndexDoc:
    ref: str
    kind: str
    matter_id: str | None
    title: str
    subtitle: str
    body: str


def _join(*parts: Any) -> str:
    out: list[str] = []
    for p in parts:
        if not p:
            continue
        out.extend(str(x) for x in p) if isinstance(p, list) else out.append(str(p))
    return " ".join(out)


def _contact_entry(ident: str, name: str, is_client: Any, emails: list[str] | None,
                   phones: list[str] | None, addresses: list[str] | None,
                   notes: str | None) -> tuple[str, str, None, str, str, str]:
    """A contact's index entry: ref, kind, matter id, title, subtitle and body."""
    emails, phones = emails or [], phones or []
    return (ident, "client" if is_client else "contact", None, name,
            " ".join(emails[:1] + phones[:1]),
            " ".join([*emails, *phones, *(addresses or []), notes or ""]).strip())


def _contact_doc(ident: str, name: str, is_client: Any, emails: list[str] | None,
                 phones: list[str] | None, addresses: list[str] | None,
                 notes: str | None) -> IndexDoc:
    return IndexDoc(*_contact_entry(ident, name, is_client, emails, phones, addresses, notes))


def _contact_values_entry(values: dict[str, Any]) -> tuple[str, str, None, str, str, str]:
    return _contact_entry(values["id"], values["name"], values.get("is_client"),
                          values.get("emails"), values.get("phones"), values.get("addresses"),
                          values.get("notes"))


def doc_for_values(model: type, values: dict[str, Any]) -> IndexDoc | None:
    """The index entry for a record given as column values (bulk inserts)."""
    if model is Contact:  # the hot path of a large import: no object built per row
        return IndexDoc(*_contact_values_entry(values))
    from types import SimpleNamespace

    return doc_for(SimpleNamespace(**values), model)


def doc_for(obj: Any, model: type | None = None) -> IndexDoc | None:
    """The index entry for a record, or None for records that are not searched."""
    model = model or type(obj)
    if issubclass(model, Contact):
        return _contact_doc(obj.id, obj.name, obj.is_client, obj.emails, obj.phones,
                            obj.addresses, obj.notes)
    if issubclass(model, Matter):
        return IndexDoc(
            obj.id, "matter", obj.id, f"{obj.number} {obj.title}",
            _join(obj.court, obj.case_number),
            _join(obj.number, obj.case_number, obj.court, obj.judge, obj.description),
        )
    if issubclass(model, Correspondence):
        return IndexDoc(
            obj.id, "correspondence", obj.matter_id, obj.subject or "(no subject)",
            _join(obj.channel, obj.counterpart), _join(obj.counterpart, obj.body),
        )
    return None


def update_index(conn: Connection, touched: Iterable[tuple[str, Any]]) -> None:
    """Bring the index in step with inserted, updated and deleted records."""
    removals: list[str] = []
    docs: list[IndexDoc] = []
    for op, obj in touched:
        if op == "delete":
            if isinstance(obj, (Contact, Matter, Correspondence)):
                removals.append(obj.id)
            continue
        doc = doc_for(obj)
        if doc is not None:
            if op == "update":
                removals.append(doc.ref)
            docs.append(doc)
    if removals:
        remove(conn, removals)
    if docs:
        add(conn, docs)


def remove(conn: Connection, refs: Sequence[str]) -> None:
    """Drop the index entries of ``refs`` (one lookup per 500 refs, one executemany each)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        rowids: list[tuple[int]] = []
        for i in range(0, len(refs), 500):
            chunk = list(refs[i:i + 500])
            cursor.execute("SELECT rowid FROM search_docs WHERE ref IN "
                           f"({', '.join('?' * len(chunk))})", chunk)
            rowids += [(r[0],) for r in cursor.fetchall()]
        if rowids:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = ?", rowids)
            cursor.executemany("DELETE FROM search_docs WHERE rowid = ?", rowids)
    finally:
        cursor.close()


def add(conn: Connection, docs: Sequence[IndexDoc]) -> None:
    insert_prepared(conn, prepare(docs, next_rowid(conn)))


def next_rowid(conn: Connection) -> int:
    return int(conn.execute(text("SELECT coalesce(max(rowid), 0) FROM search_docs")).scalar_one()
               ) + 1


Prepared = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def prepare(docs: Sequence[IndexDoc], first_rowid: int) -> Prepared:
    """The index rows for ``docs`` (folding is the costly part; no database needed)."""
    return _prepare([(d.ref, d.kind, d.matter_id, d.title, d.subtitle, d.body) for d in docs],
                    first_rowid)


def prepare_contacts(records: Sequence[dict[str, Any]], first_rowid: int) -> Prepared:
    """:func:`prepare` for contacts given as column values, with their ids (a bulk insert's),
    without an :class:`IndexDoc` per contact."""
    return _prepare([_contact_values_entry(r) for r in records], first_rowid)


def _prepare(entries: list[tuple[Any, ...]], first_rowid: int) -> Prepared:
    rowids = range(first_rowid, first_rowid + len(entries))
    meta = [(i, *e[:5]) for i, e in zip(rowids, entries, strict=True)]
    fts = list(zip(rowids, _fold_many([e[3] for e in entries]),
                   _fold_many([e[5] for e in entries]), strict=True))
    return meta, fts


def _fold_many(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]``, folding them as one text: folding goes character by
    character (the final sigma is unified afterwards), and only the runs of non-ASCII
    characters need the translation table, each distinct run translated once.  Texts with
    characters beyond the table are folded one by one."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):  # a text holds the separator itself
        return [fold(t) for t in texts]
    if joined.isascii():
        return joined.lower().split("\x00") if texts else []
    parts = _NON_ASCII_RUN.split(joined)  # ASCII, a non-ASCII run, ASCII, …
    folded = {run: run.translate(_FOLD) for run in set(parts[1::2])}
    parts[1::2] = [folded[run] for run in parts[1::2]]
    out = "".join(parts)
    if any(_BEYOND_TABLE.search(run) for run in folded.values()):
        return [fold(t) if _BEYOND_TABLE.search(p) else p.lower().replace("ς", "σ")
                for t, p in zip(texts, out.split("\x00"), strict=True)]
    return out.lower().replace("ς", "σ").split("\x00")


_NON_ASCII_RUN = re.compile("([^\x00-\x7f]+)")


def insert_prepared(conn: Connection, rows: Prepared) -> None:
    meta, fts = rows
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:  # one DB-API executemany each: an import indexes tens of thousands of rows
        cursor.executemany(
            "INSERT INTO search_docs (rowid, ref, kind, matter_id, title, subtitle) "
            "VALUES (?, ?, ?, ?, ?, ?)", meta)
        cursor.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", fts)
    finally:
        cursor.close()


@dataclass(frozen=True)
class SearchHit:
    kind: str
    ref: str
    matter_id: str | None
    title: str
    subtitle: str
    matter_number: str | None = None


def fts_query(query: str) -> str | None:
    """Turn what the user typed into an FTS5 query: every word must match; the last word, the
    one being typed, matches as a prefix once it has two letters."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in fold(query)).split() if w]
    if not words:
        return None
    terms = [f'"{w}"' for w in words]
    if len(words[-1]) > 1:
        terms[-1] += "*"
    return " ".join(terms)


#: How long ranking may take before the newest matches are shown instead (seconds).
RANK_BUDGET_S = 0.06


def search(
    session: Session | Connection, query: str, *, limit: int = 50, kinds: Sequence[str] = ()
) -> list[SearchHit]:
    """Best hits first (BM25, titles weigh more), each with its matter number when it has one.

    In a case-file session, matters behind an ethical wall the user may not see yield nothing,
    and the text of walled documents the user may read is searched too (in memory: it is never
    in this index; see :mod:`casedesk.core.walls`)."""
    q = fts_query(query)
    if q is None:
        return []
    where, join = "search_fts MATCH :q", ""
    params: dict[str, Any] = {"q": q, "limit": limit}
    hidden: frozenset[str] = frozenset()
    walled_text = False
    if isinstance(session, Session) and "casedesk_cf" in session.info:
        from casedesk.core import walls

        state = walls.session_state(session)
        hidden, walled_text = state.hidden, len(state.walled) > len(state.hidden)
    if kinds or hidden:
        # A join, not "rowid IN (SELECT …)": SQLite hands such an IN to FTS5 as a rowid
        # constraint and runs the MATCH once per listed row (minutes for a two-letter prefix).
        join = "JOIN search_docs k ON k.rowid = search_fts.rowid"
    if kinds:
        names = [f":k{i}" for i in range(len(kinds))]
        where = f"k.kind IN ({', '.join(names)}) AND {where}"
        params.update({f"k{i}": k for i, k in enumerate(kinds)})
    if hidden:
        names = [f":h{i}" for i in range(len(hidden))]
        where = f"(k.matter_id IS NULL OR k.matter_id NOT IN ({', '.join(names)})) AND {where}"
        params.update({f"h{i}": h for i, h in enumerate(sorted(hidden))})
    hits = [SearchHit(*r) for r in _ranked_within_budget(session, where, params, join)]
    if walled_text and (not kinds or "document" in kinds):
        from casedesk.core import walls

        seen = {h.ref for h in hits}
        hits += [h for h in walls.text_hits(session, query, limit)  # type: ignore[arg-type]
                 if h.ref not in seen]
    return hits[:limit]


_HITS = (
    "SELECT d.kind, d.ref, d.matter_id, d.title, d.subtitle, m.number FROM "
    "(SELECT search_fts.rowid AS rowid, {score} AS score FROM search_fts {join} "
    "WHERE {where} ORDER BY {order} "
    "LIMIT :limit) f JOIN search_docs d ON d.rowid = f.rowid "
    "LEFT JOIN matters m ON m.id = d.matter_id ORDER BY {outer}"
)


def _ranked_within_budget(session: Session | Connection, where: str,
                          params: dict[str, Any], join: str = "") -> list[Any]:
    """Best matches by BM25 (ranked inside the index before any join), unless ranking a huge
    match set (a common word) would take longer than :data:`RANK_BUDGET_S`: then the newest
    matches, which SQLite finds at once."""
    import time

    conn = session.connection() if isinstance(session, Session) else session
    raw = conn.connection.driver_connection  # type: ignore[union-attr]
    deadline = time.monotonic() + RANK_BUDGET_S
    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
    try:
        ranked = _HITS.format(score="bm25(search_fts, 10.0, 1.0)", where=where, order="score",
                              outer="f.score", join=join)
        return list(conn.execute(text(ranked), params))
    except Exception as exc:  # interrupted by the budget
        if "interrupt" not in str(exc).lower():
            raise
    finally:
        raw.set_progress_handler(None, 0)
    newest = _HITS.format(score="0", where=where, order="search_fts.rowid DESC",
                          outer="f.rowid DESC", join=join)
    return list(conn.execute(text(newest), params))

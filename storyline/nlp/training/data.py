"""Corpus preparation for the shipped pipeline: raw corpora in ../shared/data -> .spacy files.

Every step is deterministic (fixed file orders, no shuffling here; spaCy shuffles with the
config's seed during training).
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

# ----------------------------------------------------------------------------- CoNLL-U (UD)


def ewt_train_files(data_dir: Path) -> list[Path]:
    """The 540 EWT train documents, in the order of the upstream ``files.train`` list."""
    ewt = data_dir / "ud-english-ewt"
    listing = ewt / "not-to-release" / "file-lists" / "files.train"
    names = [line.strip() for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [ewt / "train-sources" / name for name in names]


def build_ewt_train(data_dir: Path, out: Path) -> Path:
    """Concatenate the EWT train sources into the official ``en_ewt-ud-train.conllu``."""
    parts = [p.read_text(encoding="utf-8") for p in ewt_train_files(data_dir)]
    out.write_text("".join(parts), encoding="utf-8")
    return out


def gum_split(data_dir: Path, split: str) -> list[str]:
    """GUM document names of one split (``train``/``dev``/``test``) from ``splits.md``."""
    text = (data_dir / "gum" / "splits.md").read_text(encoding="utf-8")
    names: list[str] = []
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
        elif current == split and line.strip().startswith("* "):
            names.append(line.strip()[2:].strip())
    return [n for n in names if (data_dir / "gum" / "dep" / f"{n}.conllu").exists()]


def read_conllu(path: Path):
    """Yield sentences as (comments, rows) with rows = 10-column lists of plain tokens.

    Multi-word-token range lines are not rows: the syntactic words are what spaCy is trained on
    (as in EWT's own tokenisation of ``don't`` -> ``do`` ``n't``). Their spacing is: the words
    of a multi-word token get no space between them, so the rebuilt text reads "I'm", not "I 'm"
    (the range line holds the ``SpaceAfter=No`` of the surface form).
    """
    comments: list[str] = []
    rows: list[list[str]] = []
    span: tuple[int, int, bool] | None = None  # the open multi-word token: first, last, space after
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield comments, rows
                comments, rows, span = [], [], None
            elif line.startswith("#"):
                comments.append(line)
            else:
                cols = line.split("\t")
                if "-" in cols[0]:
                    first, last = cols[0].split("-", 1)
                    span = (int(first), int(last), "SpaceAfter=No" not in cols[9])
                    continue
                if "." in cols[0]:
                    continue
                if span is not None and span[0] <= int(cols[0]) <= span[1]:
                    cols[9] = _space_after(cols[9], int(cols[0]) == span[1] and span[2])
                rows.append(cols)
    if rows:
        yield comments, rows


def _space_after(misc: str, space: bool) -> str:
    """``misc`` with its ``SpaceAfter=No`` set from ``space``: the words of a multi-word token
    ("I'm" = "I" + "'m") carry no space between them; the last one takes the token's own."""
    fields = [f for f in misc.split("|") if f and f != "_" and f != "SpaceAfter=No"]
    if not space:
        fields.append("SpaceAfter=No")
    return "|".join(fields) or "_"


def conllu_docs(vocab: Vocab, paths: list[Path], n_sents: int = 10):
    """Turn CoNLL-U files into spaCy Docs of up to ``n_sents`` sentences, never across documents.

    Sentences are joined with the gold whitespace (``SpaceAfter=No``), so the parser learns
    sentence boundaries from running text.
    """
    for path in paths:
        buf: list[tuple[list[str], list[list[str]]]] = []
        for comments, rows in read_conllu(path):
            if any(c.startswith("# newdoc") for c in comments) and buf:
                yield _make_doc(vocab, buf)
                buf = []
            buf.append((comments, rows))
            if len(buf) >= n_sents:
                yield _make_doc(vocab, buf)
                buf = []
        if buf:
            yield _make_doc(vocab, buf)


def _make_doc(vocab: Vocab, sents) -> Doc:
    words, spaces, tags, pos, morphs, lemmas, heads, deps = [], [], [], [], [], [], [], []
    starts: list[bool | int | None] = []
    offset = 0
    for _, rows in sents:
        for i, cols in enumerate(rows):
            words.append(cols[1])
            misc = cols[9]
            spaces.append("SpaceAfter=No" not in misc)
            lemmas.append(cols[2])
            pos.append(cols[3])
            tags.append(cols[4])
            morphs.append("" if cols[5] == "_" else cols[5])
            head = int(cols[6])
            heads.append(offset + i if head == 0 else offset + head - 1)
            deps.append("ROOT" if cols[7] == "root" else cols[7])
            starts.append(i == 0)
        offset += len(rows)
    spaces[-1] = False
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs,
               lemmas=lemmas, heads=heads, deps=deps, sent_starts=starts)


# ----------------------------------------------------------------------------- NER

#: CoNLL-2003 / UNER label -> storyline label
NER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def read_iob(path: Path, token_col: int, tag_col: int, sep: str | None = None):
    """Yield sentences as (words, tags) from a column file (blank line between sentences)."""
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            cols = line.split(sep) if sep else line.split()
            if cols[0] == "-DOCSTART-":
                continue
            words.append(cols[token_col])
            tags.append(cols[tag_col])
    if words:
        yield words, tags


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans (start, end, label) from IOB1 or IOB2 tags."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(tags + ["O"]):
        kind, _, lab = tag.partition("-")
        if kind == "O" or kind == "B" or (kind == "I" and lab != label):
            if start is not None:
                spans.append((start, i, label))
                start, label = None, ""
            if kind in ("B", "I"):
                start, label = i, lab
    return spans


def iob_doc(vocab: Vocab, sents: list[tuple[list[str], list[str]]], mapping=NER_LABELS) -> Doc:
    words: list[str] = []
    starts: list[bool | int | None] = []
    ents: list[tuple[str, int, int]] = []
    for w, t in sents:
        base = len(words)
        for s, e, lab in iob_spans(t):
            if lab in mapping:
                ents.append((mapping[lab], base + s, base + e))
        words.extend(w)
        starts.extend([True] + [False] * (len(w) - 1))
    doc = Doc(vocab, words=words, sent_starts=starts)
    doc.ents = [Span(doc, s, e, label=lab) for lab, s, e in ents]
    return doc


def iob_docs(vocab: Vocab, path: Path, token_col: int, tag_col: int, n_sents: int = 10, sep=None):
    buf = []
    for sent in read_iob(path, token_col, tag_col, sep):
        buf.append(sent)
        if len(buf) >= n_sents:
            yield iob_doc(vocab, buf)
            buf = []
    if buf:
        yield iob_doc(vocab, buf)


# GUM entity types -> storyline labels (named mentions only, see gum_named_entities)
GUM_LABELS = {"person": "PERSON", "organization": "ORG", "place": "LOC"}
_ENT_OPEN = re.compile(r"\((\d+)-([a-z]+)")
_ENT_CLOSE = re.compile(r"(\d+)\)")


def gum_named_entities(rows: list[list[str]]) -> list[tuple[int, int, str]]:
    """Named PERSON/ORG/LOC spans of one GUM sentence, derived from its ``Entity=`` brackets.

    GUM annotates every mention (pronouns and common nouns too). A mention counts as a named
    entity when its syntactic head inside the span is a proper noun (UPOS PROPN); leading
    determiners are trimmed ("the United States" -> "United States"), as in CoNLL-2003.
    """
    open_: dict[str, list[tuple[int, str]]] = {}
    spans: list[tuple[int, int, str]] = []
    for i, cols in enumerate(rows):
        misc = cols[9]
        ent = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
        if not ent:
            continue
        # walk the bracket string in order: '(' opens, ')' closes
        pos = 0
        while pos < len(ent):
            if ent[pos] == "(":
                m = _ENT_OPEN.match(ent, pos)
                if m:
                    eid, etype = m.group(1), m.group(2)
                    open_.setdefault(eid, []).append((i, etype))
                    # single-token mention closes in the same bracket group
                    end = ent.find(")", pos)
                    nxt = ent.find("(", pos + 1)
                    if end != -1 and (nxt == -1 or end < nxt):
                        s, t = open_[eid].pop()
                        spans.append((s, i + 1, t))
                        pos = end + 1
                        continue
                pos += 1
            elif ent[pos].isdigit():
                m = _ENT_CLOSE.match(ent, pos)
                if m and open_.get(m.group(1)):
                    s, t = open_[m.group(1)].pop()
                    spans.append((s, i + 1, t))
                    pos = m.end()
                else:
                    pos += 1
            else:
                pos += 1
    named: list[tuple[int, int, str]] = []
    for s, e, etype in spans:
        if etype not in GUM_LABELS:
            continue
        heads = [j for j in range(s, e) if not (s <= int(rows[j][6]) - 1 < e) or rows[j][6] == "0"]
        if not heads or rows[heads[0]][3] != "PROPN":
            continue
        while s < e and rows[s][3] in ("DET",):
            s += 1
        if s < e:
            named.append((s, e, GUM_LABELS[etype]))
    # drop nested duplicates: keep outermost non-overlapping spans
    named.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for s, e, lab in named:
        if s >= last_end:
            out.append((s, e, lab))
            last_end = e
    return out


def gum_ner_docs(vocab: Vocab, paths: list[Path]):
    """One Doc per GUM sentence with derived named PERSON/ORG/LOC entities (gold tokens)."""
    for path in paths:
        for _, rows in read_conllu(path):
            words = [r[1] for r in rows]
            spaces = ["SpaceAfter=No" not in r[9] for r in rows]
            doc = Doc(vocab, words=words, spaces=spaces)
            doc.ents = [doc[s:e].char_span if False else _span(doc, s, e, lab) for s, e, lab in gum_named_entities(rows)]
            yield doc


def _span(doc: Doc, s: int, e: int, label: str) -> Span:
    return Span(doc, s, e, label=label)


def write_docbin(docs, out: Path) -> int:
    db = DocBin(store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return n


def prepare(data_dir: Path, work: Path) -> dict[str, int]:
    """Write every .spacy corpus the recipe trains on into ``work``; return doc counts."""
    work.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    ewt = data_dir / "ud-english-ewt"
    train_conllu = build_ewt_train(data_dir, work / "en_ewt-ud-train.conllu")
    gum_dep = data_dir / "gum" / "dep"
    gum_train = [gum_dep / f"{n}.conllu" for n in gum_split(data_dir, "train")]
    counts = {
        "ewt-train": write_docbin(conllu_docs(vocab, [train_conllu]), work / "ewt-train.spacy"),
        "ewt-dev": write_docbin(conllu_docs(vocab, [ewt / "en_ewt-ud-dev.conllu"]), work / "ewt-dev.spacy"),
        "gum-train": write_docbin(conllu_docs(vocab, gum_train), work / "gum-train.spacy"),
    }
    conll = data_dir / "conll2003-en"
    counts["conll-train"] = write_docbin(iob_docs(vocab, conll / "eng.train", 0, 3), work / "conll-train.spacy")
    counts["conll-dev"] = write_docbin(iob_docs(vocab, conll / "eng.testa", 0, 3), work / "conll-dev.spacy")
    # NER fine-tuning mix: CoNLL train + UNER EWT dev (CC BY-SA) + GUM names (CC BY) from the
    # train and dev splits of the name-rich genres (news, bio, interview, voyage)
    ft = work / "ner-ft"
    ft.mkdir(parents=True, exist_ok=True)
    counts["ner-ft-conll"] = write_docbin(iob_docs(vocab, conll / "eng.train", 0, 3), ft / "conll-train.spacy")
    uner = data_dir / "uner-english-ewt" / "en_ewt-ud-dev.iob2"
    counts["ner-ft-uner-dev"] = write_docbin(iob_docs(vocab, uner, 1, 2, sep="\t"), ft / "uner-dev.spacy")
    genres = ("GUM_news_", "GUM_bio_", "GUM_interview_", "GUM_voyage_")
    names = [gum_dep / f"{n}.conllu" for split in ("train", "dev") for n in gum_split(data_dir, split) if n.startswith(genres)]
    counts["ner-ft-gum"] = write_docbin(gum_ner_docs(vocab, names), ft / "gum-names.spacy")
    return counts

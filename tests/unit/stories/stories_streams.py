"""Small hand-written news streams for the stories tests (three events, several copies)."""

from __future__ import annotations

import datetime as dt
import random

from storyline.stories import StoryDoc

EVENTS = {
    "quake": ("A magnitude {n} earthquake struck off the coast of Valparaiso in central Chile on "
              "{d}, shaking buildings in Santiago. The Chilean emergency office ONEMI said {k} "
              "people were injured and a tsunami warning was lifted. President Gabriel Boric "
              "visited Valparaiso and the port was closed while engineers inspected the "
              "docks."),
    "vote": ("Norwegian voters went to the polls on {d} in a parliamentary election in which "
             "the Labour Party of Jonas Gahr Store sought a second term. Turnout in Oslo was "
             "{n} per cent and {k} seats in the Storting were contested. The Conservative leader "
             "Erna Solberg conceded late in the evening, and coalition talks begin in Oslo."),
    "strike": ("Dock workers at the port of Rotterdam began a {n}-day strike on {d} over pay, "
               "halting container traffic at Europe's largest harbour. The union FNV said {k} "
               "workers walked out; the Port of Rotterdam Authority warned of delays for "
               "shipping lines Maersk and MSC as ships queued in the North Sea."),
}
FILLER = ("Officials said more details would follow. Residents described long queues. "
          "Analysts expect the consequences to be felt for some time.").split(". ")


def make_docs(n_per_event: int = 6, seed: int = 3, dated: bool = True) -> list[StoryDoc]:
    rng = random.Random(seed)
    base = dt.date(2025, 3, 3)
    docs: list[StoryDoc] = []
    for i in range(n_per_event):
        for j, (name, text) in enumerate(sorted(EVENTS.items())):
            body = text.format(n=rng.randint(4, 9), k=rng.randint(10, 90),
                               d=rng.choice(["Monday", "Tuesday", "Wednesday"]))
            sentences = body.split(". ")
            rng.shuffle(sentences)
            body = ". ".join(sentences + [rng.choice(FILLER)])
            docs.append(StoryDoc(
                id=f"{name}-{i}", text=body, title=None,
                published=base + dt.timedelta(days=i % 3) if dated else None,
                outlet=f"outlet{(i + j) % 4}"))
    return docs

"""A real `eventwire run` writer for the read-during-write test, with a fake coder (no spaCy).

    python writer_proc.py DB INPUT_DIR SECONDS_PER_ARTICLE

Runs ``run_corpus`` over the text files in INPUT_DIR, committing after every article, so the
database file changes many times while the test's server reads it. Exits 0 when done.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator

from eventwire.model import Article, Event, Location, event_id_for
from eventwire.store import run_corpus


def main() -> int:
    db, folder, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])

    def coder(articles: Iterable[Article], **_: object) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            time.sleep(delay)
            sentence = article.text.strip()
            event = Event(
                event_id=event_id_for(article.id, 0, "190"),
                article_id=article.id,
                sentence_index=0,
                sentence=sentence,
                trigger="attacked",
                trigger_start=sentence.index("attacked"),
                trigger_end=sentence.index("attacked") + len("attacked"),
                plover_type="ASSAULT",
                cameo_code="190",
                cameo_root="19",
                location=Location(name="Gao", lat=16.27, lon=-0.04, country="MLI"),
                date="2024-01-02",
                date_precision="day",
            )
            yield article, [event]

    summary = run_corpus([folder], db=db, coder=coder, batch_size=1, commit_seconds=0)
    print(f"wrote {summary.processed} articles, {summary.events} events", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

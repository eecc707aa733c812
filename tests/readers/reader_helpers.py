"""Small inputs for the reader tests."""

from __future__ import annotations

ENGLISH = (
    "Syrian government forces entered the strategic town of Saraqeb on Thursday after heavy "
    "fighting with rebels, state media said. An earlier attack killed 13 soldiers and a civilian "
    "and wounded 45 others, the defence ministry said in a statement."
)
SPANISH = (
    "Las fuerzas del gobierno sirio entraron el jueves en la ciudad estratégica de Saraqeb tras "
    "intensos combates con los rebeldes, según los medios estatales. Un ataque anterior mató a "
    "trece soldados y a un civil."
)


def page(body: str = ENGLISH, *, title: str = "Troops enter Saraqeb", date: str = "2020-02-27",
         canonical: str | None = "https://news.example/saraqeb") -> str:  # fmt: skip
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split(". "))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{link}"
        f'<meta property="article:published_time" content="{date}T10:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )

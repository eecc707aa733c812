"""Build ``samples/warc/ccnews-sample.warc.gz``: a small WARC file in the style of Common Crawl's
CC-NEWS crawl, holding eventwire's own sample articles as they would be served by news sites.

Layout: one ``warcinfo`` record, then a ``request``/``response`` pair per page (HTTP headers and
an HTML body with navigation, share buttons and related links around the story), plus one
``301`` redirect pair that a reader should skip. Record ids, dates and gzip headers are fixed, so
running the script again writes the same bytes.

Run from the repository root: ``.venv/bin/python samples/make_warc.py`` (needs ``warcio``).
"""

from __future__ import annotations

import argparse
import html
import uuid
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parent / "warc" / "ccnews-sample.warc.gz"
FILENAME = "ccnews-sample.warc.gz"
CRAWLER = "eventwire-sample-crawler/1.0 (+https://www.wirewire.example/crawler)"
NAMESPACE = uuid.UUID("6f1c3c9e-3a0b-4c52-9d0e-2b7a4f0e8a11")

SITES = {
    "Harbor Daily": ("Harbor Daily", ["News", "World", "Politics", "Climate", "Culture"]),
    "Eastgate News": ("Eastgate News", ["Home", "News", "World", "Region", "Sport", "Video"]),
    "The Continental": ("The Continental", ["World", "Africa", "Middle East", "Europe", "Asia"]),
    "Wirewire": ("Wirewire", ["Top News", "World", "Business", "Markets", "Pictures"]),
}

# Fictional articles written for eventwire (CC0). Dates are publication times (UTC).
ARTICLES: list[dict] = [
    {
        "id": "sample-007",
        "url": "https://www.harbordaily.example/middle-east/2024/11/30/aleppo-rebel-offensive",
        "title": "Rebels sweep into Aleppo as Syrian army withdraws",
        "published": "2024-11-30T12:42:00Z",
        "source": "Harbor Daily",
        "topic": "middle-east",
        "paragraphs": [
            (
                "BEIRUT, Nov 30, 2024 (Harbor Daily) — Syrian rebels led by Hayat Tahrir "
                "al-Sham stormed into Aleppo on Saturday, seizing government buildings and "
                "the city's citadel as army units pulled out, in the most serious challenge "
                "to President Bashar al-Assad's rule in years."
            ),
            (
                "The Syrian army acknowledged that dozens of its soldiers had been killed "
                'and said it had carried out a "temporary redeployment" to prepare a '
                "counter-offensive. Russian warplanes struck rebel-held districts of Aleppo "
                "for the first time since 2016, a war monitor said."
            ),
            (
                "The offensive, launched on Wednesday from the Idlib region, has brought "
                "rebels control of more than 50 towns and villages in the countryside west "
                "of Aleppo, according to the Syrian Observatory for Human Rights. It said "
                "at least 311 people had been killed, including 28 civilians."
            ),
            (
                "\"Our fighters entered Aleppo's neighbourhoods from three directions and "
                'met little resistance," a rebel commander told Harbor Daily by phone. '
                "Residents said many army checkpoints had been abandoned overnight."
            ),
            (
                "Iran's Foreign Minister Abbas Araqchi said Tehran would continue to back "
                "the Syrian government and would travel to Damascus on Sunday. The Kremlin "
                "said it regarded the attack as an encroachment on Syria's sovereignty and "
                "supported Damascus in restoring order."
            ),
            (
                "Turkey, which backs some rebel factions, said it was not involved and "
                "called on all sides to avoid harming civilians."
            ),
        ],
    },
    {
        "id": "sample-023",
        "url": "https://eastgate-news.example/africa/2025/03/21/army-retakes-presidential-palace",
        "title": "Sudan's army recaptures presidential palace in Khartoum",
        "published": "2025-03-21T11:55:00Z",
        "source": "Eastgate News",
        "topic": "africa",
        "paragraphs": [
            (
                "PORT SUDAN, March 21, 2025 (Eastgate News) — Sudan's army said on Friday "
                "it had recaptured the presidential palace in central Khartoum from the "
                "paramilitary Rapid Support Forces, nearly two years after losing it at the "
                "start of the war."
            ),
            (
                'Soldiers posted videos from inside the damaged compound, shouting "God is '
                'greatest" and waving rifles. Army spokesman Brigadier Nabil Abdallah said '
                "troops had also taken the Central Bank and the state radio building and "
                'had killed "large numbers" of RSF fighters.'
            ),
            (
                "Hours later, an RSF drone strike on the palace killed three journalists "
                "from Sudanese state television and several soldiers, the army said. The "
                'RSF said its forces were still present near the palace and vowed that "the '
                'battle is not over".'
            ),
            (
                "Army chief General Abdel Fattah al-Burhan said the capture of Khartoum "
                "would be completed in the coming days. His forces have been advancing on "
                "the capital from the south and north since last autumn."
            ),
            (
                "In Darfur, the RSF said it had taken control of the town of al-Maliha, "
                "north of El Fasher, after battles with the army and allied armed groups. "
                "Local aid workers said dozens of people were killed."
            ),
            (
                "Millions face famine, according to U.N. agencies, which say restrictions "
                "imposed by both sides have blocked aid deliveries to the worst-hit areas."
            ),
        ],
    },
    {
        "id": "sample-032",
        "url": "https://www.thecontinental.example/middle-east/2024/01/26/icj-provisional-measures",
        "title": (
            "World Court orders Israel to prevent genocidal acts in Gaza, stops short "
            "of ordering ceasefire"
        ),
        "published": "2024-01-26T06:17:00Z",
        "source": "The Continental",
        "topic": "middle-east",
        "paragraphs": [
            (
                "THE HAGUE, Jan 26, 2024 (The Continental) — The International Court of "
                "Justice ordered Israel on Friday to take all measures within its power to "
                "prevent acts of genocide in Gaza and to allow more humanitarian aid into "
                "the enclave, but did not order a halt to the military campaign."
            ),
            (
                "The ruling in a case brought by South Africa was backed by 15 or 16 of the "
                "17 judges on most points. The court told Israel to report back within a "
                "month on the steps it had taken."
            ),
            (
                '"The court is acutely aware of the extent of the human tragedy that is '
                "unfolding in the region,\" said the court's president, Joan Donoghue. She "
                "said at least some of the rights claimed by South Africa were plausible."
            ),
            (
                "Israeli Prime Minister Benjamin Netanyahu said the genocide charge was "
                '"outrageous" and that Israel would continue to defend itself. South '
                "Africa's foreign minister Naledi Pandor said she would have wanted a "
                "ceasefire order but welcomed the ruling as a victory for international "
                "law."
            ),
            (
                "Hamas, which Israel is fighting in Gaza, called on the world to pressure "
                "Israel to implement the order. More than 26,000 Palestinians have been "
                "killed in Gaza since Oct. 7, according to the enclave's health ministry."
            ),
            (
                "Hours after the ruling, Israel accused a dozen employees of the U.N. "
                "agency for Palestinian refugees of taking part in the Oct. 7 attack. The "
                "United States said it was pausing funding to the agency."
            ),
        ],
    },
    {
        "id": "sample-039",
        "url": "https://www.wirewire.example/asia/2023/10/30/operation-1027",
        "title": ("Ethnic armed alliance seizes towns, border crossing in Myanmar's Shan state"),
        "published": "2023-10-30T18:18:00Z",
        "source": "Wirewire",
        "topic": "asia",
        "paragraphs": [
            (
                "BANGKOK, Oct 30, 2023 (Wirewire) — An alliance of three ethnic minority "
                "armed groups in Myanmar said on Monday it had captured more than 50 "
                "military outposts and several towns in northern Shan state since launching "
                "a coordinated offensive against the junta last Friday."
            ),
            (
                "The Three Brotherhood Alliance said its fighters had seized the town of "
                "Chinshwehaw on the border with China, cutting off a key trade route, and "
                "had blocked roads to Lashio and Muse. It said it had killed dozens of "
                "soldiers and captured large quantities of weapons."
            ),
            (
                "Junta spokesman Zaw Min Tun acknowledged that the military had lost "
                "control of Chinshwehaw and two other towns and said it was carrying out "
                'counter-attacks with air support. "We will take back the towns," he told '
                "state media."
            ),
            (
                "Residents said military aircraft had bombed villages near Kunlong, killing "
                "at least eight civilians, including two children. The alliance accused the "
                "army of retaliating against civilians; the military said it only targeted "
                "armed groups."
            ),
            (
                "China, which has close ties to both the junta and the groups along its "
                'border, called for an immediate ceasefire and said it was "highly '
                'concerned" about the fighting. About 23,000 people have been displaced, '
                "according to the United Nations."
            ),
            (
                'The offensive, dubbed "Operation 1027" after the date it began, is the '
                "biggest military challenge to the generals since they seized power in a "
                "2021 coup."
            ),
        ],
    },
    {
        "id": "sample-050",
        "url": "https://www.thecontinental.example/americas/2024/09/14/sinaloa-infighting",
        "title": "Sinaloa Cartel infighting leaves dozens dead, schools closed in Culiacan",
        "published": "2024-09-14T09:46:00Z",
        "source": "The Continental",
        "topic": "americas",
        "paragraphs": [
            (
                "CULIACAN, Mexico, Sept 14, 2024 (The Continental) — Gunfights between "
                "rival factions of the Sinaloa Cartel have killed at least 30 people in and "
                "around the city of Culiacan since Monday, state officials said on "
                "Saturday, forcing schools to close and businesses to shut early as "
                "residents stayed home."
            ),
            (
                "The violence erupted after the July arrest in the United States of cartel "
                'leader Ismael "El Mayo" Zambada, who says he was kidnapped by a son of '
                'Joaquin "El Chapo" Guzman and flown across the border. Factions loyal to '
                "Zambada and to Guzman's sons are now fighting for control."
            ),
            (
                "Bodies were found dumped by roadsides on Friday, some of them wearing "
                "sombreros, in what authorities said was a message between the factions. "
                "Gunmen also set fire to vehicles and a gas station."
            ),
            (
                "Mexico's defence ministry said it had sent 600 additional troops, "
                "including special forces, to Sinaloa. Two soldiers were killed on Thursday "
                "when gunmen attacked their patrol in the Costa Rica district south of the "
                "city, it said."
            ),
            (
                '"The end of this confrontation does not depend on us," General Francisco '
                "Jesus Leana, the regional military commander, told reporters, a remark "
                "that drew criticism from opposition politicians."
            ),
            (
                "State governor Ruben Rocha Moya said the authorities had arrested 25 "
                "suspects and seized dozens of rifles. He urged people not to leave their "
                "homes after dark."
            ),
        ],
    },
    {
        "id": "sample-066",
        "url": "https://eastgate-news.example/world/2025/05/10/india-pakistan-ceasefire",
        "title": "India and Pakistan agree ceasefire after four days of strikes",
        "published": "2025-05-10T08:41:00Z",
        "source": "Eastgate News",
        "topic": "world",
        "paragraphs": [
            (
                "NEW DELHI, May 10, 2025 (Eastgate News) — India and Pakistan agreed on "
                "Saturday to stop all military action on land, in the air and at sea, after "
                "four days of missile and drone strikes on each other's territory, the "
                "fiercest fighting between the nuclear-armed neighbours in decades."
            ),
            (
                "The ceasefire took effect at 5 p.m. local time, Indian Foreign Secretary "
                "Vikram Misri said. Pakistan's Foreign Minister Ishaq Dar confirmed the "
                'agreement and said Pakistan had "always strived for peace" without '
                "compromising its sovereignty."
            ),
            (
                "Hours earlier, Pakistan said it had launched retaliatory strikes on Indian "
                "air bases after India fired missiles at three of its own bases, including "
                "one near Islamabad. India said it had responded to Pakistani drone attacks "
                "on 26 locations along its western border."
            ),
            (
                "Hours after the truce began, explosions were heard in Srinagar, and India "
                "accused Pakistan of violating the agreement. Pakistan denied the charge "
                "and said it remained committed to the ceasefire."
            ),
            (
                "The fighting began on Wednesday when India struck what it called "
                '"terrorist infrastructure" in Pakistan and Pakistani Kashmir, two weeks '
                "after gunmen killed 26 men at a tourist site in Pahalgam in Indian "
                "Kashmir. Islamabad denied any role in that attack."
            ),
            (
                "Pakistan says at least 40 civilians were killed by Indian strikes; India "
                "says at least 16 people, including a soldier, were killed by Pakistani "
                "shelling in Kashmir."
            ),
        ],
    },
]


def record_id(*parts: str) -> str:
    """A stable WARC-Record-ID derived from the record's role and URL."""
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, '|'.join(parts))}>"


def warc_date(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def http_date(value: datetime) -> str:
    return value.strftime("%a, %d %b %Y %H:%M:%S GMT")


def render_page(article: dict, others: list[dict]) -> str:
    """The article as a news site would serve it: chrome around the story body."""
    e = html.escape
    site, sections = SITES[article["source"]]
    published = datetime.fromisoformat(article["published"].replace("Z", "+00:00"))
    shown = f"{published:%B} {published.day}, {published:%Y}"
    nav = "".join(f'<li><a href="/{s.lower().replace(" ", "-")}">{e(s)}</a></li>' for s in sections)
    body = "\n".join(f"        <p>{e(p)}</p>" for p in article["paragraphs"])
    related = "\n".join(
        f'        <li><a href="{o["url"]}">{e(o["title"])}</a></li>' for o in others[:3]
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(article["title"])} | {e(site)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="canonical" href="{article["url"]}">
  <meta property="og:title" content="{e(article["title"])}">
  <meta property="og:site_name" content="{e(site)}">
  <meta property="article:published_time" content="{published.isoformat()}">
  <meta property="article:section" content="{e(article["topic"])}">
  <link rel="stylesheet" href="/assets/main.css">
  <script async src="/assets/tracking.js"></script>
</head>
<body>
  <header class="masthead">
    <a class="brand" href="/">{e(site)}</a>
    <nav><ul>{nav}</ul></nav>
    <a class="subscribe" href="/subscribe">Subscribe</a>
  </header>
  <main>
    <article>
      <h1>{e(article["title"])}</h1>
      <div class="meta">
        <span class="byline">{e(site)} staff</span>
        <time datetime="{published.isoformat()}">{shown}</time>
      </div>
      <div class="share">
        <a href="#share-facebook">Facebook</a> <a href="#share-x">X</a>
        <a href="#share-email">Email</a>
      </div>
      <div class="story-body">
{body}
      </div>
    </article>
    <aside class="related">
      <h2>Related coverage</h2>
      <ul>
{related}
      </ul>
    </aside>
    <div class="ad" data-slot="footer-leaderboard">Advertisement</div>
  </main>
  <footer>
    <a href="/about">About</a> · <a href="/contact">Contact</a> · <a href="/privacy">Privacy</a>
    <p>&copy; {published:%Y} {e(site)}. All rights reserved.</p>
  </footer>
</body>
</html>
"""


def write_pair(
    writer: WARCWriter,
    url: str,
    fetched: datetime,
    status: str,
    headers: list[tuple[str, str]],
    body: bytes,
    ip: str,
) -> None:
    """Write one request record and its response record, as a crawler would."""
    path = "/" + url.split("/", 3)[3]
    host = url.split("/")[2]
    request_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", host),
            ("User-Agent", CRAWLER),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "en-US,en;q=0.5"),
            ("Connection", "close"),
        ],
        is_http_request=True,
    )
    response_id = record_id("response", url)
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
        warc_headers_dict={
            "WARC-Record-ID": response_id,
            "WARC-Date": warc_date(fetched),
            "WARC-IP-Address": ip,
            "WARC-Warcinfo-ID": record_id("warcinfo", FILENAME),
        },
    )
    request = writer.create_warc_record(
        url,
        "request",
        http_headers=request_headers,
        warc_headers_dict={
            "WARC-Record-ID": record_id("request", url),
            "WARC-Date": warc_date(fetched),
            "WARC-IP-Address": ip,
            "WARC-Concurrent-To": response_id,
            "WARC-Warcinfo-ID": record_id("warcinfo", FILENAME),
        },
    )
    writer.write_record(request)
    writer.write_record(response)


def build(output: Path) -> int:
    """Write the WARC file; returns the number of article pages written."""
    output.parent.mkdir(parents=True, exist_ok=True)
    first = min(datetime.fromisoformat(a["published"].replace("Z", "")) for a in ARTICLES)
    with output.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = (
            b"software: eventwire samples/make_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"isPartOf: CC-NEWS-SAMPLE\r\n"
            b"description: Fictional news articles written for eventwire (CC0), crawled style\r\n"
            b"operator: eventwire\r\n"
            b"robots: obey\r\n"
            b"hostname: sample-crawler\r\n"
        )
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_headers_dict={
                    "WARC-Record-ID": record_id("warcinfo", FILENAME),
                    "WARC-Date": warc_date(first),
                    "WARC-Filename": FILENAME,
                },
            )
        )
        for n, article in enumerate(ARTICLES):
            published = datetime.fromisoformat(article["published"].replace("Z", ""))
            fetched = published + timedelta(minutes=37 + 11 * n)
            others = [a for a in ARTICLES if a is not article]
            body = render_page(article, others).encode("utf-8")
            ip = f"203.0.113.{20 + n}"
            if n == 2:  # the crawler first hits an old http:// link and is redirected
                old = article["url"].replace("https://", "http://")
                moved = b""
                write_pair(
                    writer,
                    old,
                    fetched - timedelta(seconds=2),
                    "301 Moved Permanently",
                    [
                        ("Date", http_date(fetched - timedelta(seconds=2))),
                        ("Location", article["url"]),
                        ("Content-Length", "0"),
                        ("Server", "nginx"),
                    ],
                    moved,
                    ip,
                )
            write_pair(
                writer,
                article["url"],
                fetched,
                "200 OK",
                [
                    ("Date", http_date(fetched)),
                    ("Server", "nginx"),
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Last-Modified", http_date(published)),
                    ("Cache-Control", "public, max-age=300"),
                    ("Vary", "Accept-Encoding"),
                    ("X-Cache", "MISS"),
                ],
                body,
                ip,
            )
    return len(ARTICLES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the WARC")
    args = parser.parse_args()
    count = build(args.output)
    print(f"wrote {count} articles to {args.output}")


if __name__ == "__main__":
    main()

"""A deterministic generator of realistic ~400-word news articles for benchmarks.

Articles are assembled from templates: about half the sentences report an event (attacks,
shelling, protests, arrests, threats, talks, aid, abductions ...) with varied actors, places,
dates and casualty phrasings; the rest are neutral background sentences that hold no event, as
in real wire copy. The same seed always gives the same articles, and article ``i`` does not
depend on how many articles are asked for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
AGENCIES = ("Wirewire", "Harbor Daily", "The Continental", "Eastgate News")


@dataclass(frozen=True, slots=True)
class Theatre:
    """Who fights whom where: the slot values for one conflict or country."""

    country: str
    dateline: str
    places: tuple[str, ...]
    forces: str
    opponents: str
    official: str
    monitor: str
    crop: str
    capital: str


THEATRES = (
    Theatre(
        "Syria",
        "BEIRUT",
        ("Idlib", "Saraqeb", "Maarat al-Numan", "Jisr al-Shughur", "Hama", "Ariha"),
        "Syrian government forces",
        "Hayat Tahrir al-Sham fighters",
        "Syrian Defence Minister",
        "the Syrian Observatory for Human Rights",
        "olive",
        "Damascus",
    ),
    Theatre(
        "Ukraine",
        "KYIV",
        ("Kharkiv", "Zaporizhzhia", "Kherson", "Sumy", "Pokrovsk", "Kupiansk"),
        "Russian forces",
        "Ukrainian troops",
        "Kremlin spokesman",
        "the regional governor",
        "sunflower",
        "Kyiv",
    ),
    Theatre(
        "Mali",
        "BAMAKO",
        ("Gao", "Mopti", "Menaka", "Timbuktu", "Segou", "Bankass"),
        "Malian soldiers",
        "JNIM militants",
        "Malian army spokesman",
        "local officials",
        "millet",
        "Bamako",
    ),
    Theatre(
        "Sudan",
        "PORT SUDAN",
        ("El Fasher", "Omdurman", "Wad Madani", "Nyala", "El Obeid", "Sennar"),
        "the Sudanese army",
        "Rapid Support Forces fighters",
        "army spokesman",
        "the Sudan Doctors' Network",
        "sorghum",
        "Port Sudan",
    ),
    Theatre(
        "Yemen",
        "ADEN",
        ("Marib", "Hodeidah", "Taiz", "Saada", "Dhale", "Hajjah"),
        "the Saudi-led coalition",
        "Houthi fighters",
        "coalition spokesman",
        "medical sources",
        "coffee",
        "Sanaa",
    ),
    Theatre(
        "Democratic Republic of Congo",
        "GOMA",
        ("Rutshuru", "Sake", "Masisi", "Bunia", "Beni", "Uvira"),
        "Congolese troops",
        "M23 rebels",
        "Congolese army spokesman",
        "civil society leaders",
        "cassava",
        "Kinshasa",
    ),
    Theatre(
        "Myanmar",
        "BANGKOK",
        ("Lashio", "Sagaing", "Myawaddy", "Hpakant", "Kyaukme", "Mindat"),
        "junta troops",
        "resistance fighters",
        "junta spokesman",
        "a local rescue group",
        "rice",
        "Yangon",
    ),
    Theatre(
        "Somalia",
        "MOGADISHU",
        ("Mogadishu", "Baidoa", "Beledweyne", "Afgoye", "Kismayo", "Jowhar"),
        "Somali troops",
        "al Shabaab militants",
        "Somali security minister",
        "police",
        "banana",
        "Mogadishu",
    ),
    Theatre(
        "Nigeria",
        "MAIDUGURI",
        ("Bama", "Gwoza", "Monguno", "Damboa", "Konduga", "Dikwa"),
        "Nigerian soldiers",
        "Boko Haram insurgents",
        "Nigerian army spokesman",
        "a militia leader",
        "groundnut",
        "Abuja",
    ),
    Theatre(
        "Colombia",
        "BOGOTA",
        ("Cauca", "Arauca", "Tibu", "Tumaco", "Jamundi", "Saravena"),
        "Colombian soldiers",
        "ELN guerrillas",
        "Colombian Defence Minister",
        "the ombudsman's office",
        "coffee",
        "Bogota",
    ),
    Theatre(
        "Mexico",
        "MEXICO CITY",
        ("Culiacan", "Aguililla", "Celaya", "Apatzingan", "Reynosa", "Chilpancingo"),
        "National Guard troops",
        "cartel gunmen",
        "Mexican Security Minister",
        "state prosecutors",
        "avocado",
        "Mexico City",
    ),
)

SMALL = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen")


def _count(rng: random.Random) -> str:
    """A casualty count phrased the way wire copy phrases it."""
    n = rng.randint(2, 60)
    form = rng.randrange(7)
    if form == 0:
        return rng.choice(SMALL)
    if form == 1:
        return f"at least {n}"
    if form == 2:
        return f"more than {n}"
    if form == 3:
        return f"between {n} and {n + rng.randint(3, 20)}"
    if form == 4:
        return rng.choice(("dozens of", "scores of", "several"))
    return str(n)


def _when(rng: random.Random) -> str:
    return rng.choice(
        (
            f"on {rng.choice(WEEKDAYS)}",
            f"late on {rng.choice(WEEKDAYS)}",
            f"overnight into {rng.choice(WEEKDAYS)}",
            "on Tuesday morning",
            "earlier this week",
            "at dawn",
        )
    )


EVENTS = (
    "{Forces} shelled positions held by {opponents} near {place} {when}, killing {k_soldiers} and "
    "wounding {k2}, {monitor} said.",
    "{K_civilians}, including {small} children, were killed when {forces} fired rockets at a "
    "market in {place} {when}.",
    "{Opponents} said they had captured villages on the outskirts of {place2} after three days "
    "of heavy fighting, a claim {forces} denied.",
    "The {official} warned that {forces} would retaliate if attacks around {place} continued.",
    "{Forces} denied carrying out the air strike on {place}, blaming {opponents}.",
    "A drone strike on a convoy near {place} killed {k_fighters}, including a senior commander, "
    "{monitor} said.",
    "{Opponents} abducted {k_villagers} from {place2} {when} and demanded a ransom, residents "
    "said.",
    "Last year's offensive around {place} killed hundreds of people and displaced tens of "
    "thousands.",
    "{Forces} moved tanks and artillery to {place}, and officials said more troops would follow "
    "in the coming days.",
    "The {official} gave {opponents} until the end of the month to withdraw from {place} or face "
    "military action.",
    "A car bomb exploded outside a police station in {place} {when}, killing {k_people} and "
    "wounding dozens.",
    "{Opponents} ambushed a military patrol on the road to {place2}, and {k_soldiers} were "
    "reported missing.",
    "Aid agencies delivered food and medicine to {n} families in {place} after a pause of "
    "several weeks, the United Nations said.",
    "Government and rebel negotiators met in Doha {when} and agreed to exchange prisoners, but "
    "made no progress on a ceasefire.",
    "The United States imposed sanctions on two commanders of {opponents}, accusing them of "
    "attacks on civilians in {place}.",
    "{K_people} were killed in clashes between {forces} and {opponents} in {place}, {monitor} "
    "said, although the figure could not be independently verified.",
    "Police fired tear gas at hundreds of protesters in {city} {when} and arrested {k_people}.",
    "Thousands of people marched peacefully through {city} to demand the release of detained "
    "activists.",
    "Rioters set fire to cars and a government building in {city} after a protester was shot "
    "dead, witnesses said.",
    "The foreign minister visited {city} {when} for talks on trade and security with his "
    "counterpart.",
    "{Opponents} said they would not attend the talks unless {forces} lifted the siege of {place}.",
    "{Forces} said they had repelled an attack on {place} and killed {k_fighters}.",
    "Two hospitals in {place} were hit by shelling {when}, and {k_people} were wounded, "
    "according to {monitor}.",
    "{Monitor} said {k_civilians} had been killed and {k2} injured since the start of the month.",
    "Residents said {forces} had burned homes and looted shops in {place2} before withdrawing.",
    "The {official} said {forces} were ready to hold talks, but only after {opponents} laid down "
    "their weapons.",
    "{Opponents} rejected the proposal and accused {forces} of preparing a new offensive.",
    "At least {n} people fled {place} in a single week, the International Organization for "
    "Migration said.",
    "A prominent journalist was arrested in {city} {when} on charges of spreading false news.",
    "Gunmen on motorbikes stormed {place2} {when}, killing {k_villagers} and setting fire to the "
    "market, survivors said.",
    "The army said it would launch new operations against {opponents} in the coming weeks.",
    "Hundreds of students staged a sit-in outside parliament in {city}, and the rally ended "
    "without incident.",
)

FILLER = (
    "The {place} area is known for its {crop} harvest, which employs about {pct} percent of "
    "the local workforce.",
    "Prices of bread and fuel have risen sharply in recent months, residents said.",
    "The ministry did not respond to a request for comment.",
    "Temperatures in {place} have reached {temp} degrees Celsius this week.",
    "{Place} had a population of about {pop} before the conflict, according to official figures.",
    "Analysts say the economy has contracted for a third consecutive year.",
    "The road between {place} and {place2} is the main route for trucks carrying goods from "
    "the coast.",
    "Schools in the area reopened in September after a long summer break.",
    "Mobile phone coverage in the province is patchy, making reports difficult to verify.",
    "The currency has lost nearly half of its value against the dollar since January.",
    "{Place} lies about {km} kilometres from the capital.",
    "The central bank kept its main interest rate unchanged at its last meeting.",
    "Many families rely on money sent home by relatives working abroad.",
    "Local radio stations broadcast news in three languages.",
    "The university in {place} has about {students} students, most of them from nearby villages.",
    "The rainy season in {country} usually begins in June and lasts until September.",
    "A new bridge over the river was opened to traffic in {year}, cutting travel times by half.",
    "Officials said a census planned for next year would be the first in more than a decade.",
    "The market in {place} is busiest on {weekday}s, when traders arrive from the countryside.",
    "Electricity is available for only a few hours a day in most neighbourhoods.",
    "The government plans to build a new port near {place} with funding from foreign lenders.",
    "Most shops in the old town close at midday during the holy month.",
    "The national football team qualified for the regional cup for the first time since {year}.",
    "Exports of {crop} fell by about {pct} percent last year, according to customs data.",
    "The province has two airports, but only one of them handles commercial flights.",
    "The committee is expected to publish its report before the end of the year.",
    "Cooking gas is sold on the black market at three times the official price.",
    "{Place} was founded as a trading post on a caravan route several centuries ago.",
)

HEADLINES = (
    "Fighting flares around {place} as {opponents} press offensive",
    "{K_people} killed in {country} as violence spreads to {place}",
    "{Forces} deploy reinforcements to {place}",
    "Talks stall as {country} conflict grinds on",
    "Protesters rally in {city}; police respond with tear gas",
    "Aid reaches {place} after weeks of delays",
)


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    id: str
    title: str
    published: date
    source: str
    text: str


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def _slots(rng: random.Random, theatre: Theatre) -> dict[str, str]:
    place, place2 = rng.sample(theatre.places, 2)
    slots = {
        "country": theatre.country,
        "place": place,
        "place2": place2,
        "forces": theatre.forces,
        "opponents": theatre.opponents,
        "official": theatre.official,
        "monitor": theatre.monitor,
        "crop": theatre.crop,
        "city": theatre.capital,
        "when": _when(rng),
        "small": rng.choice(SMALL[:6]),
        "n": str(rng.randint(100, 9000)),
        "k2": _count(rng),
        "k_soldiers": f"{_count(rng)} soldiers",
        "k_civilians": f"{_count(rng)} civilians",
        "k_fighters": f"{_count(rng)} fighters",
        "k_villagers": f"{_count(rng)} villagers",
        "k_people": f"{_count(rng)} people",
        "pct": str(rng.randint(10, 70)),
        "temp": str(rng.randint(28, 47)),
        "pop": f"{rng.randint(20, 900)},000",
        "km": str(rng.randint(40, 900)),
        "students": f"{rng.randint(2, 40)},000",
        "year": str(rng.randint(1995, 2018)),
        "weekday": rng.choice(WEEKDAYS),
    }
    for key in list(slots):
        slots[key[0].upper() + key[1:]] = slots[key][:1].upper() + slots[key][1:]
    return slots


def generate_article(index: int, *, seed: int = 13, words: int = 400) -> GeneratedArticle:
    """Article number ``index`` of the seeded stream: ~``words`` words, about half of its
    sentences reporting events."""
    rng = random.Random(f"{seed}:{index}")
    theatre = rng.choice(THEATRES)
    published = date(2019, 1, 1) + timedelta(days=rng.randrange(7 * 365))
    source = rng.choice(AGENCIES)
    title = _fill(rng.choice(HEADLINES), _slots(rng, theatre))
    month = MONTHS[published.month - 1]
    paragraphs: list[list[str]] = [[]]
    decks: dict[bool, list[str]] = {True: rng.sample(EVENTS, k=len(EVENTS)), False: []}
    lead_template = next(t for t in reversed(decks[True]) if t in EVENTS[:16])
    decks[True].remove(lead_template)
    lead = _fill(lead_template, _slots(rng, theatre))
    dateline = f"{theatre.dateline}, {month} {published.day}, {published.year} ({source}) — "
    paragraphs[0].append(dateline + lead)
    count = len(paragraphs[0][0].split())
    while count < words:
        is_event = rng.random() < 0.5
        if not decks[is_event]:  # draw without replacement: no repeats within an article
            decks[is_event] = rng.sample(
                EVENTS if is_event else FILLER, k=len(EVENTS if is_event else FILLER)
            )
        sentence = _fill(decks[is_event].pop(), _slots(rng, theatre))
        if len(paragraphs[-1]) >= rng.randint(1, 3):
            paragraphs.append([])
        paragraphs[-1].append(sentence)
        count += len(sentence.split())
    text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    return GeneratedArticle(f"bench-{seed}-{index:06d}", title, published, source, text)


def generate(n: int, *, seed: int = 13, words: int = 400) -> list[GeneratedArticle]:
    """The first ``n`` articles of the seeded stream."""
    return [generate_article(i, seed=seed, words=words) for i in range(n)]

"""Word lists the recogniser and the people finder share: titles, common capitalised words of
news prose, English words that never open a name."""

from __future__ import annotations

TITLES = frozenset(
    """mr mrs ms miss dr prof president minister secretary senator sen rep representative gov
    governor general gen col colonel lt lieutenant sgt sergeant capt captain major maj cmdr admiral
    adm king queen prince princess pope sheikh shaikh judge justice mayor premier chancellor
    ambassador bishop archbishop father imam rabbi reverend rev sir lord lady dame emir sultan
    commander chief spokesman spokeswoman spokesperson officer detective inspector constable
    coach player striker defender goalkeeper actor actress singer author dear""".split()
)
# Words after a name that make it a kind of place ("Idlib province") or a person/organisation.
ADMIN_WORDS = frozenset(
    "province governorate state oblast region district county prefecture department territory "
    "municipality voivodeship canton emirate parish".split()
)
PLACE_WORDS = frozenset("city town village township suburb neighbourhood neighborhood".split())
# Words before a place name that do not make it part of a person's or organisation's name.
PLACE_MODIFIERS = frozenset(
    """north south east west northern southern eastern western central upper lower greater metro
    metropolitan downtown inner outer new old mid rural urban coastal provincial federal state
    the in of at near from to and or""".split()
)
SPEECH_VERBS = frozenset("said says say told added asked wrote explained noted stated".split())
# Words before a place name that are English, not a first name ("Across Syria", "Today Aleppo").
NOT_FIRST_NAMES = PLACE_MODIFIERS | frozenset(
    """across inside outside around within into towards toward through throughout via after
    before during since until while when where if as but so yet also even still then today
    yesterday tonight tomorrow meanwhile however moreover instead indeed perhaps only both all
    neither either each every many most some several""".split()
)


# Capitalised words of news prose that GeoNames also holds as places.
COMMON_WORDS = frozenset(
    """police army navy government president minister ministry state states city county court
    news reuters press agency union university college school hospital church party council
    congress parliament senate house office department center centre national international
    north south east west northern southern eastern western central new old great little
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december christmas easter god lord mission liberty
    independence freedom victory unity justice peace hope faith progress republic democratic
    islamic muslim christian catholic jewish orthodox protestant health security defence defense
    foreign affairs interior public general federal royal air force forces marine marines
    guard guards border airport station square street road avenue bridge park lake river
    mount mountain island islands bay gulf sea ocean beach valley hill hills point port harbour
    chairman director manager leader leaders commission committee authority authorities
    association federation organisation organization institute foundation group company corp
    bank market trade summit conference festival cup league club team games olympic olympics
    media times post herald tribune journal daily weekly star sun globe mail guardian telegraph
    world global international america secretary officer commissioner bureau control drug
    energy care school schools villages village corporation highway home green free vice fire
    medical chief service services program programme fund centers centres district region
    province agriculture education environment science research human rights development
    emergency disease prevention food water power prize award awards trust network channel
    association society church cathedral temple mosque museum hall tower hotel stadium arena
    west east north south western eastern northern southern central""".split()
) - {"america"}
_STOP: frozenset[str] | None = None


def stop_words() -> frozenset[str]:
    """English function words that are also GeoNames places ("Of", "Most", "Same")."""
    global _STOP
    if _STOP is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOP = frozenset(STOP_WORDS) | COMMON_WORDS
    return _STOP

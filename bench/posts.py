"""Generated health posts for the batch benchmark and the distributed test.

    post(i) -> (origin, markdown text), the same for the same i on every machine

Each post is a Markdown guest post of about 200-350 words: a title, a personal story, claims
of every strength (absolute, overstated, hedged), caveats, and sources with links, its
wording drawn from slot templates with a random generator seeded by ``i``. One post in ten
also carries one of three agency template paragraphs word for word, so the cross-document
rule (CC430) finds the same paragraph in posts far apart in the run.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

_CHOICE = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")  # [a|b|c]: one of them, at random

REMEDIES = [
    "turmeric", "ginger tea", "cupping", "dry brushing", "apple cider vinegar", "fish oil",
    "magnesium", "acupuncture", "cold showers", "intermittent fasting", "probiotics",
    "green tea", "vitamin D", "elderberry syrup", "collagen powder", "yoga", "oil pulling",
    "zinc lozenges", "ashwagandha", "red light therapy", "bone broth", "a juice cleanse",
]  # fmt: skip
CONDITIONS = [
    "back pain", "migraines", "anxiety", "high blood pressure", "joint stiffness", "insomnia",
    "eczema", "colds", "fatigue", "bloating", "acne", "knee pain", "brain fog", "heartburn",
    "seasonal allergies", "muscle cramps", "low mood", "sore throats",
]  # fmt: skip
NAMES = ["Maria", "Tom", "Aisha", "Jonas", "Priya", "Luca", "Grace", "Omar", "Elena", "Sam",
         "Hannah", "Kenji", "Fatima", "Noah", "Ines", "Victor"]  # fmt: skip
CITIES = ["Leeds", "Porto", "Lyon", "Austin", "Dublin", "Malmo", "Graz", "Cork", "Bergen",
          "Turin", "Ghent", "Tampere"]  # fmt: skip
TIMES = ["morning", "evening", "weekend", "day", "night before bed", "lunch break"]
FEELINGS = ["stiffness", "tiredness", "tension", "restlessness", "heaviness", "irritation"]
JOURNALS = ["the BMJ", "JAMA", "The Lancet", "a nutrition journal", "a sports medicine journal",
            "a small university study"]  # fmt: skip
ADJECTIVES = ["noticeably better", "a little easier", "much calmer", "hard to judge",
              "about the same", "clearly improved", "worse at first"]  # fmt: skip

CLAIMS = [
    "{R} cures {c} for good.",
    "{R} completely eliminates {c} in just {n} days.",
    "{R} is clinically proven to reverse {c}.",
    "{R} flushes out the toxins that cause {c}.",
    "{R} may ease {c} for some people.",
    "Studies suggest {r} might reduce {c}, although the evidence is still limited.",
    "{R} boosts your immune system and prevents {c}.",
    "{R} has no side effects, so it is completely safe for anyone with {c}.",
    "{R} dramatically reduces {c} and restores your energy.",
    "Doctors do not want you to know that {r} works better than pills for {c}.",
]
CAVEATS = [
    "[Talk to|Check with|Ask] your [doctor|GP|pharmacist|nurse] before [trying|starting|using] "
    "{r}, [especially|above all|in particular] if you [take|are on|use] [other medication|"
    "blood thinners|the pill|daily tablets].",
    "Results [vary|differ] from [person to person|one reader to the next|case to case], and "
    "[larger|longer|better|independent] [trials|studies] of {r} are [still|really] needed.",
    "This is [my own|one person's|our family's] [experience|story|account] with {c}, "
    "[not medical advice|not a treatment plan|not a diagnosis|not a prescription].",
    "If your {c} [gets worse|comes back|lasts more than {n} weeks|wakes you at night], "
    "[see a doctor|book an appointment|call your GP|get it checked].",
    "Most of the [research|evidence|data] on {r} so far is [small and short|from animals|"
    "from one lab|funded by sellers], [so|and] [take it slowly|keep expectations modest|"
    "be cautious|weigh it carefully].",
]
SOURCES = [
    "A {y} [trial|study] in {j} [followed|enrolled|tracked] {m} [adults|patients|volunteers|"
    "women|men] with {c} ([study](https://doi.org/10.{k}/{z})).",
    "The [NHS|Mayo Clinic|CDC|WHO] page on {c} [explains|lists|describes|covers] the "
    "[usual|standard|first-line|common] treatments ([page](https://www.nhs.uk/conditions/{z}/)).",
    "A [review|meta-analysis|summary] of {m} [studies|trials|papers] found [mixed|weak|"
    "inconsistent|modest] results for {r} ([review](https://pubmed.ncbi.nlm.nih.gov/{z}/)).",
]
STORIES = [
    "{name} from {city} tried {r} every {time} for {n} weeks and said the {feeling} felt {adj}.",
    "After {n} years of {c}, {name} started {r} on a friend's advice during a move to {city}.",
    "My sister {name} swears by {r}, and she kept a diary of her {c} for {n} weeks.",
    "I first heard about {r} at a market in {city}, where a stall sold it as a fix for {c}.",
    "By week {n} the {feeling} was {adj}, though the {time} routine was hard to keep.",
]
TEMPLATE_PARAGRAPHS = [
    "Our expert team of wellness coaches offers personalised care plans for every stage of "
    "life, combining natural remedies with the latest research so that you can feel your best "
    "every single day. Book a free consultation today and join thousands of happy clients.",
    "Disclaimer: the content of this blog is for informational purposes only and is not "
    "intended to replace the advice of a qualified professional. Always read the label and "
    "consult a healthcare provider before starting any new supplement or wellness routine.",
    "This post contains affiliate links, which means we may earn a small commission at no "
    "extra cost to you if you buy through them. We only recommend products that our editors "
    "have tested themselves and believe will genuinely help our readers live healthier lives.",
]


def post(i: int) -> tuple[str, str]:
    """The ``i``-th generated post: its name and its Markdown text."""
    rng = random.Random(i)
    r = rng.choice(REMEDIES)
    c = rng.choice(CONDITIONS)

    def fill(template: str) -> str:
        values = {
            "r": r, "R": r[0].upper() + r[1:], "c": c, "n": rng.randint(2, 12),
            "name": rng.choice(NAMES), "city": rng.choice(CITIES), "time": rng.choice(TIMES),
            "feeling": rng.choice(FEELINGS), "adj": rng.choice(ADJECTIVES),
            "j": rng.choice(JOURNALS), "y": rng.randint(2005, 2025), "m": rng.randint(20, 900),
            "k": rng.randint(1000, 9999), "z": rng.randint(10_000, 99_999_999),
        }  # fmt: skip
        chosen = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
        return chosen.format(**values)

    paragraphs = [f"# {r[0].upper() + r[1:]} and {c}: what {rng.randint(2, 12)} weeks taught me"]
    for _ in range(rng.randint(4, 6)):
        pools = [STORIES, STORIES, CLAIMS, CLAIMS, CAVEATS, SOURCES]
        sentences = [fill(rng.choice(rng.choice(pools))) for _ in range(rng.randint(2, 4))]
        paragraphs.append(" ".join(dict.fromkeys(sentences)))
    if i % 10 == 3:  # one post in ten: an agency's paragraph, word for word
        template = TEMPLATE_PARAGRAPHS[(i // 10) % len(TEMPLATE_PARAGRAPHS)]
        paragraphs.insert(rng.randint(2, len(paragraphs)), template)
    return f"post-{i:05d}.md", "\n\n".join(paragraphs) + "\n"


def write_posts(folder: Path, count: int) -> list[Path]:
    """Write posts 0 .. count-1 as Markdown files into ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        name, text = post(i)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths

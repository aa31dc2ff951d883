"""Generated submissions for batch tests: varied health posts, some sharing a template."""

from __future__ import annotations

import json
import random
from pathlib import Path

TOPICS = ["cupping", "dry needling", "turmeric", "ginger tea", "magnesium", "cold showers",
          "yoga", "fish oil", "zinc lozenges", "foam rolling"]  # fmt: skip
PROBLEMS = ["back pain", "migraines", "arthritis", "insomnia", "anxiety", "colds", "bloating",
            "muscle cramps"]  # fmt: skip
VERBS = ["cures", "relieves", "prevents", "reduces", "gets rid of", "may ease", "can help with"]
EXTRAS = [
    "It is completely safe for everyone.",
    "Talk to your doctor before you start, especially if you are pregnant.",
    "A 2021 trial (doi:10.1000/example.2021) found a small effect in adults.",
    "Some people feel sore for a day or two afterwards.",
    "We went for a walk along the canal after lunch.",
    "Book your first session today and get 20% off!",
]
TEMPLATE = ("About the author: our wellness writers share practical tips from years of "
            "hands-on experience with clients at our studio in the city centre every week.")


def post(rng: random.Random, i: int) -> str:
    """One post: a title, a few claim sentences, some extras, now and then the template."""
    topic = rng.choice(TOPICS)
    lines = [f"# Why I tried {topic}", ""]
    for _ in range(rng.randint(2, 5)):
        lines.append(f"{topic.capitalize()} {rng.choice(VERBS)} {rng.choice(PROBLEMS)} "
                     f"in about {rng.randint(2, 9)} weeks for post {i}.")  # fmt: skip
    lines += rng.sample(EXTRAS, rng.randint(0, 3))
    if i % 11 == 0:
        lines += ["", TEMPLATE]
    return "\n".join(lines) + "\n"


def write_submissions(path: Path, count: int, seed: int = 7) -> Path:
    """``count`` submissions as JSON Lines (Markdown, with authors and sites)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = {"id": f"post-{i:05d}", "markdown": post(rng, i),
                      "author": f"author{i % 13}", "site": ("forum", "blog", "q&a")[i % 3]}
            out.write(json.dumps(record) + "\n")
    return path

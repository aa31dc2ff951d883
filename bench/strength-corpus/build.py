"""Write bench/strength-corpus/sentences.tsv from raw/<label>.txt (one sentence a line).

    python bench/strength-corpus/build.py

Rows are sorted by sha1 of the sentence, so the file does not group the labels.
"""

import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
rows = []
for label in range(4):
    for text in (HERE / "raw" / f"{label}.txt").read_text(encoding="utf-8").splitlines():
        if text.strip():
            rows.append((text.strip(), label))
rows.sort(key=lambda r: hashlib.sha1(r[0].encode("utf-8")).hexdigest())
lines = ["sentence\tlabel"] + [f"{sentence}\t{label}" for sentence, label in rows]
(HERE / "sentences.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {len(rows)} sentences")

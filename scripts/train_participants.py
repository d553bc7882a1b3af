"""Leave-one-set-out measurement of a statistical participant tagger (issue 8.4).

Why: the readers are rules fitted to every set they were measured on, so their figures on
those sets say little about unseen mail. A tagger trained from the annotated sets can be
measured honestly by leaving each set out in turn: train on all the others, score on it.
This script does that and writes the table to EVAL.md; it never runs in CI.

Data: every gold folder in tests/fixtures (NNN.eml + NNN.json). The text of a message is
what the readers see — the sender's own words, the forwarded part and the first screenful of
each attachment, from ``parsers.mime.parse`` — and every verbatim occurrence of a gold
participant's name is a PARTICIPANT span, of a gold role a ROLE span. Names that are not
participants (the organiser, a signature, a colleague in copy) stay unlabelled: that is what
the tagger must learn.

Model: one ``ner`` component (labels PARTICIPANT, ROLE) that listens to the shipped model's
tok2vec, frozen and shared (``frozen_components`` + ``annotating_components``), so the tagger
adds no second tok2vec to the pipeline's cost. Trained with ``spacy train`` on one core, a
fixed number of steps and a fixed seed; ``model-last`` is scored (no selection on the
left-out set).

Usage::

    python scripts/train_participants.py                 # every fold, then EVAL.md
    python scripts/train_participants.py --folds blind9  # one fold
    python scripts/train_participants.py --steps 300     # quicker, rougher
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from parsers.errors import ParseError  # noqa: E402
from parsers.mime import parse  # noqa: E402
from parsers.types import person_key  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"
SHIPPED = REPO / "parsers" / "models" / "nb_norne_ner"
ATTACHMENT_CHARS = 3000
CONFIG = """
[paths]
train = null
dev = null
shipped = "SHIPPED"
width = WIDTH

[system]
seed = 0
gpu_allocator = null

[nlp]
lang = "nb"
pipeline = ["tok2vec", "participants"]
batch_size = 64

[components]

[components.tok2vec]
source = ${paths.shipped}

[components.participants]
factory = "ner"

[components.participants.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.participants.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${paths.width}
upstream = "tok2vec"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
seed = ${system.seed}
dropout = 0.2
patience = 0
max_epochs = 0
max_steps = 600
eval_frequency = 200
frozen_components = ["tok2vec"]
annotating_components = ["tok2vec"]

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 1000
tolerance = 0.2

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.001

[initialize]
"""


@dataclass(frozen=True)
class Sample:
    """One message: its text and gold names/roles."""

    set_name: str
    file: str
    text: str
    names: tuple[str, ...]
    roles: tuple[str, ...]


def gold_sets() -> list[str]:
    """Every folder of tests/fixtures holding NNN.eml with NNN.json, corpus first."""
    names = [p.name for p in sorted(FIXTURES.iterdir()) if any(p.glob("*.json"))]
    sets = [n for n in names if any((FIXTURES / n).glob("*.eml"))]
    return sorted(sets, key=lambda n: (n != "corpus", n))


def message_text(raw: bytes) -> str:
    """What the readers see: own words, the forwarded part, attachments' first screenful."""
    parsed = parse(raw)
    parts = [parsed.own_text, parsed.forwarded_text]
    parts += [(a.text or "")[:ATTACHMENT_CHARS] for a in parsed.attachments]
    return "\n\n".join(p for p in parts if p.strip())


def load_set(folder: Path) -> list[Sample]:
    """Every NNN.eml with its NNN.json in ``folder``."""
    name = folder.name
    samples = []
    for gold_file in sorted(folder.glob("*.json")):
        eml = gold_file.with_suffix(".eml")
        if not eml.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        try:
            text = message_text(eml.read_bytes())
        except ParseError:
            continue
        people = gold.get("participants") or []
        names = tuple(p["name"] for p in people)
        roles = tuple(p["role"] for p in people if p.get("role"))
        samples.append(Sample(name, eml.name, text, names, roles))
    return samples


def spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every verbatim occurrence of each phrase, on word boundaries."""
    found = []
    for phrase in set(phrases):
        pattern = r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
        found += [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return found


def annotated(nlp: spacy.Language, sample: Sample) -> Doc:
    """The sample as a Doc with PARTICIPANT and ROLE entities (names win over roles)."""
    doc = nlp.make_doc(sample.text)
    taken: list[tuple[int, int]] = []
    ents = []
    labelled = [(s, "PARTICIPANT") for s in spans(sample.text, sample.names)]
    labelled += [(s, "ROLE") for s in spans(sample.text, sample.roles)]
    for (start, end), label in labelled:
        if any(start < e and s < end for s, e in taken):
            continue
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        if span is not None and len(span):
            ents.append(span)
            taken.append((start, end))
    doc.ents = sorted(ents, key=lambda s: s.start)
    return doc


def write_docbin(nlp: spacy.Language, samples: list[Sample], path: Path) -> None:
    DocBin(docs=[annotated(nlp, s) for s in samples]).to_disk(path)


def shipped_width() -> int:
    """The shipped tok2vec's output width, which the listener must match."""
    config = spacy.util.load_config(SHIPPED / "config.cfg")
    return int(config["components"]["tok2vec"]["model"]["encode"]["width"])


def train_fold(left_out: str, data: dict[str, list[Sample]], work: Path, steps: int) -> Path:
    """Train on every set but ``left_out``; returns model-last."""
    nlp = spacy.blank("nb")
    fold = work / left_out
    fold.mkdir(parents=True, exist_ok=True)
    train = [s for name, samples in data.items() if name != left_out for s in samples]
    write_docbin(nlp, train, fold / "train.spacy")
    write_docbin(nlp, (data[left_out] or train)[:5], fold / "dev.spacy")  # progress log only
    base, config = fold / "base.cfg", fold / "config.cfg"
    text = CONFIG.replace('"SHIPPED"', json.dumps(str(SHIPPED)))
    base.write_text(text.replace("WIDTH", str(shipped_width())), encoding="utf-8")
    fill = [sys.executable, "-m", "spacy", "init", "fill-config", str(base), str(config)]
    subprocess.run(fill, check=True, stdout=subprocess.DEVNULL)  # spaCy's defaults for the rest
    command = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(fold / "model")]
    command += ["--paths.train", str(fold / "train.spacy"), "--paths.dev", str(fold / "dev.spacy")]
    command += ["--training.max_steps", str(steps)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return fold / "model" / "model-last"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: set[str], gold: set[str]) -> None:
        self.tp += len(got & gold)
        self.fp += len(got - gold)
        self.fn += len(gold - got)

    def merge(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def cells(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{p:.3f} | {r:.3f} | {f:.3f}"


@dataclass
class Comparison:
    """Names scored four ways on one set (see ``compare``)."""

    rules: Score = field(default_factory=Score)
    tagger: Score = field(default_factory=Score)
    union: Score = field(default_factory=Score)
    flags: Score = field(default_factory=Score)
    """The tagger as a second opinion: tp = a name it tags that the rules missed and gold has
    (a right reason to hold), fp = such a name gold does not have (a needless hold)."""

    def merge(self, other: Comparison) -> None:
        for name in ("rules", "tagger", "union", "flags"):
            getattr(self, name).merge(getattr(other, name))

    def row(self, label: str) -> str:
        return (
            f"| {label} | {self.rules.cells()} | {self.tagger.cells()} | {self.union.cells()} "
            f"| {self.flags.tp} / {self.flags.fp} |"
        )


def compare(model: spacy.Language, folder: Path, samples: list[Sample]) -> Comparison:
    """The rules (``extract`` as the packaged event reads), the tagger alone, their union, and
    the tagger's flags, against the gold names of ``samples`` (messages of ``folder``)."""
    from mailbot.event import load_event
    from parsers.extraction import extract, load_pipeline

    rules_nlp, context = load_pipeline(), load_event().extraction_context()
    result = Comparison()
    for sample, doc in zip(samples, model.pipe(s.text for s in samples), strict=True):
        read = extract((folder / sample.file).read_bytes(), rules_nlp, context)
        by_rules = {person_key(p.name) for p in read.participants}
        by_tagger = {person_key(e.text) for e in doc.ents if e.label_ == "PARTICIPANT"}
        gold = {person_key(n) for n in sample.names}
        result.rules.add(by_rules, gold)
        result.tagger.add(by_tagger, gold)
        result.union.add(by_rules | by_tagger, gold)
        flags = by_tagger - by_rules
        result.flags.tp += len(flags & gold)
        result.flags.fp += len(flags - gold)
    return result


HEADER = (
    "| set | rules P | R | F1 | tagger P | R | F1 | rules + tagger (union) P | R | F1 "
    "| tagger flags right / needless |\n| --- |" + " --- |" * 10
)


def model_for(left_out: str, data: dict[str, list[Sample]], args: argparse.Namespace) -> Path:
    """Train the fold, or reuse its model-last with ``--reuse``."""
    existing = args.work / left_out / "model" / "model-last"
    if args.reuse and existing.is_dir():
        return existing
    return train_fold(left_out, data, args.work, args.steps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", nargs="*", help="sets to leave out (default: all)")
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--reuse", action="store_true", help="score models already trained")
    parser.add_argument("--fresh", nargs="*", type=Path, help="train on all sets, score these")
    parser.add_argument("--work", type=Path, default=REPO / "training" / "participants")
    args = parser.parse_args()
    data = {name: load_set(FIXTURES / name) for name in gold_sets()}
    print(HEADER, flush=True)
    if args.fresh:
        model = spacy.load(model_for("__all__", dict(data, __all__=[]), args))
        for folder in args.fresh:
            print(compare(model, folder, load_set(folder)).row(f"{folder.name} (fresh)"))
        return 0
    total = Comparison()
    for left_out in args.folds or list(data):
        model = spacy.load(model_for(left_out, data, args))
        fold = compare(model, FIXTURES / left_out, data[left_out])
        total.merge(fold)
        print(fold.row(left_out), flush=True)
    print(total.row("all folds"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

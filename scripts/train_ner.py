"""Train, evaluate and ship the Norwegian NER pipeline used by `parsers/`.

Why this script exists: the shipped model in `parsers/models/nb_norne_ner/` must be
reproducible from the public NorNE corpus with one command and a fixed seed, so that anyone
can rebuild it, check the figures in its EVAL.md, and try a change of config against them.

Stages (run in order by default, or one at a time with --stage):

* ``convert``  NorNE nob+nno .conllu -> spaCy DocBin files with spaCy's own conllu converter;
  GPE_LOC and GPE_ORG are merged into GPE, and MISC (8 mentions in train, none in dev/test)
  is dropped. Optionally appends synthetic registration-mail lines to the training set.
* ``pretrain`` (only with ``--pretrain``) writes the raw sentences of NorNE nob+nno *train*
  as JSONL ``{"text": ...}`` and runs ``python -m spacy pretrain`` with the characters
  objective (``[pretraining]`` of ``scripts/ner/pretrain.cfg``) on one core; the weights file
  of the last epoch (``max_epochs`` in that config) initialises the tok2vec in ``train``
  through ``[initialize] init_tok2vec``. Only train sentences are used: dev and test stay unseen.
* ``train``    ``python -m spacy train`` on one core with ``scripts/ner/train.cfg``; with
  ``--phase2`` it goes on with ``scripts/ner/continue.cfg`` (sources phase 1's model-best,
  adds the synthetic lines). The other configs in ``scripts/ner/`` are the earlier runs
  listed in EVAL.md, kept so each can be re-run with ``--config``.
  With ``--final`` (run 6) the settings chosen on dev by run 5 are kept but the model is
  trained on NorNE nob+nno train + dev (``<workdir>/traindev/``, a directory holding copies
  of ``train.spacy`` and ``dev.spacy``) for a fixed ``FINAL_MAX_STEPS`` with patience off, and
  ``model-last`` is the model: no selection on dev. ``--paths.dev`` still points at dev, but
  only for spaCy's progress log (dev is in the training data, so those scores mean nothing).
* ``evaluate`` P/R/F overall and per type on nob-test and nno-test separately, plus size,
  load time and words per second on one core. Written to ``<workdir>/results.json``.
* ``ship``     copies ``model-best`` (``model-last`` with ``--final``) into the package, pins
  the spaCy version range in meta.json and writes the figures into EVAL.md (a hand-written
  "## Experiments" section already in EVAL.md is kept).

Usage::

    python scripts/train_ner.py                      # everything, seed 0
    python scripts/train_ner.py --stage evaluate     # re-evaluate <workdir>/model/model-best
    python scripts/train_ner.py --pretrain --config scripts/ner/pretrain.cfg   # run 5
    python scripts/train_ner.py --pretrain --final --config scripts/ner/pretrain.cfg   # run 6
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# One core per training run: the machine is shared. Must be set before numpy/thinc load.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin, Span  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.training.converters import conllu_to_docs  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
NORNE = Path("/work/shared/norne")
DEFAULT_WORKDIR = REPO / "training" / "ner"
DEFAULT_CONFIG = REPO / "scripts" / "ner" / "train.cfg"
CONTINUE_CONFIG = REPO / "scripts" / "ner" / "continue.cfg"
PRETRAIN_CONFIG = REPO / "scripts" / "ner" / "pretrain.cfg"
SHIP_DIR = REPO / "parsers" / "models" / "nb_norne_ner"
SEED = 0
# Run 6 (--final): run 5's dev-chosen best step (3200) scaled by the ~14% more data of
# train + dev. Fixed in advance; nothing is chosen on dev or test.
FINAL_MAX_STEPS = 3600
# GPE_LOC/GPE_ORG -> GPE as in spaCy's nb_core_news models; MISC is too rare to learn.
NER_MAP = {"GPE_LOC": "GPE", "GPE_ORG": "GPE", "MISC": ""}
SPLITS = ("train", "dev", "test")
VARIANTS = ("nob", "nno")
EXPERIMENTS_MARKER = "## Experiments"


def convert_file(path: Path, n_sents: int = 10) -> list[Doc]:
    """Convert one NorNE .conllu file with spaCy's converter, keeping only words and entities.

    Only NER is trained, so the (partly empty) tags, heads and lemmas are dropped: that keeps
    the DocBins small and avoids the converter's placeholder heads leaking into training.
    """
    vocab = spacy.blank("nb").vocab
    docs: list[Doc] = []
    for doc in conllu_to_docs(
        path.read_text(encoding="utf-8"), n_sents=n_sents, ner_map=NER_MAP, no_print=True
    ):
        new = Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        new.ents = [Span(new, e.start, e.end, label=e.label_) for e in doc.ents]
        docs.append(new)
    return docs


def person_names(docs: Iterable[Doc]) -> list[str]:
    """Two- or three-token PER mentions from NorNE itself: the synthetic lines use real names."""
    names = {
        e.text
        for d in docs
        for e in d.ents
        if e.label_ == "PER" and 2 <= len(e) <= 3 and all(t.is_alpha or t.text == "-" for t in e)
    }
    return sorted(names)


ROLES = [
    "rektor",
    "kulturskolerektor",
    "ordfører",
    "varaordfører",
    "kommunalsjef",
    "rådmann",
    "kommunedirektør",
    "lærer",
    "styrer",
    "barnehagestyrar",
    "kultursjef",
    "leiar for kulturutvalet",
    "leder i hovedutvalg for oppvekst",
    "fagleder",
    "biblioteksjef",
    "konsulent",
    "enhetsleder",
    "avdelingsleiar",
    "kulturkonsulent",
    "pedagogisk leder",
    "medlem av kommunestyret",
]
ORG_STEMS = [
    "skole",
    "skule",
    "barnehage",
    "kulturskole",
    "kulturskule",
    "ungdomsskole",
    "oppvekstsenter",
    "bibliotek",
]
PARTIES = ["Ap", "H", "Sp", "FrP", "SV", "KrF", "V", "MDG", "R"]
MUNICIPALITIES = [
    "Levanger",
    "Verdal",
    "Steinkjer",
    "Stange",
    "Hamar",
    "Voss",
    "Førde",
    "Sunndal",
    "Bodø",
    "Alta",
    "Harstad",
    "Lillehammer",
    "Gjøvik",
    "Kongsberg",
    "Sandnes",
    "Tromsø",
    "Molde",
    "Ørsta",
    "Volda",
    "Kristiansund",
    "Namsos",
    "Fauske",
    "Hadsel",
    "Vinje",
    "Luster",
]
PLACES = [
    "Åsen",
    "Vinne",
    "Skogn",
    "Ekne",
    "Frol",
    "Ottestad",
    "Romedal",
    "Vang",
    "Nordbyen",
    "Moen",
    "Sagvollen",
    "Bakkehaugen",
    "Rosenvik",
    "Lia",
    "Haugen",
    "Fjellstad",
]


def synthetic_docs(names: list[str], n: int, seed: int) -> list[Doc]:
    """Registration-mail style lines ("- Kari Nordmann, rektor ved Åsen skole").

    NorNE is news text; replies to invitations are lists of "name, role, workplace" lines
    that news rarely has. A small share of such lines teaches the model that a name at the
    start of a list line, before a comma or a party in brackets, is a person.
    Schools are ORG and municipalities GPE, matching NorNE's guidelines.
    """
    rng = random.Random(seed)
    nlp = spacy.blank("nb")
    docs: list[Doc] = []
    for _ in range(n):
        name = rng.choice(names)
        role = rng.choice(ROLES)
        org = f"{rng.choice(PLACES)} {rng.choice(ORG_STEMS)}"
        muni = rng.choice(MUNICIPALITIES)
        party = rng.choice(PARTIES)
        bullet = rng.choice(["- ", "* ", "• ", "1. ", "", ""])
        templates: list[list[tuple[str, str | None]]] = [
            [
                (bullet, None),
                (name, "PER"),
                (", ", None),
                (role, None),
                (" ved ", None),
                (org, "ORG"),
            ],
            [
                (bullet, None),
                (name, "PER"),
                (" (", None),
                (party, "ORG"),
                ("), ", None),
                (role, None),
            ],
            [
                (bullet, None),
                (name, "PER"),
                (" – ", None),
                (role, None),
                (" i ", None),
                (f"{muni} kommune", "GPE"),  # NorNE tags "Stange kommune" whole as GPE
            ],
            [(bullet, None), (role.capitalize(), None), (": ", None), (name, "PER")],
            [
                (bullet, None),
                (name, "PER"),
                (", ", None),
                (role, None),
                (", ", None),
                (org, "ORG"),
                (", ", None),
                (muni, "GPE"),
            ],
            [(bullet, None), (name, "PER"), (" (", None), (role, None), (")", None)],
        ]
        parts = rng.choice(templates)
        text, spans, pos = "", [], 0
        for chunk, label in parts:
            if label:
                spans.append((pos, pos + len(chunk), label))
            text += chunk
            pos += len(chunk)
        doc = nlp.make_doc(text.strip())
        offset = len(text) - len(text.lstrip())
        ents = [doc.char_span(s - offset, e - offset, label=lab) for s, e, lab in spans]
        if any(e is None for e in ents):
            continue  # tokenisation does not match the span boundaries: skip, never guess
        doc.ents = ents  # type: ignore[assignment]
        docs.append(doc)
    return docs


def stage_convert(workdir: Path, n_synthetic: int) -> None:
    """Write one DocBin per NorNE file, plus merged nob+nno train and dev sets."""
    corpus = workdir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    by_name: dict[str, list[Doc]] = {}
    for variant in VARIANTS:
        for split in SPLITS:
            name = f"{variant}-{split}"
            by_name[name] = convert_file(NORNE / f"{name}.conllu")
            DocBin(docs=by_name[name], store_user_data=False).to_disk(corpus / f"{name}.spacy")
            print(f"converted {name}: {len(by_name[name])} docs", flush=True)
    train = by_name["nob-train"] + by_name["nno-train"]
    DocBin(docs=train).to_disk(corpus / "train.spacy")
    names = person_names(train)
    synth = synthetic_docs(names, n_synthetic, SEED)
    # Group lines ten to a doc like the NorNE docs, so batches stay comparable.
    grouped = [Doc.from_docs(synth[i : i + 10]) for i in range(0, len(synth), 10)]
    DocBin(docs=train + grouped).to_disk(corpus / "train_synth.spacy")
    print(f"synthetic: {len(synth)} lines from {len(names)} NorNE names", flush=True)
    DocBin(docs=by_name["nob-dev"] + by_name["nno-dev"]).to_disk(corpus / "dev.spacy")


def raw_text_jsonl(path: Path) -> int:
    """NorNE nob+nno *train* sentences (the ``# text =`` lines) as JSONL for spacy pretrain."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for variant in VARIANTS:
            conllu = NORNE / f"{variant}-train.conllu"
            for line in conllu.read_text(encoding="utf-8").splitlines():
                if line.startswith("# text = "):
                    out.write(json.dumps({"text": line[9:]}, ensure_ascii=False) + "\n")
                    n += 1
    return n


def pretrain_epochs(config: Path) -> int:
    """``[pretraining] max_epochs`` of a config: the weights file used is that of the last epoch."""
    from spacy.util import load_config

    return int(load_config(config, interpolate=False)["pretraining"]["max_epochs"])


def pretrain_weights(workdir: Path, config: Path) -> Path:
    """The weights file `stage_pretrain` leaves for `train` (spacy numbers epochs from 0)."""
    return workdir / "pretrain" / f"model{pretrain_epochs(config) - 1}.bin"


def stage_pretrain(workdir: Path, config: Path) -> Path:
    """`spacy pretrain` (characters objective) of the config's tok2vec on NorNE train text.

    Why: NorNE train is all the Norwegian text we have, and the NER sees each token only with
    its label; predicting the first and last 4 characters of every word from its context gives
    the tok2vec (hash embeddings + CNN) a start that knows word shapes and neighbourhoods.
    """
    raw = workdir / "raw_train.jsonl"  # outside the output dir, which spacy wants empty
    print(f"raw text: {raw_text_jsonl(raw)} sentences", flush=True)
    cmd = [
        sys.executable,
        "-m",
        "spacy",
        "pretrain",
        str(config),
        str(workdir / "pretrain"),
        "--paths.raw_text",
        str(raw),
        "--system.seed",
        str(SEED),
    ]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    return pretrain_weights(workdir, config)


def spacy_train(config: Path, output: Path, train: Path, dev: Path, *extra: str) -> None:
    """Run `spacy train` in a child process on one core (the machine is shared)."""
    cmd = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(config),
        "--output",
        str(output),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(dev),
        "--system.seed",
        str(SEED),
        *extra,
    ]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})


def stage_train(
    workdir: Path,
    config: Path,
    continue_config: Path | None,
    phase1_synthetic: bool = False,
    init_tok2vec: Path | None = None,
    final: bool = False,
) -> None:
    """Phase 1 on NorNE nob+nno; phase 2 (optional) continues from phase 1's best model.

    Why two phases: with one core and a time box, phase 1 is a fixed number of steps (so the
    run is reproducible and comparable); phase 2 sources both components from it and goes on
    with a lower learning rate, full-size batches and the synthetic registration lines mixed
    in. The final model is ``<workdir>/model/model-best`` either way.
    """
    corpus = workdir / "corpus"
    dev = corpus / "dev.spacy"
    train1 = corpus / ("train_synth.spacy" if phase1_synthetic else "train.spacy")
    extra: tuple[str, ...] = ("--paths.init_tok2vec", str(init_tok2vec)) if init_tok2vec else ()
    if final:
        # Train + dev as one directory corpus (spaCy reads every .spacy file in it, sorted).
        # Dev stays as --paths.dev only for the progress log; model-last is the model.
        if continue_config is not None or phase1_synthetic:
            raise SystemExit("--final is a single phase on NorNE only (run 5's settings)")
        traindev = workdir / "traindev"
        traindev.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / "train.spacy", traindev / "train.spacy")
        shutil.copyfile(dev, traindev / "dev.spacy")
        final_extra = ("--training.max_steps", str(FINAL_MAX_STEPS), "--training.patience", "0")
        spacy_train(config, workdir / "model", traindev, dev, *extra, *final_extra)
        return
    if continue_config is None:
        spacy_train(config, workdir / "model", train1, dev, *extra)
        return
    spacy_train(config, workdir / "phase1", train1, dev, *extra)
    spacy_train(
        continue_config,
        workdir / "model",
        corpus / "train_synth.spacy",
        dev,
        "--paths.source",
        str(workdir / "phase1" / "model-best"),
    )


def rel(path: Path) -> str:
    """Path relative to the repository when inside it: EVAL.md must not name a home dir."""
    path = path.resolve()
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def dir_size_mb(path: Path) -> float:
    """Size on disk of a pipeline directory, in MB (10^6 bytes)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def score(nlp: spacy.Language, docs: list[Doc]) -> dict[str, Any]:
    """Entity P/R/F overall and per type, as spaCy's scorer computes them."""
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    s = nlp.evaluate(examples)
    return {
        "p": s["ents_p"],
        "r": s["ents_r"],
        "f": s["ents_f"],
        "per_type": s["ents_per_type"],
    }


def words_per_second(nlp: spacy.Language, texts: list[str], repeats: int = 2) -> float:
    """Throughput of nlp.pipe on one process/thread, best of `repeats` to reduce noise."""
    n_words = sum(len(t.split()) for t in texts)
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=256):
            pass
        best = max(best, n_words / (time.perf_counter() - start))
    return best


LOAD_PROBE = """
import time
t0 = time.perf_counter()
import spacy
t1 = time.perf_counter()
spacy.load({path!r})
t2 = time.perf_counter()
print(t2 - t1, t2 - t0)
"""


def load_times(model_dir: Path, runs: int = 3) -> tuple[float, float]:
    """Median (spacy.load, import spacy + spacy.load) seconds, each in a fresh process.

    A fresh process is what a worker or CLI start pays; loading inside this script would
    hide the registry and import costs (or, on a busy machine, add unrelated noise).
    """
    loads, totals = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_PROBE.format(path=str(model_dir))],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        loads.append(float(out[0]))
        totals.append(float(out[1]))
    return sorted(loads)[runs // 2], sorted(totals)[runs // 2]


def stage_evaluate(workdir: Path, model_dir: Path) -> dict[str, object]:
    """Score the model on nob-test and nno-test and measure size, load time and speed."""
    load_s, import_load_s = load_times(model_dir)
    nlp = spacy.load(model_dir)
    corpus = workdir / "corpus"
    results: dict[str, object] = {
        "model_dir": str(model_dir),
        "size_mb": round(dir_size_mb(model_dir), 2),
        "load_s": round(load_s, 3),
        "import_load_s": round(import_load_s, 3),
    }
    # Dev (nob-dev + nno-dev) is what runs are chosen by; test is only reported.
    dev_docs = list(DocBin().from_disk(corpus / "dev.spacy").get_docs(nlp.vocab))
    r = score(nlp, dev_docs)
    results["dev"] = r
    per = r["per_type"].get("PER", {})
    print(f"dev       F {r['f']:.3f}  PER F {per.get('f', 0.0):.3f}", flush=True)
    for variant in VARIANTS:
        docs = list(DocBin().from_disk(corpus / f"{variant}-test.spacy").get_docs(nlp.vocab))
        r = score(nlp, docs)
        per = r["per_type"].get("PER", {})
        results[variant] = r
        print(
            f"{variant}-test  P {r['p']:.3f}  R {r['r']:.3f}  F {r['f']:.3f}  "
            f"PER F {per.get('f', 0.0):.3f}",
            flush=True,
        )
        if variant == "nob":
            results["words_per_s"] = round(words_per_second(nlp, [d.text for d in docs]))
    # Domain probe: registration-style lines built from *test* names with another seed, so
    # the names and line shapes are not those of the synthetic training lines.
    test_docs = [
        d
        for v in VARIANTS
        for d in DocBin().from_disk(corpus / f"{v}-test.spacy").get_docs(nlp.vocab)
    ]
    probe = synthetic_docs(person_names(test_docs), 500, seed=SEED + 1)
    r = score(nlp, probe)
    results["probe"] = r
    per = r["per_type"].get("PER", {})
    print(f"probe     F {r['f']:.3f}  PER F {per.get('f', 0.0):.3f}", flush=True)
    print(
        f"size {results['size_mb']} MB  load {results['load_s']} s  "
        f"{results['words_per_s']} words/s (1 thread)",
        flush=True,
    )
    (workdir / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


def eval_markdown(
    results: dict[str, object],
    command: str,
    config: Path,
    continue_config: Path | None,
    pretrained: bool = False,
    final: bool = False,
) -> str:
    """Figures section of EVAL.md, regenerated on every ship so it never goes stale."""
    intro = (
        [
            "spaCy pipeline (lang `nb`, tok2vec + ner) trained on NorNE bokmål + nynorsk "
            "train + dev,",
            "GPE_LOC/GPE_ORG merged into GPE, MISC dropped. Settings chosen on dev by run 5; "
            "this final model",
            f"was trained on train + dev for a fixed {FINAL_MAX_STEPS} steps (model-last, no "
            "selection). Scores from",
            "spaCy's scorer on the NorNE UD test files, untouched during training and scored once.",
        ]
        if final
        else [
            "spaCy pipeline (lang `nb`, tok2vec + ner) trained on NorNE bokmål + nynorsk train,",
            "GPE_LOC/GPE_ORG merged into GPE, MISC dropped. Scores from spaCy's scorer on the",
            "NorNE UD test files, untouched during training (dev = nob-dev + nno-dev).",
        ]
    )
    lines = [
        "# nb_norne_ner — evaluation",
        "",
        *intro,
        "",
        "| set | P | R | F | PER P | PER R | PER F |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    rows = [("nob", "bokmål (nob-test)"), ("nno", "nynorsk (nno-test)")]
    if "dev" in results and not final:  # with --final dev is training data
        rows.insert(0, ("dev", "dev (nob-dev + nno-dev, used for selection)"))
    for variant, label in rows:
        r = results[variant]
        per = r["per_type"]["PER"]  # type: ignore[index]
        lines.append(
            f"| {label} | {r['p']:.3f} | {r['r']:.3f} | {r['f']:.3f} | "  # type: ignore[index]
            f"{per['p']:.3f} | {per['r']:.3f} | {per['f']:.3f} |"
        )
    lines += ["", "Per type F (nob / nno):", ""]
    types = sorted(results["nob"]["per_type"])  # type: ignore[index]
    for t in types:
        fb = results["nob"]["per_type"][t]["f"]  # type: ignore[index]
        fn = results["nno"]["per_type"].get(t, {}).get("f", 0.0)  # type: ignore[index]
        lines.append(f"- {t}: {fb:.3f} / {fn:.3f}")
    lines += [
        "",
        "Anchor: spaCy nb_core_news_sm reports NER P 0.761, R 0.743, F 0.752 on bokmål test.",
        "",
        f"- size on disk: {results['size_mb']} MB",
        f"- load time, median of 3 fresh processes: `spacy.load` {results['load_s']} s; "
        f"`import spacy` + `spacy.load` {results['import_load_s']} s",
        f"- speed: {results['words_per_s']} words/s, `nlp.pipe` on one thread (nob-test texts)",
        f'- spaCy {spacy.__version__}; meta.json pins spacy_version ">=3.8,<3.9"',
        "",
        "Reproduce (about "
        + ("7 min of training" if final else "25-40 min")
        + " on one core"
        + (", plus about 13 min of pretraining):" if pretrained else "):"),
        "",
        "```",
        command,
        "```",
        "",
        f"Settings: seed {SEED}, phase-1 config `{rel(config)}`, "
        + (f"phase 2 `{rel(continue_config)}`" if continue_config else "no phase 2")
        + " (the final config is config.cfg here),",
        (
            f"OMP_NUM_THREADS=1, train + dev, max_steps {FINAL_MAX_STEPS}, patience off, "
            "model-last (dev only in the progress log)."
            if final
            else "OMP_NUM_THREADS=1, model-best by ents_f on nob-dev + nno-dev."
        ),
        "",
    ]
    if pretrained:
        lines[-1:-1] = [
            "The tok2vec starts from `spacy pretrain` weights "
            f"({pretrain_epochs(config)} epochs of the characters objective on the raw text of "
            f"NorNE nob+nno train, seed {SEED}); they are only read by `initialize`, so "
            "loading the shipped model does not need them.",
        ]
    return "\n".join(lines)


def stage_ship(
    workdir: Path,
    model_dir: Path,
    config: Path,
    continue_config: Path | None,
    command: str,
    pretrained: bool = False,
    final: bool = False,
) -> None:
    """Copy the pipeline into the package, pin the spaCy range and write EVAL.md."""
    results = json.loads((workdir / "results.json").read_text(encoding="utf-8"))
    eval_path = SHIP_DIR / "EVAL.md"
    experiments = ""
    if eval_path.exists():
        old = eval_path.read_text(encoding="utf-8")
        if EXPERIMENTS_MARKER in old:
            experiments = old[old.index(EXPERIMENTS_MARKER) :]
    # Build the text before touching the shipped copy, so a failure here loses nothing.
    text = eval_markdown(results, command, config, continue_config, pretrained, final)
    text += "\n" + experiments if experiments else ""
    if SHIP_DIR.exists():
        shutil.rmtree(SHIP_DIR)
    shutil.copytree(model_dir, SHIP_DIR)
    # spacy writes the absolute train/dev/init_tok2vec paths into config.cfg; keep them
    # repo-relative. None is read at load time (init_tok2vec only matters for `initialize`).
    cfg_path = SHIP_DIR / "config.cfg"
    cfg_path.write_text(
        cfg_path.read_text(encoding="utf-8").replace(str(REPO) + "/", ""), encoding="utf-8"
    )
    meta_path = SHIP_DIR / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        {
            "name": "norne_ner",
            "lang": "nb",
            "version": "0.1.0",
            "spacy_version": ">=3.8,<3.9",
            "description": "Norwegian (bokmål + nynorsk) NER, tok2vec + ner, trained on NorNE "
            "with GPE_LOC/GPE_ORG merged into GPE. See EVAL.md.",
            "license": "CC0-1.0 (NorNE annotations)",
            "sources": [{"name": "NorNE", "url": "https://github.com/ltgoslo/norne"}],
        }
    )
    if final:
        # spaCy's "performance" is the last dev evaluation, and dev is training data here.
        meta.pop("performance", None)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    eval_path.write_text(text, encoding="utf-8")
    print(f"shipped to {SHIP_DIR} ({dir_size_mb(SHIP_DIR):.2f} MB)", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the requested stages."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--stage",
        choices=["all", "convert", "pretrain", "train", "evaluate", "ship"],
        default="all",
    )
    ap.add_argument(
        "--pretrain",
        action="store_true",
        help="run `spacy pretrain` (config's [pretraining]) before train and start the tok2vec "
        "from its last weights file (use with --config scripts/ner/pretrain.cfg)",
    )
    ap.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    ap.add_argument(
        "--continue-config",
        type=Path,
        default=CONTINUE_CONFIG,
        help="phase-2 config sourcing phase 1's model-best",
    )
    ap.add_argument(
        "--phase2",
        action="store_true",
        help="continue with --continue-config and the synthetic lines (off: did not help dev)",
    )
    ap.add_argument(
        "--phase1-synthetic",
        action="store_true",
        help="mix the synthetic lines into phase 1 already (default: phase 2 only)",
    )
    ap.add_argument(
        "--final",
        action="store_true",
        help=f"run 6: train on train + dev for a fixed {FINAL_MAX_STEPS} steps, ship model-last",
    )
    ap.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    ap.add_argument(
        "--synthetic",
        type=int,
        default=3000,
        help="synthetic registration lines added to phase-2 train (0 = none)",
    )
    ap.add_argument(
        "--model",
        type=Path,
        default=None,
        help="pipeline to evaluate/ship (default <workdir>/model/model-best, model-last with "
        "--final)",
    )
    args = ap.parse_args(argv)
    model_dir = args.model or args.workdir / "model" / (
        "model-last" if args.final else "model-best"
    )
    # The command EVAL.md shows is the one that rebuilds the model, not e.g. "--stage ship".
    rest = list(argv if argv is not None else sys.argv[1:])
    for flag in ("--stage", "--model", "--workdir"):
        if flag in rest:
            k = rest.index(flag)
            del rest[k : k + 2]
    command = " ".join(["python scripts/train_ner.py", *rest])
    stages = ["convert", "train", "evaluate", "ship"] if args.stage == "all" else [args.stage]
    if args.pretrain and args.stage == "all":
        stages.insert(1, "pretrain")
    init_tok2vec = pretrain_weights(args.workdir, args.config) if args.pretrain else None
    for stage in stages:
        print(f"== {stage}", flush=True)
        if stage == "convert":
            stage_convert(args.workdir, args.synthetic)
        elif stage == "pretrain":
            stage_pretrain(args.workdir, args.config)
        elif stage == "train":
            cont = args.continue_config if args.phase2 else None
            stage_train(
                args.workdir, args.config, cont, args.phase1_synthetic, init_tok2vec, args.final
            )
        elif stage == "evaluate":
            stage_evaluate(args.workdir, model_dir)
        else:
            cont = args.continue_config if args.phase2 else None
            stage_ship(
                args.workdir, model_dir, args.config, cont, command, args.pretrain, args.final
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

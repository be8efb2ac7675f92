"""A synthetic catalog of N resources for the benchmark.

Every other catalog file is copied from a real catalog, so the competency, handout and
section pages still build; only resources.yaml is replaced. Resources draw their facets
and references from the real ids, with field lengths like the hand-written entries, and a
vocabulary that grows with N (publisher and place names) so the search index grows the
way a real national catalog's would.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from pet_generator.catalog.frameworks import employer_framework_ids
from pet_generator.catalog.loader import Catalog, load_catalog

_DOMAIN_TEXT = """
peer support specialist certified recovery employer supervisor supervision hiring interview
onboarding wellness mental health substance use behavioral lived experience training mentoring
retention wages compensation benefits accommodations disability documentation billing medi-cal
medicaid workforce career ladder advancement competency competencies culture trauma informed
stigma discrimination self-disclosure boundaries ethics confidentiality harm reduction crisis
housing homelessness youth family caregivers veterans justice reentry community clinic county
hospital integration collaboration team clinicians policy procedure handbook guide toolkit report
survey study evaluation outcomes evidence practice practices strategies recommendations
leadership organizational readiness assessment checklist worksheet webinar course curriculum
standards scope role roles responsibilities job description qualifications recruitment burnout
self-care reflective feedback performance review coaching resilience equity inclusion language
culturally responsive rural urban tribal lgbtq+ older adults transition age co-occurring
"""
_DOMAIN_WORDS = _DOMAIN_TEXT.split()
_SYLLABLE_TEXT = (
    "an ar ba be bel ca co da de el en fa ga ha in is ka la le li lo ma me mi mo na ne ni no or pa ra re ri ro sa se si so ta te ti to va ve vi wa"
)
_SYLLABLES = _SYLLABLE_TEXT.split()
_ORG_KINDS = ["Institute", "Center", "Coalition", "Association", "Network", "Department of Health", "University", "Foundation", "Alliance", "Council"]
_TITLE_FORMS = [
    "{A} {b} for {c}",
    "{A} and {b}: a {kind} for {c}",
    "{place} {A} {b} {kind}",
    "Guide to {b} in {place}",
    "{A} {b}, {c} and {d}",
    "Understanding {b} for {c} in {place}",
]
_KINDS = ["guide", "toolkit", "report", "brief", "handbook", "training", "study", "review", "framework", "fact sheet"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) and not value.startswith(("http", "mailto")) else []


def _vocabulary(cat: Catalog) -> list[str]:
    """Real words from the catalog's own prose (not ids or URLs), plus the domain list."""
    words = set(_DOMAIN_WORDS)
    for name, value in cat.data.items():
        if name != "resources":
            words.update(w.lower() for s in _strings(value) for w in re.findall(r"\b[A-Za-z][a-z]{3,}\b", s) if "-" not in s or " " in s)
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str], places: list[str], low: int, high: int) -> str:
    words = [rng.choice(vocab) if rng.random() > 0.06 else rng.choice(places) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


# How many values a synthetic resource draws at most, per list facet (2 unless named here).
_MOST_VALUES = {"topics": 3}


def synthesize_resources(base: Path, n: int, seed: int = 7) -> list[dict[str, Any]]:
    cat = load_catalog(base)
    rng = random.Random(seed)
    vocab = _vocabulary(cat)
    # The facets come from the schema (x-facet), in the order of the resource's fields.
    fields = list(cat.model.schemas["resources.schema.json"]["items"]["properties"])
    facets = sorted(cat.model.facets, key=lambda f: fields.index(f.field) if f.field in fields else len(fields))
    # Most resources support employer competencies; a few cite certification ones.
    frameworks = set(employer_framework_ids(cat))
    employer = [c["id"] for c in cat["competencies"] if c["framework"] in frameworks]
    other = [c["id"] for c in cat["competencies"] if c["framework"] not in frameworks]
    sections = [s["id"] for s in cat["sections"]]
    source = next((s["id"] for s in cat["sources"] if s["id"] == "peer-employer-toolkit-2026"), cat["sources"][0]["id"])
    # Names grow with N like a national catalog's: ~1 publisher per 8 resources, ~1 place per 20.
    places = [_name(rng) for _ in range(max(20, n // 20))]
    publishers = [f"{rng.choice(places)} {rng.choice(_ORG_KINDS)}" for _ in range(max(10, n // 8))]
    out = []
    for i in range(n):
        a, b, c, d = (rng.choice(vocab) for _ in range(4))
        title = rng.choice(_TITLE_FORMS).format(A=a.capitalize(), b=b, c=c, d=d, kind=rng.choice(_KINDS), place=rng.choice(places))
        slug = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:50].strip("-")
        r: dict[str, Any] = {"id": f"r{i:05d}-{slug}", "title": title}
        if rng.random() < 0.15:
            r["aliases"] = [f"{title.split(':')[0]} ({rng.randint(2005, 2026)} edition)"]
        if rng.random() < 0.85:
            r["publisher"] = rng.choice(publishers)
        if rng.random() < 0.8:
            r["year"] = rng.randint(2005, 2026)
        for facet in facets:
            if facet.target == "competencies":
                pool = employer if rng.random() < 0.9 or not other else other
                r[facet.field] = rng.sample(pool, rng.randint(1, min(3, len(pool))))
                continue
            ids = list(cat.by_id[facet.target])
            if not ids:
                continue
            if facet.many:
                r[facet.field] = rng.sample(ids, rng.randint(1, min(_MOST_VALUES.get(facet.field, 2), len(ids))))
            else:
                r[facet.field] = rng.choice(ids)
        r["summary"] = " ".join(_sentence(rng, vocab, places, 8, 22) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.3:
            r["cited_in"] = rng.sample(sections, rng.randint(1, min(2, len(sections))))
        r["url"] = None if rng.random() < 0.3 else f"https://example.org/{r['id']}"
        if r["url"]:  # synthetic, like the rest: every URL carries evidence (link_evidence)
            r["url_evidence"] = {"kind": "exact-page", "page": r["url"], "copy_checked": "2026-01-01"}
        r["source"] = {"source": source}
        r["added"] = f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(r)
    return out


def generate(base: Path, n: int, out: Path, seed: int = 7) -> Path:
    """Copy the base catalog to `out` with resources.yaml replaced by n synthetic ones."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(base, out, ignore=shutil.ignore_patterns("editions", "resources.yaml"))
    resources = synthesize_resources(base, n, seed)
    text = yaml.dump(resources, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    (out / "resources.yaml").write_text("# Synthetic benchmark catalog (scripts/bench --generate)\n" + text, "utf-8")
    return out

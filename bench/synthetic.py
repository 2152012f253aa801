"""Synthetic catalogs of any size, to measure how the build grows with the number of codes.

A synthetic catalog is the real catalog plus generated services up to the wanted number of codes: the
real pages stay (the home page links to one of them, and the strict build checks that link), and the
generated ones are shaped like real entries but a little heavier: one to four messages with ids and
notes, aliases, direct relations (in `relations.yaml` and on entries), topics across services, a few
retired codes, groups, and standalone codes where nothing else relates. Text is drawn from the real
catalog's own words, so the search index sees a realistic vocabulary. Everything comes from one seed:
the same size and seed always give the same bytes. The result passes the real validator.

    .venv/bin/python bench/synthetic.py 3000 /tmp/catalog-3000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import string
import zlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL_CATALOG = ROOT / "catalog"
SEED = 6
HTTP_STATUSES = (400, 401, 403, 404, 409, 429, 500, 502, 503, 504)
ALIAS_KINDS = ("error_name", "exception", "enum", "detail_code", "header", "other")
ORIGINS = ("server", "sdk", "tool", "test")
# Common characters of the catalog's Chinese titles, for synthetic Chinese titles and search terms.
HANZI = "的不存在失败错误请求参数无效权限超时配额文件对象存储空间项目分区表签名函数实例作业集群服务连接上传下载创建删除"
# Code shapes of the real services (none like ODPS-04, whose digits the validator decodes).
SHAPES = ("dotted", "camel", "numeric")
# Codes per synthetic service: real services have 17 to 159; growth is expected from larger ones.
SERVICE_SIZE = (250, 500)


def real_vocabulary() -> list[str]:
    """Lower-case words of the real catalog's prose, in a fixed order, repeated as often as they occur."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(REAL_CATALOG.glob("*.yaml")))
    return [word.lower() for word in re.findall(r"[A-Za-z]{3,}", text)]


def chinese(text: str) -> str:
    """Stand-in Chinese for an English text: two characters per word, chosen by the word's checksum, code spans
    kept. The validator wants Chinese for every text once a catalog has any; deriving it from the English rather
    than drawing it from the seeded generator keeps every English text as it was."""
    def word(found: re.Match) -> str:
        checksum = zlib.crc32(found.group(0).encode())
        return HANZI[checksum % len(HANZI)] + HANZI[checksum // len(HANZI) % len(HANZI)]
    return "".join(part if part.startswith("`") else "".join(map(word, re.finditer(r"[A-Za-z0-9]+", part)))
                   for part in re.split(r"(`[^`]*`)", text)) + "。"


def _with_chinese(item: dict, **texts: str | list[str]) -> dict:
    """`item` with a `zh` of these fields, each the stand-in Chinese of the English text (or texts) given."""
    zh = item.setdefault("zh", {})
    zh.update({key: [chinese(t) for t in value] if isinstance(value, list) else chinese(value)
               for key, value in texts.items()})
    return item


class Writer:
    """Seeded text in the real catalog's words."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = real_vocabulary()

    def phrase(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(self.words) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 8, high: int = 16) -> str:
        text = self.phrase(low, high)
        if self.rng.random() < 0.2:
            text += f" with `{self.rng.choice(self.words)}.{self.rng.choice(self.words)}`"
        return text[0].upper() + text[1:] + "."

    def title(self) -> str:
        text = self.phrase(4, 9)
        return (text[0].upper() + text[1:])[:100]

    def message(self) -> str:
        """A message as services print them: prose, sometimes a placeholder or a quoted name."""
        text = self.phrase(5, 14)
        extras = ["{0}", "'%s'", "xxxx", f"[{self.rng.choice(self.words)}]", "(code 0x1F)"]
        if self.rng.random() < 0.4:
            text += " " + self.rng.choice(extras)
        return text[0].upper() + text[1:] + self.rng.choice([".", "", "!"])


def _service(rng: random.Random, writer: Writer, number: int, size: int) -> tuple[dict, list[str]]:
    """One synthetic service file and its codes."""
    shape = SHAPES[number % len(SHAPES)]
    prefix = "".join(rng.choice(string.ascii_uppercase) for _ in range(2)) + str(number)
    slug = f"synthetic-{number:02d}"
    patterns = {"dotted": rf"^{prefix}\.\d{{5}}$", "camel": r"^[A-Z][A-Za-z]+$", "numeric": r"^\d{4,6}$"}
    groups = [_with_chinese({"id": group, "title": title}, title=title)
              for group, title in (("sdk", "SDK error codes"), ("rest", "REST API error codes"))]
    service = {
        "slug": slug,
        "name": f"Synthetic Service {number}",
        "description": writer.sentence(12, 24),
        "code_pattern": patterns[shape],
        "sources": [{"id": f"{slug}-codes", "title": f"Synthetic Service {number} error codes",
                     "file": f"synthetic_{number:02d}.txt", "updated": "2026-01-15"},
                    {"id": f"{slug}-sdk", "title": f"Synthetic Service {number} SDK",
                     "repository": f"synthetic/synthetic{number}-sdk"}],
        "groups": groups if shape == "numeric" else [],
        "search_hints": [f"com.synthetic{number}", f"x-syn{number}-", f"synthetic{number}"],
    }
    _with_chinese(service, description=service["description"])
    codes, taken = [], set()
    while len(codes) < size:
        if shape == "dotted":
            code = f"{prefix}.{10000 + len(codes) * 7 + rng.randint(0, 6)}"
        elif shape == "numeric":
            code = str(1000 + len(codes) * 13 + rng.randint(0, 12))
        else:
            code = "".join(w.capitalize() for w in writer.phrase(2, 4).split())
        if code.lower() not in taken:
            taken.add(code.lower())
            codes.append(code)
    errors = []
    for index, code in enumerate(codes):
        count = rng.choice((1, 1, 2, 2, 3, 4))
        messages = []
        for m in range(count):
            message = {"text": writer.message()}
            if count > 1:
                message = {"id": f"{rng.choice(writer.words)}-{m + 1}", **message}
            if rng.random() < 0.15:
                message["note"] = writer.sentence(6, 12)
                _with_chinese(message, note=message["note"])
            messages.append(message)
        entry = {
            "code": code,
            "title": writer.title(),
            "http_status": sorted(rng.sample(HTTP_STATUSES, rng.choice((0, 1, 1, 2)))),
            "messages": messages,
            "meaning": " ".join(writer.sentence() for _ in range(rng.randint(1, 3))),
            "causes": [writer.sentence() for _ in range(rng.randint(1, 4))],
            "fix": [writer.sentence() for _ in range(rng.randint(1, 5))],
            "provenance": {"source": f"{slug}-codes", "section": f"Error codes {index // 50 + 1}"},
            "zh": {"title": "".join(rng.choice(HANZI) for _ in range(rng.randint(6, 14))),
                   "terms": ["".join(rng.choice(HANZI) for _ in range(rng.randint(2, 6)))
                             for _ in range(rng.randint(3, 6))]},
        }
        # About as many printed variants per code as the real catalog has.
        variants = [{"id": f"v{v + 1}", "text": writer.message(), "origin": rng.choice(ORIGINS),
                     "source": f"{slug}-sdk", "path": f"src/errors/{rng.choice(writer.words)}.py"}
                    for v in range(rng.choice((0, 0, 1, 1, 2, 3, 5)))]
        if variants:
            entry["variants"] = variants
        if shape == "numeric":
            entry["group"] = rng.choice(("sdk", "rest"))
        if rng.random() < 0.6:
            entry["aliases"] = [{"name": "".join(w.capitalize() for w in writer.phrase(2, 3).split()) + suffix,
                                 "kind": rng.choice(ALIAS_KINDS), "source": f"{slug}-sdk", "path": "errors.py"}
                                for suffix in ("Error", "Exception", "Code")[: rng.randint(1, 3)]]
        if rng.random() < 0.02:
            entry["retired"] = {"since": "2025-06-30", "reason": writer.sentence(6, 12)}
        errors.append(_with_chinese(entry, meaning=entry["meaning"], causes=entry["causes"], fix=entry["fix"]))
    return {"service": service, "errors": errors}, [f"{slug}/{code}" for code in codes]


def _relations(rng: random.Random, writer: Writer, files: list[dict], refs: list[str]) -> dict:
    """Topics (about one per 20 codes, across services), pairs (about 0.45 per code), standalone for the rest."""
    entries = {f"{f['service']['slug']}/{e['code']}": e for f in files for e in f["errors"]}
    topics, covered = [], set()
    order = refs[:]
    rng.shuffle(order)
    position = 0
    while position < len(order) * 0.9:
        size = rng.randint(5, 35)
        members = order[position:position + size]
        position += size
        if len(members) < 2:
            break
        number = len(topics) + 1
        topic = {"slug": f"synthetic-family-{number}", "title": writer.title()[:80], "summary": writer.sentence(),
                 "explanation": " ".join(writer.sentence() for _ in range(3)),
                 "fix": [writer.sentence() for _ in range(rng.randint(2, 4))], "members": []}
        for ref in members:
            member = {"code": ref}
            ids = [m["id"] for m in entries[ref]["messages"] if "id" in m]
            if ids and rng.random() < 0.3:
                member["message"] = rng.choice(ids)
            member["difference"] = writer.sentence(6, 14)
            topic["members"].append(_with_chinese(member, difference=member["difference"]))
            covered.add(ref)
        topics.append(_with_chinese(topic, title=topic["title"], summary=topic["summary"],
                                    explanation=topic["explanation"], fix=topic["fix"]))
    pairs, seen = [], set()
    for _ in range(int(len(refs) * 0.45)):
        a, b = rng.sample(refs, 2)
        if frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        covered.update((a, b))
        why = writer.phrase(4, 10)
        if rng.random() < 0.1:
            entries[a].setdefault("related", []).append(_with_chinese({"code": b, "why": why}, why=why))
        else:
            pairs.append(_with_chinese({"a": a, "b": b, "why": why}, why=why))
    standalone = [_with_chinese({"code": ref, "why": why}, why=why)
                  for ref, why in ((ref, writer.sentence(6, 12)) for ref in refs if ref not in covered)]
    return {"topics": topics, "relations": pairs, "standalone": standalone}


def _real_relations() -> dict:
    """The real relations file as plain data, read by the generator's own loader (YAML 1.2, like the build)."""
    from errdocs.load import read_yaml

    data, _ = read_yaml(REAL_CATALOG / "relations.yaml", "relations.yaml")
    return json.loads(json.dumps(data))


def _dump(data: dict, path: Path) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper,
                     sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    path.write_text(text, encoding="utf-8")


def real_code_count() -> int:
    return sum(len(re.findall(r"^  - code: ", path.read_text(encoding="utf-8"), re.M))
               for path in REAL_CATALOG.glob("*.yaml") if path.name != "relations.yaml")


def write_catalog(codes: int, out: Path, seed: int = SEED, with_real: bool = True,
                  service_size: tuple[int, int] = SERVICE_SIZE) -> Path:
    """Write a catalog of exactly `codes` codes into the new directory `out`: the real one plus synthetic
    services of `service_size` codes each, or (`with_real=False`, for a quick test) synthetic services alone."""
    real = real_code_count() if with_real else 0
    if codes < real:
        raise ValueError(f"a synthetic catalog has at least the real catalog's {real} codes")
    rng = random.Random(seed)
    writer = Writer(rng)
    out.mkdir(parents=True)
    for path in REAL_CATALOG.glob("*.yaml") if with_real else ():
        if path.name != "relations.yaml":
            shutil.copy(path, out / path.name)
    files, refs, remaining = [], [], codes - real
    while remaining > 0:
        size = min(remaining, rng.randint(*service_size))
        service, service_refs = _service(rng, writer, len(files) + 1, size)
        files.append(service)
        refs += service_refs
        remaining -= size
    relations = _real_relations() if with_real else {}
    if refs:
        extra = _relations(rng, writer, files, refs)
        for key in ("topics", "relations", "standalone"):
            relations[key] = relations.get(key, []) + extra[key]
    for service in files:
        _dump(service, out / f"{service['service']['slug']}.yaml")
    _dump(relations, out / "relations.yaml")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codes", type=int)
    parser.add_argument("out", type=Path, help="a directory that does not exist yet")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    write_catalog(args.codes, args.out, args.seed)
    print(f"wrote a catalog of {args.codes} codes to {args.out}")


if __name__ == "__main__":
    main()

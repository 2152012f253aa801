"""Stage 2: rules that span fields, entries and files, beyond what the schema types can say."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import regex

from .link import slug_collision
from .load import LoadedCatalog, LoadedFile, Positions
from .model import Cited, Entry, Service, code_slug, split_ref
from .problems import CatalogError, Problem

# ODPS-04CCCCX: the document defines the module by the CCCC range and the severity by X.
ODPS_CODE = re.compile(r"^ODPS-04(\d{4})(\d)$")
ODPS_MODULES = (
    (range(1000, 2000), "Web"),
    (range(2000, 3000), "Worker"),
    (range(3000, 4000), "Scheduler"),
    (range(4000, 5000), "Executor"),
    (range(5000, 6000), "Message Service"),
)


PATTERN_LENGTH, PATTERN_SECONDS = 200, 0.2
# The rest of a vendor's page address: path segments, no query, fragment or scheme.
PAGE_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*(?:/[A-Za-z0-9][A-Za-z0-9._~-]*)*")
SLOW_PATTERN = "code_pattern takes more than"  # how a timed-out match starts its message (see CheckedFiles)


def odps_structure(code: str) -> tuple[str | None, int] | None:
    """(module, severity) that an `ODPS-04CCCCX` code encodes, or None for other codes."""
    match = ODPS_CODE.match(code)
    if not match:
        return None
    number, severity = int(match.group(1)), int(match.group(2))
    module = next((name for span, name in ODPS_MODULES if number in span), None)
    return module, severity


def _source_problems(service: Service, positions: Positions) -> list[Problem]:
    """Each source is a document, a repository or the vendor's web pages, exactly one, and is declared once."""
    problems = []
    ids = Counter(source.id for source in service.sources)
    for index, source in enumerate(service.sources):
        loc = ("service", "sources", index)
        if [source.file, source.repository, source.pages].count(None) != 2:
            problems.append(positions.problem(loc, f"source '{source.id}' must have exactly one of 'file', "
                                              "'repository' and 'pages'", "'file' for a document under "
                                              "shared/seeds/, 'repository' (owner/name) for code, 'pages' for "
                                              "the vendor's web pages"))
        elif source.pages is not None and not source.pages.endswith("/"):
            problems.append(positions.problem(loc + ("pages",), f"pages '{source.pages}' must end in '/'",
                                              "the address the pages share; each citation's 'path' goes after it"))
        if ids[source.id] > 1:
            problems.append(positions.problem(loc + ("id",), f"source '{source.id}' is declared twice",
                                              "give each source its own id"))
    return problems


def _citation_problems(cited: Cited, loc: tuple, service: Service, positions: Positions) -> list[Problem]:
    """A citation names a declared source, a section of a document or a file of a repository."""
    source = service.source(cited.source)
    if source is None:
        return [positions.problem(loc + ("source",), f"unknown source '{cited.source}'",
                                  f"use one of: {', '.join(sorted(s.id for s in service.sources))}")]
    problems = []
    if source.is_document:
        if cited.section is None:
            problems.append(positions.problem(loc, f"'{cited.source}' is a document: cite its 'section'",
                                              "name the section or table that holds the fact"))
        if cited.path is not None:
            problems.append(positions.problem(loc + ("path",), f"'{cited.source}' is a document, not a repository",
                                              "use 'section' instead of 'path'"))
    elif source.pages is not None:
        if cited.path is None:
            problems.append(positions.problem(loc, f"'{cited.source}' is the vendor's pages: cite the page as 'path'",
                                              f"the rest of the page's address after {source.pages}"))
        elif not PAGE_PATH.fullmatch(cited.path) or ".." in cited.path.split("/"):
            problems.append(positions.problem(loc + ("path",), f"path '{cited.path}' is not a page under "
                                              f"{source.pages}", "the rest of the page's address, such as "
                                              "'user-guide/0017-00000804'"))
    else:
        if cited.path is None:
            problems.append(positions.problem(loc, f"'{cited.source}' is a repository: cite the file as 'path'",
                                              "the path of the file inside the repository"))
        elif cited.path.startswith("/") or ".." in cited.path.split("/"):
            problems.append(positions.problem(loc + ("path",), f"path '{cited.path}' is not inside the repository",
                                              "write it relative to the repository root"))
    return problems


def _entry_problems(entry: Entry, loc: tuple, service: Service, positions: Positions) -> list[Problem]:
    problems = _citation_problems(entry.provenance, loc + ("provenance",), service, positions)
    for index, alias in enumerate(entry.aliases):
        problems.extend(_citation_problems(alias, loc + ("aliases", index), service, positions))
    documented = {m.text for m in entry.messages}
    variant_ids = Counter(v.id for v in entry.variants)
    variant_texts = Counter(v.text for v in entry.variants)
    for index, variant in enumerate(entry.variants):
        v_loc = loc + ("variants", index)
        problems.extend(_citation_problems(variant, v_loc, service, positions))
        if variant_ids[variant.id] > 1:
            problems.append(positions.problem(v_loc + ("id",), f"variant id '{variant.id}' is used twice in "
                                              f"{entry.code}", "give each variant its own id"))
        if variant.text in documented:
            problems.append(positions.problem(v_loc + ("text",), f"variant of {entry.code} repeats a documented "
                                              "message", "remove the variant: the message is already shown"))
        elif variant_texts[variant.text] > 1:
            problems.append(positions.problem(v_loc + ("text",), f"variant text appears twice in {entry.code}",
                                              "keep one, citing the stronger source"))
    if len(entry.messages) > 1:
        for index, message in enumerate(entry.messages):
            if message.id is None:
                problems.append(positions.problem(
                    loc + ("messages", index), f"message {index + 1} of {entry.code} has no 'id'",
                    "a code with several messages needs an 'id' per message, used as its anchor"))
    ids = Counter(m.id for m in entry.messages if m.id)
    texts = Counter(m.text for m in entry.messages)
    for index, message in enumerate(entry.messages):
        if not message.text.strip():
            problems.append(positions.problem(loc + ("messages", index, "text"), "message text is empty",
                                              "copy the message verbatim from the source document"))
        if message.id and ids[message.id] > 1:
            problems.append(positions.problem(loc + ("messages", index, "id"),
                                              f"message id '{message.id}' is used twice in {entry.code}",
                                              "give each message its own id"))
        if texts[message.text] > 1:
            problems.append(positions.problem(loc + ("messages", index, "text"),
                                              f"message text appears twice in {entry.code}",
                                              "remove the duplicate message"))
    structure = odps_structure(entry.code)
    if structure:
        module, severity = structure
        if entry.severity != severity:
            problems.append(positions.problem(
                loc + ("severity",) if entry.severity is not None else loc,
                f"severity of {entry.code} is {entry.severity}, but the code's last digit encodes {severity}",
                f"set 'severity: {severity}'"))
        if entry.module is None or module is None or not entry.module.startswith(module):
            problems.append(positions.problem(
                loc + ("module",) if entry.module is not None else loc,
                f"module of {entry.code} is {entry.module!r}, but the code's range belongs to {module!r}",
                f"set 'module:' to {module!r} or a sub-module such as '{module}-...'"))
    elif entry.severity is not None or entry.module is not None:
        problems.append(positions.problem(loc, f"{entry.code} has a module or severity its code does not encode",
                                          "keep 'module' and 'severity' for ODPS-04 codes"))
    return problems


def _file_problems(loaded: LoadedFile, taken: str | None) -> list[Problem]:
    """The rules within one file; `taken`: what else uses the service's slug as a URL segment (link.py)."""
    service, positions = loaded.model.service, loaded.positions
    problems = []
    expected_name = f"{service.slug}.yaml"
    if not positions.path.endswith(expected_name):
        problems.append(positions.problem(("service", "slug"), f"service '{service.slug}' is in the wrong file",
                                          f"rename the file to {expected_name}"))
    try:
        # The `regex` module, for its timeout: a pattern that backtracks catastrophically is reported, not run
        # for hours.
        pattern = regex.compile(service.code_pattern) if len(service.code_pattern) <= PATTERN_LENGTH else None
        if pattern is None:
            problems.append(positions.problem(("service", "code_pattern"), f"code_pattern is longer than "
                                              f"{PATTERN_LENGTH} characters", "describe the shape of the codes more simply"))
    except regex.error as error:
        problems.append(positions.problem(("service", "code_pattern"), f"code_pattern is not a regular expression: {error}",
                                          "fix the pattern"))
        pattern = None
    problems.extend(_source_problems(service, positions))
    for index, operations in enumerate(service.operations):
        problems.extend(_citation_problems(operations, ("service", "operations", index), service, positions))
    groups = {group.id for group in service.groups}
    codes = Counter(entry.code for entry in loaded.model.errors)
    slugs = Counter(code_slug(entry.code) for entry in loaded.model.errors)
    if taken:
        problems.append(positions.problem(("service", "slug"), f"service slug '{service.slug}' is taken by {taken}",
                                          "choose another slug: its pages would hide that URL"))
    for index, entry in enumerate(loaded.model.errors):
        loc = ("errors", index)
        try:
            fits = pattern is None or pattern.fullmatch(entry.code, timeout=PATTERN_SECONDS)
        except TimeoutError:
            problems.append(positions.problem(("service", "code_pattern"), f"{SLOW_PATTERN} "
                                              f"{PATTERN_SECONDS} s to match '{entry.code}'",
                                              "avoid nested repetition such as (a+)+"))
            pattern = None
            fits = True
        if not fits:
            problems.append(positions.problem(loc + ("code",), f"code '{entry.code}' does not match the shape of "
                                              f"{service.slug} codes", f"codes here match {service.code_pattern}"))
        if codes[entry.code] > 1:
            problems.append(positions.problem(loc + ("code",), f"code '{entry.code}' appears more than once",
                                              "merge the entries: several messages go under one code"))
        elif slugs[code_slug(entry.code)] > 1:
            problems.append(positions.problem(loc + ("code",), f"code '{entry.code}' has the same URL as another code",
                                              "codes may not differ only by letter case or spacing"))
        if groups and entry.group is None:
            problems.append(positions.problem(loc, f"{entry.code} has no 'group'",
                                              f"use one of: {', '.join(sorted(groups))}"))
        elif entry.group is not None and entry.group not in groups:
            hint = f"use one of: {', '.join(sorted(groups))}" if groups else "this service declares no groups; remove it"
            problems.append(positions.problem(loc + ("group",), f"unknown group '{entry.group}'", hint))
        problems.extend(_entry_problems(entry, loc, service, positions))
    problems.extend(_former_code_problems(loaded, slugs))
    return problems


def _former_code_problems(loaded: LoadedFile, live_slugs: Counter) -> list[Problem]:
    """A former code keeps its URL as a redirect, so it must not collide with a live code or another former one."""
    problems, claimed = [], {}
    for index, entry in enumerate(loaded.model.errors):
        for f_index, former in enumerate(entry.former_codes):
            loc = ("errors", index, "former_codes", f_index)
            slug = code_slug(former)
            if slug in live_slugs:
                problems.append(loaded.positions.problem(
                    loc, f"former code '{former}' of {entry.code} has the URL of a live code",
                    "a URL serves one page: keep the live code's page, or retire it instead of renaming"))
            elif slug in claimed:
                problems.append(loaded.positions.problem(
                    loc, f"former code '{former}' of {entry.code} already redirects to {claimed[slug]}",
                    "an old URL redirects to one page: keep it on one entry"))
            else:
                claimed[slug] = entry.code
    return problems


def _owners(catalog: LoadedCatalog) -> dict[str, set[str]]:
    """Every code, former code and alias of the catalog (case aside) -> the entries that have it."""
    owners: dict[str, set[str]] = {}
    for loaded in catalog.services:
        for entry in loaded.model.errors:
            for name in (entry.code, *entry.former_codes, *(a.name for a in entry.aliases)):
                owners.setdefault(name.casefold(), set()).add(f"{loaded.model.service.slug}/{entry.code}")
    return owners


def _term_keys(loaded: LoadedFile) -> frozenset[str]:
    """The search terms of a file as `_search_term_problems` looks them up among the catalog's names."""
    return frozenset(term.strip().casefold() for entry in loaded.model.errors
                     for term in (*entry.terms, *(entry.zh.terms if entry.zh else ())))


def _search_term_problems(loaded: LoadedFile, owners: dict[str, set[str]]) -> list[Problem]:
    """A search term that is a code, an alias or a piece of the entry's own message adds nothing the matcher does
    not see already. The entry's own name or message counts a second time as prose, so a code two services share
    leans to the one that repeats it; another entry's name draws that code's pastes to the wrong page."""
    problems = []
    for index, entry in enumerate(loaded.model.errors):
        own = {name.casefold(): what for what, name in [*(("an alias", a.name) for a in entry.aliases),
                                                         *(("a former code", c) for c in entry.former_codes),
                                                         ("the code", entry.code)]}
        printed = [" ".join(text.casefold().split()) for text in (*(m.text for m in entry.messages),
                                                                   *(v.text for v in entry.variants))]
        for field, terms in ((("terms",), entry.terms), (("zh", "terms"), entry.zh.terms if entry.zh else ())):
            for t_index, term in enumerate(terms):
                key = term.strip().casefold()
                spaced = " ".join(key.split())
                what = (f"is {own[key]}" if key in own else
                        f"names {', '.join(sorted(owners[key]))}" if key in owners else
                        "is part of its message" if any(spaced in text for text in printed) else "")
                if what:
                    problems.append(loaded.positions.problem(
                        ("errors", index, *field, t_index), f"search term '{term}' of {entry.code} {what}",
                        "remove it: codes, aliases and messages are matched as they are; terms are the words "
                        "people use for the symptom"))
    return problems


def _cross_file_problems(catalog: LoadedCatalog) -> list[Problem]:
    """Services declared once; every relation and topic member names a real code; no pair written twice."""
    problems = []
    known = {(f.model.service.slug, entry.code) for f in catalog.services for entry in f.model.errors}
    hint = "write it as <service-slug>/<code>, exactly as catalogued"

    def exists(ref: str) -> bool:
        """A reference into a file that could not be read is not reported: that file's problem is."""
        return split_ref(ref) in known or split_ref(ref)[0] in catalog.broken
    seen_services: dict[str, str] = {}
    pairs: dict[frozenset, str] = {}

    def check_pair(positions: Positions, loc: tuple, one: str, other: str) -> None:
        for ref, ref_loc in ((one, loc[:-1] + ("a",)), (other, loc)):
            if not exists(ref):
                problems.append(positions.problem(ref_loc, f"related code '{ref}' does not exist", hint))
        if one == other:
            problems.append(positions.problem(loc, f"{one} is related to itself", "remove this relation"))
            return
        key = frozenset((one, other))
        line, _ = positions.of_value(loc)
        where = f"{positions.path}:{line}"
        if key in pairs:
            problems.append(positions.problem(loc, f"relation {one} <-> {other} is written twice "
                                              f"(first at {pairs[key]})", "keep one: relations show on both pages"))
        else:
            pairs[key] = where

    for loaded in catalog.services:
        slug = loaded.model.service.slug
        if slug in seen_services:
            problems.append(loaded.positions.problem(("service", "slug"), f"service '{slug}' is declared twice",
                                                     f"it is already declared in {seen_services[slug]}"))
        seen_services.setdefault(slug, loaded.positions.path)
        for index, entry in enumerate(loaded.model.errors):
            for r_index, relation in enumerate(entry.related):
                loc = ("errors", index, "related", r_index, "code")
                check_pair(loaded.positions, loc, f"{slug}/{entry.code}", relation.code)

    shared = catalog.relations
    for index, pair in enumerate(shared.model.relations):
        check_pair(shared.positions, ("relations", index, "b"), pair.a, pair.b)
    slugs = Counter(topic.slug for topic in shared.model.topics)
    for t_index, topic in enumerate(shared.model.topics):
        if slugs[topic.slug] > 1:
            problems.append(shared.positions.problem(("topics", t_index, "slug"),
                                                     f"topic '{topic.slug}' is declared twice", "merge the topics"))
        members = Counter(member.code for member in topic.members)
        for m_index, member in enumerate(topic.members):
            loc = ("topics", t_index, "members", m_index, "code")
            if not exists(member.code):
                problems.append(shared.positions.problem(loc, f"topic member '{member.code}' does not exist", hint))
            if members[member.code] > 1:
                problems.append(shared.positions.problem(loc, f"'{member.code}' is listed twice in topic "
                                                         f"'{topic.slug}'", "keep one"))
    if not catalog.relations_broken:
        problems.extend(_coverage_problems(catalog))
    return problems


def _coverage_problems(catalog: LoadedCatalog) -> list[Problem]:
    """Topic members' message ids exist, and every code is related somewhere or standalone on purpose."""
    shared, problems = catalog.relations, []
    entries = {f"{f.model.service.slug}/{e.code}": e for f in catalog.services for e in f.model.errors}
    covered = {f"{f.model.service.slug}/{e.code}" for f in catalog.services for e in f.model.errors if e.related}
    covered |= {r.code for f in catalog.services for e in f.model.errors for r in e.related}
    covered |= {ref for pair in shared.model.relations for ref in (pair.a, pair.b)}
    for t_index, topic in enumerate(shared.model.topics):
        for m_index, member in enumerate(topic.members):
            covered.add(member.code)
            entry = entries.get(member.code)
            if entry and member.message and member.message not in {m.id for m in entry.messages}:
                ids = ", ".join(m.id for m in entry.messages if m.id) or "none: it has one message"
                problems.append(shared.positions.problem(
                    ("topics", t_index, "members", m_index, "message"),
                    f"{member.code} has no message '{member.message}'", f"message ids: {ids}"))
    for index, item in enumerate(shared.model.standalone):
        loc = ("standalone", index, "code")
        if item.code not in entries and split_ref(item.code)[0] not in catalog.broken:
            problems.append(shared.positions.problem(loc, f"standalone code '{item.code}' does not exist",
                                                     "write it as <service-slug>/<code>, exactly as catalogued"))
        elif item.code in covered:
            problems.append(shared.positions.problem(loc, f"{item.code} is listed as standalone but is related",
                                                     "remove it from 'standalone'"))
    standalone = {item.code for item in shared.model.standalone}
    if shared.model.topics or shared.model.relations:
        for loaded in catalog.services:
            for index, entry in enumerate(loaded.model.errors):
                ref = f"{loaded.model.service.slug}/{entry.code}"
                if ref not in covered and ref not in standalone:
                    problems.append(loaded.positions.problem(
                        ("errors", index, "code"), f"{ref} has no topic, relation or standalone reason",
                        f"add it to a topic or a relation in {shared.positions.path}, or to 'standalone' with a reason"))
    return problems


def _carries_chinese(catalog: LoadedCatalog) -> bool:
    """Whether anything in the catalog has Chinese words (`zh`): then the Chinese site needs them everywhere."""
    files, shared = [loaded.model for loaded in catalog.services], catalog.relations.model
    items = [*(f.service for f in files), *(g for f in files for g in f.service.groups),
             *(e for f in files for e in f.errors), *(m for f in files for e in f.errors for m in e.messages),
             *(v for f in files for e in f.errors for v in e.variants),
             *(e.provenance for f in files for e in f.errors),
             *(r for f in files for e in f.errors for r in e.related), *shared.topics,
             *(m for t in shared.topics for m in t.members), *shared.relations, *shared.standalone]
    return any(item.zh is not None for item in items)


STEP_NOUNS = {"causes": "cause", "fix": "fix step"}


def _chinese_problems(item, what: str, loc: tuple, key: str, positions: Positions, fields: tuple[str, ...],
                      steps: tuple[str, ...] = ()) -> list[Problem]:
    """One item's Chinese words: present, each of `fields` written (not blank), and each of `steps` as long as
    its English counterpart on the item. A missing `zh` is reported at the item's `key`."""
    zh = item.zh
    if zh is None:
        names = [f"'{name}'" for name in fields]
        listing = f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]
        return [positions.problem(loc + (key,), f"{what} has no 'zh'", f"add 'zh:' with {listing} in Chinese: the "
                                  "catalog has Chinese, so the Chinese site needs them everywhere")]
    problems = []
    for name in fields:
        value, field_loc = getattr(zh, name), loc + ("zh", name)
        if not value:
            problems.append(positions.problem(loc + ("zh",), f"{what} has no 'zh.{name}'",
                                              "write it in Chinese: the catalog has Chinese, so every field is needed"))
        elif isinstance(value, str):
            if not value.strip():
                problems.append(positions.problem(field_loc, f"'zh.{name}' of {what} is empty", "write it in Chinese"))
        else:
            problems += [positions.problem(field_loc + (index,), f"item {index + 1} of 'zh.{name}' of {what} is "
                                           "empty", "write it in Chinese")
                         for index, text in enumerate(value) if not text.strip()]
    for name in steps:
        chinese, english = getattr(zh, name), getattr(item, name)
        if chinese and len(chinese) != len(english):
            noun = STEP_NOUNS[name] + ("s" if len(chinese) != 1 else "")
            problems.append(positions.problem(loc + ("zh", name), f"{what} has {len(chinese)} {noun} in Chinese "
                                              f"and {len(english)} in English",
                                              "write one Chinese item for each English one, in the same order"))
    return problems


def _file_translation_problems(loaded: LoadedFile) -> list[Problem]:
    """The Chinese counterparts one service file needs once the catalog has Chinese: every text the Chinese site
    shows has one."""
    problems = []
    service, positions = loaded.model.service, loaded.positions
    problems += _chinese_problems(service, f"service '{service.slug}'", ("service",), "slug",
                                  positions, ("description",))
    for g_index, group in enumerate(service.groups):
        problems += _chinese_problems(group, f"group '{group.id}' of service '{service.slug}'",
                                      ("service", "groups", g_index), "id", positions, ("title",))
    for index, entry in enumerate(loaded.model.errors):
        loc = ("errors", index)
        fields = ("title", "terms", *(("first_try",) if entry.first_try else ()), "meaning", "causes", "fix")
        problems += _chinese_problems(entry, f"code {entry.code}", loc, "code", positions, fields,
                                      ("causes", "fix"))
        noted = [(f"the note on message {message.id or m_index + 1} of code {entry.code}", message,
                  loc + ("messages", m_index)) for m_index, message in enumerate(entry.messages)]
        noted += [(f"the note on variant {variant.id} of code {entry.code}", variant,
                   loc + ("variants", v_index)) for v_index, variant in enumerate(entry.variants)]
        for what, item, item_loc in [*noted, (f"the provenance note of code {entry.code}", entry.provenance,
                                               loc + ("provenance",))]:
            if item.note:
                problems += _chinese_problems(item, what, item_loc, "note", positions, ("note",))
            elif item.zh:
                problems.append(positions.problem(item_loc + ("zh",), f"{what} is in Chinese only",
                                                  "write its English 'note' too, or remove 'zh'"))
        for r_index, relation in enumerate(entry.related):
            problems += _chinese_problems(relation, f"relation {service.slug}/{entry.code} <-> "
                                          f"{relation.code}", loc + ("related", r_index), "code", positions,
                                          ("why",))
    return problems


def _shared_translation_problems(catalog: LoadedCatalog) -> list[Problem]:
    """The Chinese counterparts the relations file needs, once the catalog has Chinese."""
    problems = []
    shared, positions = catalog.relations.model, catalog.relations.positions
    for t_index, topic in enumerate(shared.topics):
        loc = ("topics", t_index)
        problems += _chinese_problems(topic, f"topic '{topic.slug}'", loc, "slug", positions,
                                      ("title", "summary", "explanation", "fix"), ("fix",))
        for m_index, member in enumerate(topic.members):
            problems += _chinese_problems(member, f"member {member.code} of topic '{topic.slug}'",
                                          loc + ("members", m_index), "code", positions, ("difference",))
    for index, pair in enumerate(shared.relations):
        problems += _chinese_problems(pair, f"relation {pair.a} <-> {pair.b}", ("relations", index), "a",
                                      positions, ("why",))
    for index, item in enumerate(shared.standalone):
        problems += _chinese_problems(item, f"standalone code {item.code}", ("standalone", index), "code",
                                      positions, ("why",))
    return problems


@dataclass(frozen=True)
class FileVerdict:
    """What the rules within one file found: `problems`, and `translation`, the Chinese it lacks (which counts
    only when the catalog has Chinese)."""

    loaded: LoadedFile
    taken: str | None
    problems: tuple[Problem, ...]
    translation: tuple[Problem, ...]


class CheckedFiles:
    """The verdicts on the files a `mkdocs serve` session validated last, for the next build to reuse.

    The rules within a file read that file and what else uses its service's slug as a URL segment (the docs
    folder's pages, link.slug_collision), nothing else; load.LoadedFiles gives the very same loaded file while
    its bytes are unchanged (frozen models, never changed), so a verdict is reused while both are the same. One
    in which a code took too long to match the service's pattern is not kept: that depends on the machine's load."""

    def __init__(self) -> None:
        self._kept: dict[str, FileVerdict] = {}
        self._terms: dict[str, tuple[LoadedFile, frozenset[str], dict[str, set[str] | None], tuple[Problem, ...]]] = {}

    def verdict(self, loaded: LoadedFile) -> FileVerdict:
        taken = slug_collision(loaded.model.service.slug)  # the URL namespace is declared once, in link.py
        kept = self._kept.get(loaded.positions.path)
        if kept is not None and kept.loaded is loaded and kept.taken == taken:
            return kept
        problems = tuple(_file_problems(loaded, taken))
        found = FileVerdict(loaded, taken, problems, tuple(_file_translation_problems(loaded)))
        if not any(problem.message.startswith(SLOW_PATTERN) for problem in problems):
            self._kept[loaded.positions.path] = found
        return found

    def search_term_problems(self, loaded: LoadedFile, owners: dict[str, set[str]]) -> tuple[Problem, ...]:
        """The file's search terms checked against the catalog's names (`owners`, see _owners): reused while the
        file is the very same and each of its terms names the same entries as before, all the rule reads."""
        kept = self._terms.get(loaded.positions.path)
        keys = kept[1] if kept is not None and kept[0] is loaded else _term_keys(loaded)
        named = {key: owners.get(key) for key in keys}
        if kept is not None and kept[0] is loaded and kept[2] == named:
            return kept[3]
        problems = tuple(_search_term_problems(loaded, owners))
        self._terms[loaded.positions.path] = (loaded, keys, named, problems)
        return problems


def validate(catalog: LoadedCatalog, checked: CheckedFiles | None = None) -> None:
    """Raise one CatalogError listing every problem: those found while reading, and every rule broken in the
    files that could be read (a file that could not be read is left out of the checks across files).
    `checked`: the verdicts of a serve session's previous build, reused for the files it did not change."""
    checked = checked or CheckedFiles()
    verdicts = [checked.verdict(loaded) for loaded in catalog.services]
    problems = list(catalog.problems)
    problems.extend(p for verdict in verdicts for p in verdict.problems)
    problems.extend(_cross_file_problems(catalog))
    owners = _owners(catalog)
    problems.extend(p for loaded in catalog.services for p in checked.search_term_problems(loaded, owners))
    if _carries_chinese(catalog):
        problems.extend(p for verdict in verdicts for p in verdict.translation)
        problems.extend(_shared_translation_problems(catalog))
    if problems:
        raise CatalogError(problems)

"""Stage 2: rules that span fields, entries and files, beyond what the schema types can say."""

from __future__ import annotations

import re
from collections import Counter

from .load import LoadedFile, Positions
from .model import Entry, code_slug
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


def odps_structure(code: str) -> tuple[str | None, int] | None:
    """(module, severity) that an `ODPS-04CCCCX` code encodes, or None for other codes."""
    match = ODPS_CODE.match(code)
    if not match:
        return None
    number, severity = int(match.group(1)), int(match.group(2))
    module = next((name for span, name in ODPS_MODULES if number in span), None)
    return module, severity


def _entry_problems(entry: Entry, loc: tuple, positions: Positions) -> list[Problem]:
    problems = []
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


def _file_problems(loaded: LoadedFile) -> list[Problem]:
    service, positions = loaded.model.service, loaded.positions
    problems = []
    expected_name = f"{service.slug}.yaml"
    if not positions.path.endswith(expected_name):
        problems.append(positions.problem(("service", "slug"), f"service '{service.slug}' is in the wrong file",
                                          f"rename the file to {expected_name}"))
    try:
        pattern = re.compile(service.code_pattern)
    except re.error as error:
        problems.append(positions.problem(("service", "code_pattern"), f"code_pattern is not a regular expression: {error}",
                                          "fix the pattern"))
        pattern = None
    sources = {source.id for source in service.sources}
    groups = {group.id for group in service.groups}
    codes = Counter(entry.code for entry in loaded.model.errors)
    slugs = Counter(code_slug(entry.code) for entry in loaded.model.errors)
    for index, entry in enumerate(loaded.model.errors):
        loc = ("errors", index)
        if pattern and not pattern.fullmatch(entry.code):
            problems.append(positions.problem(loc + ("code",), f"code '{entry.code}' does not match the shape of "
                                              f"{service.slug} codes", f"codes here match {service.code_pattern}"))
        if codes[entry.code] > 1:
            problems.append(positions.problem(loc + ("code",), f"code '{entry.code}' appears more than once",
                                              "merge the entries: several messages go under one code"))
        elif slugs[code_slug(entry.code)] > 1:
            problems.append(positions.problem(loc + ("code",), f"code '{entry.code}' has the same URL as another code",
                                              "codes may not differ only by letter case or spacing"))
        if entry.provenance.source not in sources:
            problems.append(positions.problem(loc + ("provenance", "source"),
                                              f"unknown source '{entry.provenance.source}'",
                                              f"use one of: {', '.join(sorted(sources))}"))
        if groups and entry.group is None:
            problems.append(positions.problem(loc, f"{entry.code} has no 'group'",
                                              f"use one of: {', '.join(sorted(groups))}"))
        elif entry.group is not None and entry.group not in groups:
            hint = f"use one of: {', '.join(sorted(groups))}" if groups else "this service declares no groups; remove it"
            problems.append(positions.problem(loc + ("group",), f"unknown group '{entry.group}'", hint))
        problems.extend(_entry_problems(entry, loc, positions))
    return problems


def _cross_file_problems(files: list[LoadedFile]) -> list[Problem]:
    problems = []
    known = {(f.model.service.slug, entry.code) for f in files for entry in f.model.errors}
    seen_services: dict[str, str] = {}
    for loaded in files:
        slug = loaded.model.service.slug
        if slug in seen_services:
            problems.append(loaded.positions.problem(("service", "slug"), f"service '{slug}' is declared twice",
                                                     f"it is already declared in {seen_services[slug]}"))
        seen_services.setdefault(slug, loaded.positions.path)
        for index, entry in enumerate(loaded.model.errors):
            targets = Counter(relation.code for relation in entry.related)
            for r_index, relation in enumerate(entry.related):
                loc = ("errors", index, "related", r_index, "code")
                service, _, code = relation.code.partition("/")
                if (service, code) not in known:
                    problems.append(loaded.positions.problem(loc, f"related code '{relation.code}' does not exist",
                                                             "write it as <service-slug>/<code>, exactly as catalogued"))
                elif (service, code) == (slug, entry.code):
                    problems.append(loaded.positions.problem(loc, f"{entry.code} is related to itself",
                                                             "remove this relation"))
                if targets[relation.code] > 1:
                    problems.append(loaded.positions.problem(loc, f"relation to '{relation.code}' is written twice",
                                                             "keep one"))
    return problems


def validate(files: list[LoadedFile]) -> None:
    """Raise one CatalogError listing every rule broken anywhere in the catalog."""
    problems = [p for loaded in files for p in _file_problems(loaded)]
    problems.extend(_cross_file_problems(files))
    if problems:
        raise CatalogError(problems)

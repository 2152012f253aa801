"""A code page as plain data for `explain`: made from the linked catalog (when a wheel is built, or from a
checkout's catalog), read by `terminal.py` without the catalog toolchain.

The record holds what the terminal shows, already worded (labels, statuses), and the names `explain`
accepts: the code, its former codes and its aliases."""

from __future__ import annotations

from .link import CodePage
from .pages import ORIGIN_LABELS, status_text


def explain_record(page: CodePage) -> dict:
    """The JSON-ready record of one code page; URLs relative to the site root."""
    entry, service = page.entry, page.service
    facts = [["HTTP status", status_text(entry.http_status)]]
    if entry.module:
        facts.append(["Module", entry.module])
    if entry.severity:
        facts.append(["Severity", f"{entry.severity} of 5"])
    if entry.aliases:
        facts.append(["Also seen as", ", ".join(alias.name for alias in entry.aliases)])
    return {
        "service": service.slug, "service_name": service.name, "code": entry.code, "title": entry.title,
        "url": page.url, "former_codes": list(entry.former_codes),
        "aliases": [alias.name for alias in entry.aliases],
        "facts": facts,
        "retired": f"{entry.retired.since}: {entry.retired.reason}" if entry.retired else "",
        "first_try": entry.first_try or "",
        "messages": [[message.text, message.note or ""] for message in entry.messages],
        "variants": [[variant.text, ORIGIN_LABELS[variant.origin]] for variant in entry.variants],
        "meaning": entry.meaning.strip(), "causes": list(entry.causes), "fix": list(entry.fix),
        "related": [[f"{link.service}/{link.code}", link.why] for link in page.related],
        "topics": [[topic.topic.title, topic.url,
                    [[f"{link.service}/{link.code}", link.why] for link in page.siblings(topic)]]
                   for topic in page.topics],
    }

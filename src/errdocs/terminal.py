"""A code's page as plain text for the terminal (`python -m errdocs explain`)."""

from __future__ import annotations

from .link import CodePage
from .pages import ORIGIN_LABELS, status_text


def terminal_page(page: CodePage) -> str:
    """A code's page as plain text for the terminal, like `rustc --explain`."""
    entry, service = page.entry, page.service
    lines = [f"{entry.code} ({service.name})", entry.title, ""]
    facts = [f"HTTP status: {status_text(entry.http_status)}"]
    if entry.module:
        facts.append(f"Module: {entry.module}")
    if entry.severity:
        facts.append(f"Severity: {entry.severity} of 5")
    if entry.aliases:
        facts.append("Also seen as: " + ", ".join(a.name for a in entry.aliases))
    if entry.retired:
        facts.append(f"RETIRED {entry.retired.since}: {entry.retired.reason}")
    lines += facts + ["", "Message:" if len(entry.messages) == 1 else "Messages:"]
    for message in entry.messages:
        lines.append("    " + message.text.replace("\n", "\n    "))
        if message.note:
            lines.append(f"  ({message.note})")
    if entry.variants:
        lines += ["", "Also printed as:"]
        for variant in entry.variants:
            lines.append("    " + variant.text.replace("\n", "\n    "))
            lines.append(f"  ({ORIGIN_LABELS[variant.origin]})")
    lines += ["", "What it means:", entry.meaning.strip(), "", "Likely causes:"]
    lines += [f"  - {cause}" for cause in entry.causes]
    lines += ["", "How to fix it:"]
    lines += [f"  {n}. {step}" for n, step in enumerate(entry.fix, 1)]
    if page.related:
        lines += ["", "Related errors:"]
        lines += [f"  - {link.service}/{link.code}: {link.why}" for link in page.related]
    for topic in page.topics:
        lines += ["", f"Topic: {topic.topic.title} ({topic.url})"]
        lines += [f"  - {link.service}/{link.code}: {link.why}" for link in page.siblings(topic)]
    lines += ["", f"Page: {page.url}"]
    return "\n".join(lines) + "\n"

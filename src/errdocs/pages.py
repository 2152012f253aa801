"""The Markdown of the generated pages: code pages, topic pages, and the lists of services and topics.

Catalog text goes through `escaping`, so it reaches the page as text, never as markup.
"""

from __future__ import annotations

import html
import json
import urllib.parse

from .escaping import code_block, escape_plain, html_code, inline_code, prose
from .link import (SERVICES_INDEX, TOPIC_MEMBERS_ANCHOR, TOPICS_INDEX, Catalog, CodePage, Link, ServiceSection,
                   TopicPage, message_anchor, relative, variant_anchor)
from .model import Cited, Service, Source, Variant

# Material's search leaves out a heading with this attribute, and its section.
SEARCH_EXCLUDE = "data-search-exclude"


def front_matter(title: str, description: str) -> str:
    """Page metadata. The theme prints both fields unescaped (`description` into an attribute), so both are
    escaped here; titles are built from codes, service names and topic titles, which the schema already keeps
    free of markup characters, so escaping them changes nothing for a valid catalog."""
    fields = {"title": html.escape(title, quote=True), "description": html.escape(description, quote=True)}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def status_text(statuses: tuple[int, ...]) -> str:
    return " or ".join(str(s) for s in statuses) if statuses else "not documented"


def _facts(page: CodePage, service_index_path: str) -> str:
    entry = page.entry
    rows = [
        ("Service", f"[{escape_plain(page.service.name)}]({relative(page.path, service_index_path)})"),
        ("HTTP status", escape_plain(status_text(entry.http_status))),
    ]
    if entry.module:
        rows.append(("Module", escape_plain(entry.module)))
    if entry.severity:
        rows.append(("Severity", f"{entry.severity} of 5"))
    if entry.group:
        group = next(g.title for g in page.service.groups if g.id == entry.group)
        rows.append(("Kind", escape_plain(group)))
    if entry.aliases:
        rows.append(("Also seen as", ", ".join(inline_code(a.name) for a in entry.aliases)))
    if page.changed:
        day = page.changed.isoformat()
        rows.append(("Last changed", f'<time datetime="{day}" title="When this entry last changed in the '
                                     f'catalog">{day}</time>'))
    items = "\n".join(f"- **{name}:** {value}" for name, value in rows)
    return f'<div class="errdocs-facts" markdown>\n\n{items}\n\n</div>'


def copy_link_button(url: str, what: str) -> str:
    """A button that copies the published URL of this page or one of its anchors (docs/assets/errdocs.js)."""
    return (f'<button type="button" class="errdocs-copy-link" data-url="{html.escape(url)}" '
            f'title="Copy a link to {what}" {SEARCH_EXCLUDE}>Copy link</button>')


def _first_screen(page: CodePage, service_index_path: str) -> str:
    """What a reader needs before scrolling: the first thing to try beside the facts (stacked on a phone)."""
    first = ""
    if page.entry.first_try:
        first = (f'<div class="errdocs-first-try" markdown>\n\n**First thing to try:** {prose(page.entry.first_try)} '
                 '[All steps](#how-to-fix-it)\n\n</div>\n')
    return f'<div class="errdocs-top" markdown>\n{first}{_facts(page, service_index_path)}\n</div>\n'


def code_page(page: CodePage, site_url: str = "", repo_url: str = "") -> str:
    """The Markdown of one code's page, in the order a reader at 3 a.m. needs it: the message (how they
    recognise their error), the first thing to try beside the facts, the steps to fix it, and only then
    what it means, why it happens and what else prints it; so the first action shows without scrolling on
    a laptop and on a phone.

    `site_url` is where the site is published: "copy link" copies that address, whichever copy of the
    site (hosted, local, offline) the reader has open. Without it, the page's own address is copied.
    `repo_url` is the project's repository, where "report a problem" opens a prefilled issue (none without it)."""
    entry, service = page.entry, page.service
    published = f"{site_url.rstrip('/')}/{page.url}" if site_url else ""
    parts = [front_matter(title=f"{entry.code} · {service.name}", description=entry.title)]
    parts.append(f"# {escape_plain(entry.code)}\n")
    parts.append(f'<div class="errdocs-page-link">{copy_link_button(published, "this page")}</div>\n')
    if entry.retired:
        parts.append(f'!!! warning "Retired on {html.escape(entry.retired.since)}"\n'
                     f"    {prose(entry.retired.reason)}\n")
    parts.append(f"**{prose(entry.title)}**\n")
    # Several messages (each with its own note) would push the first step below the first screen: then the
    # first thing to try comes before them, and the reader scrolls to find their message.
    several = len(entry.messages) > 1
    if several:
        parts.append(_first_screen(page, f"{service.slug}/index.md"))
    # One id for the section on every page; `#message` is the single message itself.
    parts.append("## Message {#messages}\n" if len(entry.messages) == 1 else "## Messages {#messages}\n")
    for number, message in enumerate(entry.messages, 1):
        anchor = message_anchor(entry, message)
        parts.append(f'<div class="errdocs-message" id="{anchor}" markdown>\n')
        label = (f'<a class="errdocs-message-link" href="#{anchor}" title="Link to this message">'
                 f"Message {number} of {len(entry.messages)}</a> " if len(entry.messages) > 1 else "")
        parts.append(f'<div class="errdocs-message-head">{label}'
                     f'{copy_link_button(published and f"{published}#{anchor}", "this message")}</div>\n')
        parts.append(code_block(message.text) + "\n")
        if message.note:
            parts.append(prose(message.note) + "\n")
        parts.append("</div>\n")
    if not several:
        parts.append(_first_screen(page, f"{service.slug}/index.md"))
    parts.append("## How to fix it\n")
    parts.append("\n".join(f"{n}. {prose(step)}" for n, step in enumerate(entry.fix, 1)) + "\n")
    parts.append("## What it means\n")
    parts.append(prose(entry.meaning) + "\n")
    parts.append("## Likely causes\n")
    parts.append("\n".join(f"- {prose(cause)}" for cause in entry.causes) + "\n")
    if entry.variants:
        parts.append(_variants(page, published))
    # Related errors and Source stay out of Material's prose index (`data-search-exclude`): they repeat other
    # pages' titles, so a search for "clock skew" would list every page that links to a clock-skew error,
    # and at 10,000 codes they made up half of an index every visitor downloads.
    parts.append(f"## Related errors {{ {SEARCH_EXCLUDE} }}\n")
    parts.append(_related(page))
    parts.append(f"## Source {{ {SEARCH_EXCLUDE} }}\n")
    parts.append(_sources(page))
    if repo_url:
        parts.append(_report_link(page, repo_url, published))
    return "\n".join(parts)


def _report_link(page: CodePage, repo_url: str, published: str) -> str:
    """A link that opens a new issue in the project's repository, its title and body filled in for this page."""
    entry = page.entry
    where = published or page.url
    title = f"{page.service.slug}/{entry.code}: "
    body = (f"Page: {where}\n\nWhat is wrong, or what your SDK, server or tool prints instead "
            "(paste it as printed, and say which program and version):\n\n")
    query = urllib.parse.urlencode({"title": title, "body": body}, quote_via=urllib.parse.quote)
    href = html.escape(f"{repo_url.rstrip('/')}/issues/new?{query}")
    return (f'<p class="errdocs-report" {SEARCH_EXCLUDE}>Is something on this page wrong, or does your SDK print '
            f'another message? <a href="{href}">Report a problem with this page</a>.</p>\n')


ORIGIN_LABELS = {
    "server": "Printed by the service",
    "sdk": "Printed by the SDK",
    "tool": "Printed by a tool",
    "test": "Seen only in a test that fakes a response (weaker evidence)",
    "doc": "From another official document",
}


def source_title(source: Source) -> str:
    """A source's title in italics, linked to the vendor's official page of a document (when the catalog
    gives it) or to the repository."""
    title = f"*{prose(source.title)}*"
    home = f"https://github.com/{source.repository}" if source.repository else source.url
    return f"[{title}]({home})" if home else title


def citation(service: Service, cited: Cited) -> str:
    """Markdown naming where a fact comes from, linked to the repository file when it is one."""
    source = service.source(cited.source)
    if source.is_document:
        return f"{source_title(source)}, section *{prose(cited.section or '')}*"
    where = f"{source.repository}: {cited.path}"
    return f"[{escape_plain(where)}]({source.link(cited.path)})"


# Past this many, the rest of a code's printed texts are folded away (openYuanrong's generic codes have hundreds).
VARIANTS_SHOWN = 8
ORIGIN_ORDER = ("server", "sdk", "tool", "doc", "test")


def _variant_item(page: CodePage, variant: Variant, published: str) -> str:
    anchor = variant_anchor(variant.id)
    lang = ' lang="zh"' if variant.lang == "zh" else ""
    text = f'<span class="errdocs-variant-text"{lang}>{html_code(variant.text)}</span>'
    where = f"{ORIGIN_LABELS[variant.origin]}, {citation(page.service, variant)}"
    note = f" {prose(variant.note)}" if variant.note else ""
    link = copy_link_button(published and f"{published}#{anchor}", "this text")
    return f'- <a class="errdocs-anchor" id="{anchor}"></a>{text} {link}<br>\n  <small>{where}.{note}</small>'


def _variants(page: CodePage, published: str) -> str:
    """What programs print beyond the documented messages: who prints each text and the file it is in,
    the strongest evidence first; a long list is folded after the first few."""
    entry = page.entry
    ordered = sorted(entry.variants, key=lambda v: ORIGIN_ORDER.index(v.origin))
    parts = ["## Also printed as {#also-printed-as}\n",
             f"{len(ordered)} text{'s' if len(ordered) > 1 else ''} that SDKs, servers and tools print for this "
             "code besides the documented message, each copied from the source named under it. Parts in "
             "`{braces}` are filled in when the text is printed.\n"]
    shown, folded = ordered[:VARIANTS_SHOWN], ordered[VARIANTS_SHOWN:]
    parts.append('<div class="errdocs-variants" markdown>\n\n'
                 + "\n".join(_variant_item(page, v, published) for v in shown) + "\n\n</div>\n")
    if folded:
        parts.append(f'<details class="errdocs-variants" markdown>\n<summary>{len(folded)} more</summary>\n\n'
                     + "\n".join(_variant_item(page, v, published) for v in folded) + "\n\n</details>\n")
    return "\n".join(parts)


def _sources(page: CodePage) -> str:
    entry, service = page.entry, page.service
    source = service.source(entry.provenance.source)
    parts = []
    if source.is_document:
        updated = f", last updated {escape_plain(source.updated)}" if source.updated else ""
        parts.append(f"Code, messages and statuses are copied from {source_title(source)}{updated}, "
                     f"section *{prose(entry.provenance.section or '')}*. The explanation above is ours.\n")
    else:
        parts.append(f"This code is not in the official list of {escape_plain(service.name)} errors: it is defined "
                     f"in {citation(service, entry.provenance)}, where the code and its message are copied from. "
                     "The explanation above is ours.\n")
    if entry.variants:
        parts.append("Each text under *Also printed as* names the file it is copied from.\n")
    if entry.aliases:
        items = [f"- {inline_code(alias.name)} ({alias.kind.replace('_', ' ')}): {citation(service, alias)}"
                 for alias in entry.aliases]
        parts.append("Other names:\n\n" + "\n".join(items) + "\n")
    if entry.provenance.note:
        parts.append(f"Note: {prose(entry.provenance.note)}\n")
    return "\n".join(parts)


SIBLINGS_SHOWN = 8


def _link_item(from_path: str, link: Link, why: str) -> str:
    return (f"- [{escape_plain(link.code)}]({link.href(from_path)}) · "
            f"{escape_plain(link.service_name)}: {prose(why)}")


def _related(page: CodePage) -> str:
    """Direct relations with their reason, then each topic with its other members (a few; the rest on its page)."""
    entry = page.entry
    if not page.related and not page.topics:
        reason = f" {prose(page.standalone)}" if page.standalone else ""
        return f"No other error is related to {escape_plain(entry.code)}.{reason}\n"
    parts = []
    if page.related:
        parts.append("\n".join(_link_item(page.path, link, f"{link.title}. {link.why}") for link in page.related)
                     + "\n")
    for topic in page.topics:
        siblings = page.siblings(topic)
        parts.append(f"### {escape_plain(topic.topic.title)} {{ {SEARCH_EXCLUDE} }}\n")
        parts.append(f"{prose(topic.topic.summary)} [The whole family]({relative(page.path, topic.path)}) "
                     f"({len(topic.members)} errors).\n")
        shown = siblings[:SIBLINGS_SHOWN]
        if shown:
            parts.append("\n".join(_link_item(page.path, link, link.why) for link in shown) + "\n")
        if len(siblings) > len(shown):
            parts.append(f"And {len(siblings) - len(shown)} more on the "
                         f"[topic page]({relative(page.path, topic.path)}).\n")
    return "\n".join(parts)


def topic_page(topic: TopicPage) -> str:
    """A family of errors: the shared cause and fix, then every member with what sets it apart."""
    parts = [front_matter(title=topic.topic.title, description=topic.topic.summary)]
    parts.append(f"# {escape_plain(topic.topic.title)}\n")
    parts.append(f"**{prose(topic.topic.summary)}**\n")
    parts.append(prose(topic.topic.explanation) + "\n")
    parts.append("## Shared fix\n")
    parts.append("\n".join(f"{n}. {prose(step)}" for n, step in enumerate(topic.topic.fix, 1)) + "\n")
    kept = "".join(f'<a id="{anchor}"></a>' for anchor in topic.topic.former_anchors)
    parts.append(f"## The {len(topic.members)} errors of this family {{#{TOPIC_MEMBERS_ANCHOR}}}\n")
    if kept:
        parts.append(kept + "\n")
    rows = ["| Code | Service | What is particular to it |", "| --- | --- | --- |"]
    rows += [f"| [{escape_plain(m.code)}]({m.href(topic.path)}) | {escape_plain(m.service_name)} "
             f"| {prose(m.why)} |" for m in topic.members]
    parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def services_index(catalog: Catalog) -> str:
    """The list of services, the Services tab's own page."""
    parts = [front_matter(title="Services", description="The services whose error codes this site explains")]
    parts.append("# Services\n")
    parts.append("Each service's page lists all its codes in a table you can filter and sort; every code links "
                 "to its own page.\n")
    parts.append(services_table(catalog, SERVICES_INDEX))
    return "\n".join(parts)


def topics_index(catalog: Catalog) -> str:
    """The list of topics: families of errors that share a cause across services."""
    parts = [front_matter(title="Topics", description="Families of errors that share a cause across services")]
    parts.append("# Topics\n")
    parts.append("The same failure shows up under different codes in different services. Each topic explains "
                 "the shared cause and fix once and lists its members.\n")
    rows = ["| Topic | Errors | In short |", "| --- | --- | --- |"]
    rows += [f"| [{escape_plain(t.topic.title)}]({relative(TOPICS_INDEX, t.path)}) | {len(t.members)} "
             f"| {prose(t.topic.summary)} |" for t in catalog.topics]
    parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def _codes_table(section: ServiceSection, pages: tuple[CodePage, ...]) -> str:
    rows = ["| Code | HTTP status | Message | Summary |", "| --- | --- | --- | --- |"]
    for page in pages:
        entry = page.entry
        first = html_code(entry.messages[0].text)
        more = f" <small>(+{len(entry.messages) - 1} more)</small>" if len(entry.messages) > 1 else ""
        status = ", ".join(str(s) for s in entry.http_status) or "–"
        rows.append(f"| [{escape_plain(entry.code)}]({relative(section.path, page.path)}) | {status} "
                    f"| {first}{more} | {prose(entry.title)} |")
    return '<div class="errdocs-codes" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


def service_index(section: ServiceSection) -> str:
    """The Markdown of a service page: every code in a filterable, sortable table."""
    service = section.service
    parts = [front_matter(title=f"{service.name} error codes", description=service.description)]
    parts.append(f"# {escape_plain(service.name)}\n")
    parts.append(prose(service.description) + "\n")
    sources = "; ".join(source_title(s) for s in service.sources)
    parts.append(f"{len(section.pages)} codes, from {sources}.\n")
    if service.groups:
        for group in service.groups:
            pages = tuple(p for p in section.pages if p.entry.group == group.id)
            parts.append(f"## {escape_plain(group.title)}\n")
            parts.append(_codes_table(section, pages))
    else:
        parts.append(_codes_table(section, section.pages))
    return "\n".join(parts)


def services_table(catalog: Catalog, from_path: str) -> str:
    """The table of services for a hand-written page (the home page) at `from_path`."""
    rows = ["| Service | Codes | What it is |", "| --- | --- | --- |"]
    for section in catalog.sections:
        rows.append(f"| [{escape_plain(section.service.name)}]({relative(from_path, section.path)}) "
                    f"| {len(section.pages)} | {prose(section.service.description)} |")
    return "\n".join(rows) + "\n"

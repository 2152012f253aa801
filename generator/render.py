"""Stage 4: pure functions from the linked catalog to the text of each generated file.

Catalog text reaches the page as text, never as markup: messages go into fenced
code blocks or escaped `<code>`, and our prose is escaped except for `backtick`
code spans, the one piece of Markdown the catalog format allows.
"""

from __future__ import annotations

import functools
import html
import json
import re

from pydantic import BaseModel

from .link import (SERVICES_INDEX, TOPIC_MEMBERS_ANCHOR, TOPICS_INDEX, Catalog, CodePage, Link, ServiceSection, TopicPage, message_anchor, variant_anchor,
                   relative)
from .model import (Cited, ExportedAlias, ExportedCatalog, ExportedError, ExportedMessage, ExportedSource,
                    ExportedVariant, Service, Variant)

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# Exactly the characters Python-Markdown (with the tables extension) lets a backslash escape;
# escaping any other character would leave the backslash visible.
_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}[]()#+-.!|"})
# Material's search leaves out a heading with this attribute, and its section.
SEARCH_EXCLUDE = "data-search-exclude"


def _escape_plain(text: str) -> str:
    return html.escape(text, quote=False).translate(_MARKDOWN_ESCAPES)


@functools.lru_cache(maxsize=1 << 16)  # titles and reasons recur on every page that links to them
def prose(text: str) -> str:
    """Our explanation text as inline Markdown: literal, except `code spans`."""
    out, position = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_escape_plain(text[position:match.start()]))
        out.append(inline_code(match.group(2)))
        position = match.end()
    out.append(_escape_plain(text[position:]))
    return " ".join("".join(out).split("\n"))


def inline_code(text: str) -> str:
    """A Markdown code span that shows `text` literally, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def html_code(text: str) -> str:
    """Inline `<code>` for table cells: escaped, and safe from the table's `|` splitting."""
    return "<code>" + html.escape(text).replace("|", "&#124;").replace("\n", " ") + "</code>"


def code_block(text: str) -> str:
    """A fenced block that shows `text` exactly, with a fence longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _front_matter(title: str, description: str) -> str:
    """Page metadata. The theme prints both fields unescaped (`description` into an attribute), so both are
    escaped here; titles are built from codes, service names and topic titles, which the schema already keeps
    free of markup characters, so escaping them changes nothing for a valid catalog."""
    fields = {"title": html.escape(title, quote=True), "description": html.escape(description, quote=True)}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _status_text(statuses: tuple[int, ...]) -> str:
    return " or ".join(str(s) for s in statuses) if statuses else "not documented"


def _facts(page: CodePage, service_index_path: str) -> str:
    entry = page.entry
    rows = [
        ("Service", f"[{_escape_plain(page.service.name)}]({relative(page.path, service_index_path)})"),
        ("HTTP status", _escape_plain(_status_text(entry.http_status))),
    ]
    if entry.module:
        rows.append(("Module", _escape_plain(entry.module)))
    if entry.severity:
        rows.append(("Severity", f"{entry.severity} of 5"))
    if entry.group:
        group = next(g.title for g in page.service.groups if g.id == entry.group)
        rows.append(("Kind", _escape_plain(group)))
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
            f'title="Copy a link to {what}">Copy link</button>')


def code_page(page: CodePage, site_url: str = "") -> str:
    """The Markdown of one code's page: facts and messages first, then what to do.

    `site_url` is where the site is published: "copy link" copies that address, whichever copy of the
    site (hosted, local, offline) the reader has open. Without it, the page's own address is copied."""
    entry, service = page.entry, page.service
    published = f"{site_url.rstrip('/')}/{page.url}" if site_url else ""
    parts = [_front_matter(title=f"{entry.code} · {service.name}", description=entry.title)]
    parts.append(f"# {_escape_plain(entry.code)}\n")
    parts.append(f'<div class="errdocs-page-link">{copy_link_button(published, "this page")}</div>\n')
    if entry.retired:
        parts.append(f'!!! warning "Retired on {html.escape(entry.retired.since)}"\n'
                     f"    {prose(entry.retired.reason)}\n")
    parts.append(f"**{prose(entry.title)}**\n")
    parts.append(_facts(page, f"{service.slug}/index.md") + "\n")
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
    if entry.variants:
        parts.append(_variants(page, published))
    parts.append("## What it means\n")
    parts.append(prose(entry.meaning) + "\n")
    parts.append("## Likely causes\n")
    parts.append("\n".join(f"- {prose(cause)}" for cause in entry.causes) + "\n")
    parts.append("## How to fix it\n")
    parts.append("\n".join(f"{n}. {prose(step)}" for n, step in enumerate(entry.fix, 1)) + "\n")
    # Related errors and Source stay out of Material's prose index (`data-search-exclude`): they repeat other
    # pages' titles, so a search for "clock skew" would list every page that links to a clock-skew error,
    # and at 10,000 codes they made up half of an index every visitor downloads.
    parts.append(f"## Related errors {{ {SEARCH_EXCLUDE} }}\n")
    parts.append(_related(page))
    parts.append(f"## Source {{ {SEARCH_EXCLUDE} }}\n")
    parts.append(_sources(page))
    return "\n".join(parts)


ORIGIN_LABELS = {
    "server": "Printed by the service",
    "sdk": "Printed by the SDK",
    "tool": "Printed by a tool",
    "test": "Seen only in a test that fakes a response (weaker evidence)",
    "doc": "From another official document",
}


def citation(service: Service, cited: Cited) -> str:
    """Markdown naming where a fact comes from, linked to the repository file when it is one."""
    source = next(s for s in service.sources if s.id == cited.source)
    if source.is_document:
        return f"*{prose(source.title)}*, section *{prose(cited.section or '')}*"
    where = f"{source.repository}: {cited.path}"
    return f"[{_escape_plain(where)}]({source.link(cited.path)})"


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
    source = next(s for s in service.sources if s.id == entry.provenance.source)
    parts = []
    if source.is_document:
        updated = f", last updated {_escape_plain(source.updated)}" if source.updated else ""
        parts.append(f"Code, messages and statuses are copied from *{prose(source.title)}*{updated}, "
                     f"section *{prose(entry.provenance.section or '')}*. The explanation above is ours.\n")
    else:
        parts.append(f"This code is not in the official list of {_escape_plain(service.name)} errors: it is defined "
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
    return (f"- [{_escape_plain(link.code)}]({link.href(from_path)}) · "
            f"{_escape_plain(link.service_name)}: {prose(why)}")


def _related(page: CodePage) -> str:
    """Direct relations with their reason, then each topic with its other members (a few; the rest on its page)."""
    entry = page.entry
    if not page.related and not page.topics:
        reason = f" {prose(page.standalone)}" if page.standalone else ""
        return f"No other error is related to {_escape_plain(entry.code)}.{reason}\n"
    parts = []
    if page.related:
        parts.append("\n".join(_link_item(page.path, link, f"{link.title}. {link.why}") for link in page.related)
                     + "\n")
    for topic in page.topics:
        siblings = page.siblings(topic)
        parts.append(f"### {_escape_plain(topic.topic.title)} {{ {SEARCH_EXCLUDE} }}\n")
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
    parts = [_front_matter(title=topic.topic.title, description=topic.topic.summary)]
    parts.append(f"# {_escape_plain(topic.topic.title)}\n")
    parts.append(f"**{prose(topic.topic.summary)}**\n")
    parts.append(prose(topic.topic.explanation) + "\n")
    parts.append("## Shared fix\n")
    parts.append("\n".join(f"{n}. {prose(step)}" for n, step in enumerate(topic.topic.fix, 1)) + "\n")
    kept = "".join(f'<a id="{anchor}"></a>' for anchor in topic.topic.former_anchors)
    parts.append(f"## The {len(topic.members)} errors of this family {{#{TOPIC_MEMBERS_ANCHOR}}}\n")
    if kept:
        parts.append(kept + "\n")
    rows = ["| Code | Service | What is particular to it |", "| --- | --- | --- |"]
    rows += [f"| [{_escape_plain(m.code)}]({m.href(topic.path)}) | {_escape_plain(m.service_name)} "
             f"| {prose(m.why)} |" for m in topic.members]
    parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def services_index(catalog: Catalog) -> str:
    """The list of services, the Services tab's own page."""
    parts = [_front_matter(title="Services", description="The services whose error codes this site explains")]
    parts.append("# Services\n")
    parts.append("Each service's page lists all its codes in a table you can filter and sort; every code links "
                 "to its own page.\n")
    parts.append(services_table(catalog, SERVICES_INDEX))
    return "\n".join(parts)


def topics_index(catalog: Catalog) -> str:
    """The list of topics: families of errors that share a cause across services."""
    parts = [_front_matter(title="Topics", description="Families of errors that share a cause across services")]
    parts.append("# Topics\n")
    parts.append("The same failure shows up under different codes in different services. Each topic explains "
                 "the shared cause and fix once and lists its members.\n")
    rows = ["| Topic | Errors | In short |", "| --- | --- | --- |"]
    rows += [f"| [{_escape_plain(t.topic.title)}]({relative(TOPICS_INDEX, t.path)}) | {len(t.members)} "
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
        rows.append(f"| [{_escape_plain(entry.code)}]({relative(section.path, page.path)}) | {status} "
                    f"| {first}{more} | {prose(entry.title)} |")
    return '<div class="errdocs-codes" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


def service_index(section: ServiceSection) -> str:
    """The Markdown of a service page: every code in a filterable, sortable table."""
    service = section.service
    parts = [_front_matter(title=f"{service.name} error codes", description=service.description)]
    parts.append(f"# {_escape_plain(service.name)}\n")
    parts.append(prose(service.description) + "\n")
    sources = "; ".join(f"*{prose(s.title)}*" for s in service.sources)
    parts.append(f"{len(section.pages)} codes, from {sources}.\n")
    if service.groups:
        for group in service.groups:
            pages = tuple(p for p in section.pages if p.entry.group == group.id)
            parts.append(f"## {_escape_plain(group.title)}\n")
            parts.append(_codes_table(section, pages))
    else:
        parts.append(_codes_table(section, section.pages))
    return "\n".join(parts)


def services_table(catalog: Catalog, from_path: str) -> str:
    """The table of services for a hand-written page (the home page) at `from_path`."""
    rows = ["| Service | Codes | What it is |", "| --- | --- | --- |"]
    for section in catalog.sections:
        rows.append(f"| [{_escape_plain(section.service.name)}]({relative(from_path, section.path)}) "
                    f"| {len(section.pages)} | {prose(section.service.description)} |")
    return "\n".join(rows) + "\n"


def exported_source(service: Service, cited: Cited) -> ExportedSource:
    source = next(s for s in service.sources if s.id == cited.source)
    return ExportedSource(title=source.title, section=cited.section, repository=source.repository, path=cited.path)


def exported(catalog: Catalog) -> ExportedCatalog:
    """The public `errors.json` model of the catalog."""
    records = []
    for page in catalog.pages:
        entry, service = page.entry, page.service
        source = next(s for s in service.sources if s.id == entry.provenance.source)
        where = (f"{source.title}, {entry.provenance.section}" if source.is_document
                 else f"{source.repository}: {entry.provenance.path}")
        records.append(ExportedError(
            service=service.slug, service_name=service.name, code=entry.code, url=page.url,
            title=entry.title, http_status=entry.http_status,
            messages=tuple(ExportedMessage(text=m.text, anchor=message_anchor(entry, m)) for m in entry.messages),
            variants=tuple(ExportedVariant(text=v.text, anchor=variant_anchor(v.id), origin=v.origin,
                                           template=v.template, lang=v.lang, source=exported_source(service, v))
                           for v in entry.variants),
            module=entry.module, severity=entry.severity, group=entry.group,
            aliases=tuple(a.name for a in entry.aliases),
            alias_details=tuple(ExportedAlias(name=a.name, kind=a.kind, source=exported_source(service, a))
                                for a in entry.aliases),
            documented=source.is_document,
            related=tuple(f"{link.service}/{link.code}" for link in page.related),
            topics=tuple(topic.topic.slug for topic in page.topics),
            retired=entry.retired is not None,
            former_codes=entry.former_codes,
            source=where,
        ))
    return ExportedCatalog(version=1, errors=tuple(records))


def errors_json(catalog: Catalog) -> str:
    return json.dumps(exported(catalog).model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def search_index_script(catalog: Catalog, directory_urls: bool = True) -> str:
    """The search index as a script, so that it loads from `file://` too, where fetch() is refused."""
    from .search_index import build_index

    index = build_index(catalog, directory_urls=directory_urls)
    return "window.errdocsIndex = " + json.dumps(index, separators=(",", ":")) + ";\n"


def errors_schema() -> str:
    """JSON Schema of `errors.json`, derived from the export model."""
    return json.dumps(ExportedCatalog.model_json_schema(), indent=1) + "\n"


def _fields_table(model: type[BaseModel]) -> str:
    rows = ["| Field | Required | Meaning |", "| --- | --- | --- |"]
    for name, info in model.model_fields.items():
        required = "yes" if info.is_required() else "no"
        rows.append(f"| {inline_code(name)} | {required} | {prose(info.description or '')} |")
    return "\n".join(rows) + "\n"


def catalog_format() -> str:
    """Reference page for catalog writers, derived from the schema's own descriptions."""
    from . import model

    parts = [_front_matter(title="Catalog format", description="Fields of catalog/<service>.yaml")]
    parts.append("# Catalog format\n")
    parts.append("Each service is one file, `catalog/<service-slug>.yaml`, with a `service` mapping and an "
                 "`errors` list. This page is generated from the schema the build validates against, so it "
                 "is always current. Unknown fields are rejected.\n")
    for title, cls in (("service", model.Service), ("service.sources[]", model.Source),
                       ("service.groups[]", model.Group), ("errors[]", model.Entry),
                       ("errors[].zh", model.Chinese),
                       ("errors[].messages[]", model.Message), ("errors[].variants[]", model.Variant),
                       ("errors[].provenance", model.Provenance), ("errors[].aliases[]", model.Alias),
                       ("errors[].related[]", model.Relation),
                       ("errors[].retired", model.Retirement), ("relations.yaml", model.RelationsFile),
                       ("relations.yaml: topics[]", model.Topic), ("relations.yaml: topics[].members[]", model.TopicMember),
                       ("relations.yaml: relations[]", model.Pair),
                       ("relations.yaml: standalone[]", model.Standalone)):
        parts.append(f"## {inline_code(title)}\n")
        parts.append(prose((cls.__doc__ or "").strip()) + "\n")
        parts.append(_fields_table(cls))
    return "\n".join(parts)


def errors_json_reference() -> str:
    """Reference page for readers of `errors.json`, derived from the export model."""
    from . import model

    parts = [_front_matter(title="errors.json", description="The machine-readable catalog")]
    parts.append("# `errors.json`\n")
    parts.append("The site publishes every code at [`errors.json`](../errors.json), with its JSON Schema at "
                 "[`errors.schema.json`](../errors.schema.json). It is a public interface: fields are only "
                 "added, and `version` changes if one is ever removed or changes meaning. URLs are relative "
                 "to the site root and stay valid forever.\n")
    parts.append("## Each entry of `errors`\n")
    parts.append(_fields_table(model.ExportedError))
    for title, cls in (("messages", model.ExportedMessage), ("variants", model.ExportedVariant),
                       ("alias_details", model.ExportedAlias), ("source of a variant or alias", model.ExportedSource)):
        parts.append(f"## Each entry of `{title}`\n" if " " not in title else f"## The {title}\n")
        parts.append(_fields_table(cls))
    return "\n".join(parts)


def site_tree(catalog: Catalog, directory_urls: bool = True, site_url: str = "") -> dict[str, str]:
    """Every generated file of the site, by its path under the docs root.

    `directory_urls` is False for the offline build, whose pages are `oss/nosuchkey.html` files;
    `site_url` is where the site is published, for the links readers copy."""
    files = {page.path: code_page(page, site_url) for page in catalog.pages}
    files[SERVICES_INDEX] = services_index(catalog)
    files.update({section.path: service_index(section) for section in catalog.sections})
    if catalog.topics:
        files[TOPICS_INDEX] = topics_index(catalog)
        files.update({topic.path: topic_page(topic) for topic in catalog.topics})
    files["reference/catalog-format.md"] = catalog_format()
    files["reference/errors-json.md"] = errors_json_reference()
    files["errors.json"] = errors_json(catalog)
    files["assets/errdocs-index.js"] = search_index_script(catalog, directory_urls)
    files["errors.schema.json"] = errors_schema()
    return files



def terminal_page(page: CodePage) -> str:
    """A code's page as plain text for the terminal, like `rustc --explain`."""
    entry, service = page.entry, page.service
    lines = [f"{entry.code} ({service.name})", entry.title, ""]
    facts = [f"HTTP status: {_status_text(entry.http_status)}"]
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

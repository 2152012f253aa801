"""The Markdown of the generated pages: code pages, topic pages, and the lists of services and topics.

Catalog text goes through `escaping`, so it reaches the page as text, never as markup.
"""

from __future__ import annotations

import html
import json
import urllib.parse

from .escaping import code_block, escape_plain, html_code, inline_code, prose
from .labels import LABELS, Labels
from .link import (SERVICES_INDEX, TOPIC_MEMBERS_ANCHOR, TOPICS_INDEX, Catalog, CodePage, Link, ServiceSection,
                   TopicPage, message_anchor, relative, variant_anchor)
from .model import Cited, Entry, Group, Message, Provenance, Service, Source, Topic, Variant

# Material's search leaves out a heading with this attribute, and its section.
SEARCH_EXCLUDE = "data-search-exclude"
# The language of what the catalog keeps as printed or named: codes, aliases, service names, the sources' titles,
# sections and paths.
PRINTED = "en"


def in_lang(markup: str, text_lang: str, words: Labels) -> str:
    """Inline Markdown of a text in `text_lang`, marked with its language on a page in another one, so that screen
    readers pronounce it and browsers hyphenate it as what it is."""
    return markup if text_lang == words.lang else f'<span lang="{text_lang}">{markup}</span>'


def lang_of(text_lang: str, words: Labels) -> str:
    """The language to mark a text with on this page: none when it is the page's own."""
    return "" if text_lang == words.lang else text_lang


def lang_attr(text_lang: str, words: Labels) -> str:
    """An attribute list (attr_list) giving a heading or the inline element it follows its language, on a page
    in another one."""
    return "" if text_lang == words.lang else f"{{ lang={text_lang} }}"


def code_link(code: str, href: str, words: Labels) -> str:
    """A link to a code's page, the code marked as printed text."""
    return f"[{escape_plain(code)}]({href}){lang_attr(PRINTED, words)}"


def named(name: str, words: Labels) -> str:
    """A service's name or a source's title, as the vendor writes it."""
    return in_lang(escape_plain(name), PRINTED, words)


def front_matter(title: str, description: str) -> str:
    """Page metadata. The theme prints both fields unescaped (`description` into an attribute), so both are
    escaped here; titles are built from codes, service names and topic titles, which the schema already keeps
    free of markup characters, so escaping them changes nothing for a valid catalog."""
    fields = {"title": html.escape(title, quote=True), "description": html.escape(description, quote=True)}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def status_text(statuses: tuple[int, ...], words: Labels = LABELS["en"]) -> str:
    return words.status_or.join(str(s) for s in statuses) if statuses else words.not_documented


def explained(entry: Entry, lang: str) -> Entry:
    """The entry with its title and explanations in `lang`: the catalog's Chinese words under `zh` where it
    has them (a code without them keeps its English ones). Messages, codes and aliases are never translated."""
    chinese = entry.zh if lang == "zh" else None
    if chinese is None:
        return entry
    return entry.model_copy(update={
        "title": chinese.title, "first_try": chinese.first_try or entry.first_try,
        "meaning": chinese.meaning or entry.meaning, "causes": chinese.causes or entry.causes,
        "fix": chinese.fix or entry.fix})


def described(service: Service, lang: str) -> Service:
    """The service with its description in `lang` (the catalog's Chinese under `zh`); names stay as written."""
    if lang != "zh" or service.zh is None:
        return service
    return service.model_copy(update={"description": service.zh.description})


def noted(item: Message | Variant | Provenance, words: Labels) -> str:
    """The note on a message, a printed variant or where a code comes from, as inline Markdown in the page's
    language (the catalog's Chinese under `zh`); a note not yet written in Chinese is marked as English."""
    if not item.note:
        return ""
    if words.lang == "zh" and item.zh:
        return prose(item.zh.note)
    return in_lang(prose(item.note), "en", words)


def group_title(group: Group, lang: str) -> str:
    """A group's title in `lang` (the catalog's Chinese under `zh`)."""
    return group.zh.title if lang == "zh" and group.zh else group.title


def group_heading(group: Group, lang: str) -> str:
    """A group's heading on its service page in `lang`, with the English heading's anchor in every language."""
    return f"## {escape_plain(group_title(group, lang))} {{#{heading_anchor(group.title)}}}"


def heading_anchor(heading: str) -> str:
    """The anchor Python-Markdown's toc gives a heading (its default slugify, which mkdocs.yml keeps), kept for
    pages in other languages."""
    from markdown.extensions.toc import slugify  # the site toolchain's, imported only when a page is rendered

    return slugify(heading, "-")


def topic_in(topic: Topic, lang: str) -> Topic:
    """The topic with its title, summary, explanation and fix in `lang` (the catalog's Chinese under `zh`; its
    members' notes are in the links, `Link.why_in`)."""
    if lang != "zh" or topic.zh is None:
        return topic
    return topic.model_copy(update={"title": topic.zh.title, "summary": topic.zh.summary,
                                    "explanation": topic.zh.explanation, "fix": topic.zh.fix or topic.fix})


def _facts(page: CodePage, service_index_path: str, words: Labels) -> str:
    entry = page.entry
    rows = [
        (words.service, f"[{named(page.service.name, words)}]({relative(page.path, service_index_path)})"),
        (words.http_status, escape_plain(status_text(entry.http_status, words))),
    ]
    if entry.module:
        rows.append((words.module, in_lang(escape_plain(entry.module), PRINTED, words)))
    if entry.severity:
        rows.append((words.severity, words.severity_of.format(severity=entry.severity)))
    if entry.group:
        group = next(g for g in page.service.groups if g.id == entry.group)
        rows.append((words.kind, escape_plain(group_title(group, words.lang))))
    if entry.aliases:
        rows.append((words.also_seen_as, ", ".join(inline_code(a.name) + lang_attr(PRINTED, words)
                                                    for a in entry.aliases)))
    if page.changed:
        day = page.changed.isoformat()
        rows.append((words.last_changed, f'<time datetime="{day}" title="{words.last_changed_title}">{day}</time>'))
    items = "\n".join(f"- **{name}{words.colon}**{words.label_gap}{value}" for name, value in rows)
    return f'<div class="errdocs-facts" markdown>\n\n{items}\n\n</div>'


def script_words(words: Labels, *fields: str) -> str:
    """Labels for docs/assets/errdocs.js in the page's language, as `data-*` attributes of the element it
    enhances (`codes_none` becomes `data-codes-none`, the script's `dataset.codesNone`): labels.py stays their
    one source."""
    return "".join(f' data-{field.replace("_", "-")}="{html.escape(getattr(words, field), quote=True)}"'
                   for field in fields)


def copy_link_button(url: str, what: str, words: Labels = LABELS["en"]) -> str:
    """A button that copies the published URL of this page or one of its anchors (docs/assets/errdocs.js)."""
    return (f'<button type="button" class="errdocs-copy-link" data-url="{html.escape(url)}"'
            f'{script_words(words, "link_copied")} title="{words.copy_link_to.format(what=what)}" '
            f'{SEARCH_EXCLUDE}>{words.copy_link}</button>')


def _first_screen(page: CodePage, entry: Entry, service_index_path: str, words: Labels) -> str:
    """What a reader needs before scrolling: the first thing to try beside the facts (stacked on a phone)."""
    first = ""
    if entry.first_try:
        first = (f'<div class="errdocs-first-try" markdown>\n\n**{words.first_try}**{words.label_gap}'
                 f'{prose(entry.first_try)} [{words.all_steps}](#how-to-fix-it)\n\n</div>\n')
    return f'<div class="errdocs-top" markdown>\n{first}{_facts(page, service_index_path, words)}\n</div>\n'


def code_page(page: CodePage, site_url: str = "", repo_url: str = "", lang: str = "en") -> str:
    """The Markdown of one code's page, in the order a reader at 3 a.m. needs it: the message (how they
    recognise their error), the first thing to try beside the facts, the steps to fix it, and only then
    what it means, why it happens and what else prints it; so the first action shows without scrolling on
    a laptop and on a phone.

    `site_url` is where the site is published: "copy link" copies that address, whichever copy of the
    site (hosted, local, offline) the reader has open. Without it, the page's own address is copied.
    `repo_url` is the project's repository, where "report a problem" opens a prefilled issue (none without it).
    `lang` is the page's language: labels, title and explanations in it; every heading keeps its English
    anchor, so the page in each language has the same `#anchors`."""
    entry, service, words = explained(page.entry, lang), page.service, LABELS[lang]
    published = f"{site_url.rstrip('/')}/{page.url}" if site_url else ""
    parts = [front_matter(title=f"{entry.code} · {service.name}", description=entry.title)]
    parts.append(f"# {escape_plain(entry.code)} {lang_attr(PRINTED, words)}".rstrip() + "\n")
    parts.append(f'<div class="errdocs-page-link">{copy_link_button(published, words.this_page, words)}</div>\n')
    if entry.retired:
        parts.append(f'!!! warning "{words.retired_on.format(day=html.escape(entry.retired.since))}"\n'
                     f"    {prose(entry.retired.reason)}\n")
    parts.append(f"**{prose(entry.title)}**\n")
    # Several messages (each with its own note) would push the first step below the first screen: then the
    # first thing to try comes before them, and the reader scrolls to find their message.
    several = len(entry.messages) > 1
    if several:
        parts.append(_first_screen(page, entry, f"{service.slug}/index.md", words))
    # One id for the section on every page; `#message` is the single message itself.
    parts.append(f"## {words.message if len(entry.messages) == 1 else words.messages} {{#messages}}\n")
    for number, message in enumerate(entry.messages, 1):
        anchor = message_anchor(entry, message)
        parts.append(f'<div class="errdocs-message" id="{anchor}" markdown>\n')
        label = (f'<a class="errdocs-message-link" href="#{anchor}" title="{words.link_to_message}">'
                 f"{words.message_n_of.format(number=number, count=len(entry.messages))}</a> "
                 if len(entry.messages) > 1 else "")
        button = copy_link_button(published and f"{published}#{anchor}", words.this_message, words)
        parts.append(f'<div class="errdocs-message-head">{label}{button}</div>\n')
        block = code_block(message.text)
        if message.lang != words.lang:
            block = f'<div lang="{message.lang}" markdown>\n\n{block}\n\n</div>'
        parts.append(block + "\n")
        note = noted(message, words)
        if note:
            parts.append(note + "\n")
        parts.append("</div>\n")
    if not several:
        parts.append(_first_screen(page, entry, f"{service.slug}/index.md", words))
    parts.append(f"## {words.how_to_fix} {{#how-to-fix-it}}\n")
    parts.append("\n".join(f"{n}. {prose(step)}" for n, step in enumerate(entry.fix, 1)) + "\n")
    parts.append(f"## {words.what_it_means} {{#what-it-means}}\n")
    parts.append(prose(entry.meaning) + "\n")
    parts.append(f"## {words.likely_causes} {{#likely-causes}}\n")
    parts.append("\n".join(f"- {prose(cause)}" for cause in entry.causes) + "\n")
    if entry.variants:
        parts.append(_variants(page, published, words))
    # Related errors and Source stay out of Material's prose index (`data-search-exclude`): they repeat other
    # pages' titles, so a search for "clock skew" would list every page that links to a clock-skew error,
    # and at 10,000 codes they made up half of an index every visitor downloads.
    parts.append(f"## {words.related_errors} {{ #related-errors {SEARCH_EXCLUDE} }}\n")
    parts.append(_related(page, lang))
    parts.append(f"## {words.source} {{ #source {SEARCH_EXCLUDE} }}\n")
    parts.append(_sources(page, words))
    if repo_url:
        parts.append(_report_link(page, repo_url, published, words))
    return "\n".join(parts)


def _report_link(page: CodePage, repo_url: str, published: str, words: Labels) -> str:
    """A link that opens a new issue in the project's repository, its title and body filled in for this page."""
    entry = page.entry
    where = published or page.url
    title = f"{page.service.slug}/{entry.code}: "
    body = (f"Page: {where}\n\nWhat is wrong, or what your SDK, server or tool prints instead "
            "(paste it as printed, and say which program and version):\n\n")
    query = urllib.parse.urlencode({"title": title, "body": body}, quote_via=urllib.parse.quote)
    href = html.escape(f"{repo_url.rstrip('/')}/issues/new?{query}")
    return (f'<p class="errdocs-report" {SEARCH_EXCLUDE}>{words.report_question} '
            f'<a href="{href}">{words.report_link}</a>.</p>\n')


ORIGIN_LABELS = LABELS["en"].origins


def source_title(source: Source, words: Labels = LABELS["en"]) -> str:
    """A source's title in italics, linked to the vendor's official page of a document (when the catalog
    gives it), to the repository, or to the address the vendor's pages share."""
    title = in_lang(f"*{prose(source.title)}*", PRINTED, words)
    home = source.home
    return f"[{title}]({home})" if home else title


def citation(service: Service, cited: Cited, words: Labels = LABELS["en"]) -> str:
    """Markdown naming where a fact comes from, linked to the repository file or the vendor's page."""
    source = service.source(cited.source)
    if source.is_document:
        section = in_lang(f"*{prose(cited.section or '')}*", PRINTED, words)
        return f"{source_title(source, words)}, {words.section} {section}"
    where = f"{source.repository or source.title}: {cited.path}"
    return f"[{escape_plain(where)}]({source.link(cited.path)}){lang_attr(PRINTED, words)}"


# Past this many, the rest of a code's printed texts are folded away (openYuanrong's generic codes have hundreds).
VARIANTS_SHOWN = 8
ORIGIN_ORDER = ("server", "sdk", "tool", "doc", "test")


def _variant_item(page: CodePage, variant: Variant, published: str, words: Labels) -> str:
    anchor = variant_anchor(variant.id)
    lang = f' lang="{variant.lang}"' if variant.lang != words.lang else ""
    text = f'<span class="errdocs-variant-text"{lang}>{html_code(variant.text)}</span>'
    where = f"{words.origins[variant.origin]}, {citation(page.service, variant, words)}"
    note = noted(variant, words)
    note = f" {note}" if note else ""
    link = copy_link_button(published and f"{published}#{anchor}", words.this_text, words)
    return f'- <a class="errdocs-anchor" id="{anchor}"></a>{text} {link}<br>\n  <small>{where}.{note}</small>'


def _variants(page: CodePage, published: str, words: Labels) -> str:
    """What programs print beyond the documented messages: who prints each text and the file it is in,
    the strongest evidence first; a long list is folded after the first few."""
    entry = page.entry
    ordered = sorted(entry.variants, key=lambda v: ORIGIN_ORDER.index(v.origin))
    parts = [f"## {words.also_printed_as} {{#also-printed-as}}\n",
             words.variants_intro.format(count=len(ordered), plural="s" if len(ordered) > 1 else "") + "\n"]
    shown, folded = ordered[:VARIANTS_SHOWN], ordered[VARIANTS_SHOWN:]
    parts.append('<div class="errdocs-variants" markdown>\n\n'
                 + "\n".join(_variant_item(page, v, published, words) for v in shown) + "\n\n</div>\n")
    if folded:
        parts.append(f'<details class="errdocs-variants" markdown>\n<summary>{words.more.format(count=len(folded))}'
                     '</summary>\n\n' + "\n".join(_variant_item(page, v, published, words) for v in folded)
                     + "\n\n</details>\n")
    return "\n".join(parts)


def _sources(page: CodePage, words: Labels) -> str:
    entry, service = page.entry, page.service
    source = service.source(entry.provenance.source)
    parts = []
    if source.is_document:
        updated = words.last_updated.format(day=escape_plain(source.updated)) if source.updated else ""
        parts.append(words.copied_from.format(title=source_title(source, words), updated=updated, section=in_lang(
            prose(entry.provenance.section or ""), PRINTED, words)) + "\n")
    else:
        parts.append(words.not_in_official_list.format(service=escape_plain(service.name),
                                                       citation=citation(service, entry.provenance, words)) + "\n")
    if entry.variants:
        parts.append(words.variants_cited + "\n")
    if entry.aliases:
        items = [f"- {inline_code(alias.name)}{lang_attr(PRINTED, words)} "
                 f"({in_lang(alias.kind.replace('_', ' '), PRINTED, words)}): {citation(service, alias, words)}"
                 for alias in entry.aliases]
        parts.append(f"{words.other_names}\n\n" + "\n".join(items) + "\n")
    note = noted(entry.provenance, words)
    if note:
        parts.append(f"{words.note}{words.label_gap}{note}\n")
    return "\n".join(parts)


SIBLINGS_SHOWN = 8


def _link_item(from_path: str, link: Link, why: str, words: Labels) -> str:
    return (f"- {code_link(link.code, link.href(from_path), words)} · "
            f"{named(link.service_name, words)}: {prose(why)}")


def _related(page: CodePage, lang: str) -> str:
    """Direct relations with their reason, then each topic with its other members (a few; the rest on its page)."""
    entry, words = page.entry, LABELS[lang]
    if not page.related and not page.topics:
        standalone = page.standalone
        why = standalone and (standalone.zh.why if lang == "zh" and standalone.zh else standalone.why)
        reason = f" {prose(why)}" if why else ""
        return f"{words.nothing_related.format(code=escape_plain(entry.code))}{reason}\n"
    parts = []
    if page.related:
        parts.append("\n".join(_link_item(page.path, link, words.related_reason.format(
            title=link.title_in(lang), why=link.why_in(lang)), words) for link in page.related) + "\n")
    for topic in page.topics:
        siblings = page.siblings(topic)
        shared = topic_in(topic.topic, lang)
        parts.append(f"### {escape_plain(shared.title)} {{ {SEARCH_EXCLUDE} }}\n")
        family = f"[{words.whole_family}]({relative(page.path, topic.path)})"
        parts.append(f"{prose(shared.summary)} {family} {words.family_count.format(count=len(topic.members))}\n")
        shown = siblings[:SIBLINGS_SHOWN]
        if shown:
            parts.append("\n".join(_link_item(page.path, link, link.why_in(lang), words) for link in shown) + "\n")
        if len(siblings) > len(shown):
            parts.append(words.and_more_on_topic.format(count=len(siblings) - len(shown),
                                                        href=relative(page.path, topic.path)) + "\n")
    return "\n".join(parts)


def topic_page(topic: TopicPage, lang: str = "en") -> str:
    """A family of errors: the shared cause and fix, then every member with what sets it apart."""
    words, shared = LABELS[lang], topic_in(topic.topic, lang)
    parts = [front_matter(title=shared.title, description=shared.summary)]
    parts.append(f"# {escape_plain(shared.title)}\n")
    parts.append(f"**{prose(shared.summary)}**\n")
    parts.append(prose(shared.explanation) + "\n")
    parts.append(f"## {words.shared_fix} {{#shared-fix}}\n")
    parts.append("\n".join(f"{n}. {prose(step)}" for n, step in enumerate(shared.fix, 1)) + "\n")
    kept = "".join(f'<a id="{anchor}"></a>' for anchor in shared.former_anchors)
    parts.append(f"## {words.family_members.format(count=len(topic.members))} {{#{TOPIC_MEMBERS_ANCHOR}}}\n")
    if kept:
        parts.append(kept + "\n")
    rows = [words.topic_columns, "| --- | --- | --- |"]
    rows += [f"| {code_link(m.code, m.href(topic.path), words)} | {named(m.service_name, words)} "
             f"| {prose(m.why_in(lang))} |" for m in topic.members]
    parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def services_index(catalog: Catalog, lang: str = "en") -> str:
    """The list of services, the Services tab's own page."""
    words = LABELS[lang]
    parts = [front_matter(title=words.services, description=words.services_description)]
    parts.append(f"# {words.services}\n")
    parts.append(words.services_intro + "\n")
    parts.append(services_table(catalog, SERVICES_INDEX, lang))
    return "\n".join(parts)


def topics_index(catalog: Catalog, lang: str = "en") -> str:
    """The list of topics: families of errors that share a cause across services."""
    words = LABELS[lang]
    parts = [front_matter(title=words.topics, description=words.topics_description)]
    parts.append(f"# {words.topics}\n")
    parts.append(words.topics_intro + "\n")
    rows = [words.topics_columns, "| --- | --- | --- |"]
    shown = [(t, topic_in(t.topic, lang)) for t in catalog.topics]
    rows += [f"| [{escape_plain(shared.title)}]({relative(TOPICS_INDEX, t.path)}) | {len(t.members)} "
             f"| {prose(shared.summary)} |" for t, shared in shown]
    parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def _codes_table(section: ServiceSection, pages: tuple[CodePage, ...], lang: str) -> str:
    words = LABELS[lang]
    rows = [words.codes_columns, "| --- | --- | --- | --- |"]
    for page in pages:
        entry = explained(page.entry, lang)
        first = html_code(entry.messages[0].text, lang_of(entry.messages[0].lang, words))
        more = (f" <small>{words.more_messages.format(count=len(entry.messages) - 1)}</small>"
                if len(entry.messages) > 1 else "")
        status = ", ".join(str(s) for s in entry.http_status) or "–"
        rows.append(f"| {code_link(entry.code, relative(section.path, page.path), words)} | {status} "
                    f"| {first}{more} | {prose(entry.title)} |")
    enhanced = script_words(words, "filter_placeholder", "filter_label", "codes_count", "codes_shown", "codes_none",
                            "http_status")
    return f'<div class="errdocs-codes"{enhanced} markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


def service_index(section: ServiceSection, lang: str = "en") -> str:
    """The Markdown of a service page: every code in a filterable, sortable table."""
    service, words = described(section.service, lang), LABELS[lang]
    parts = [front_matter(title=words.service_title.format(name=service.name), description=service.description)]
    parts.append(f"# {escape_plain(service.name)} {lang_attr(PRINTED, words)}".rstrip() + "\n")
    parts.append(prose(service.description) + "\n")
    sources = "; ".join(source_title(s, words) for s in service.sources)
    parts.append(words.codes_from.format(count=len(section.pages), sources=sources) + "\n")
    if service.groups:
        for group in service.groups:
            pages = tuple(p for p in section.pages if p.entry.group == group.id)
            parts.append(group_heading(group, lang) + "\n")
            parts.append(_codes_table(section, pages, lang))
    else:
        parts.append(_codes_table(section, section.pages, lang))
    return "\n".join(parts)


def services_table(catalog: Catalog, from_path: str, lang: str = "en") -> str:
    """The table of services for a hand-written page (the home page) at `from_path`."""
    words = LABELS[lang]
    rows = [words.services_columns, "| --- | --- | --- |"]
    for section in catalog.sections:
        rows.append(f"| [{escape_plain(section.service.name)}]({relative(from_path, section.path)}){lang_attr(PRINTED, words)} "
                    f"| {len(section.pages)} | {prose(described(section.service, lang).description)} |")
    return "\n".join(rows) + "\n"

"""The catalog schema, declared once.

Every other stage derives from these models: validation (pydantic rejects
unknown keys and wrong types, and reports the path of the bad field), the
catalog-format page (built from the field descriptions) and `errors.json`.
Instances are frozen so that no later stage can change what was loaded.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]
# Codes and service names go into URLs, page titles and navigation, where MkDocs' theme
# templates print them unescaped; so they may hold no markup characters at all.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._:-]*$")]
PlainName = Annotated[str, StringConstraints(pattern=r"^[^<>&\"`]+$")]
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
HttpStatus = Annotated[int, Field(ge=100, le=599)]


class Frozen(BaseModel):
    """Base for catalog models: immutable, and a typo in a key is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Source(Frozen):
    """An official document that codes and messages are copied from."""

    id: Slug = Field(description="Short name that entries cite in `provenance.source`.")
    title: Text = Field(description="The document's own title.")
    file: Text = Field(description="The document's file under `shared/seeds/`.")
    updated: str | None = Field(
        default=None, description="The 'last updated' date the document shows, if any."
    )


class Group(Frozen):
    """A part of a service's document kept apart on the service page."""

    id: Slug = Field(description="Short name that entries cite in `group`.")
    title: Text = Field(description="Heading of the group on the service page.")


class Service(Frozen):
    """One product whose error codes the catalog covers."""

    slug: Slug = Field(description="URL segment of the service: `/<slug>/<code-slug>/`.")
    name: PlainName = Field(description="Name shown to readers (no `<`, `>`, `&`, quotes or backticks).")
    description: Text = Field(description="One or two sentences, in our words, on what the service is.")
    code_pattern: Text = Field(
        description="Regular expression every code of this service must match in full."
    )
    sources: tuple[Source, ...] = Field(min_length=1, description="Documents the entries come from.")
    groups: tuple[Group, ...] = Field(
        default=(), description="Optional parts of the document kept apart (for example SDK and REST codes)."
    )
    search_hints: tuple[Text, ...] = Field(
        default=(), description="Text that shows a paste comes from this service (package names, headers, "
        "hosts), compared in lower case; it breaks ties between codes of the same name.")


class Message(Frozen):
    """One documented message text of a code, copied verbatim."""

    text: Text = Field(
        description="The message exactly as the source prints it: typos, placeholders such as "
        "`{0}` or `xxxx`, and punctuation included."
    )
    id: Slug | None = Field(
        default=None,
        description="Stable anchor of this message on the page; required when a code has "
        "more than one message. Never change it once published.",
    )
    note: Text | None = Field(
        default=None, description="Our words: when this variant appears or what is special about it."
    )


class Alias(Frozen):
    """Another name the same error goes by."""

    name: Text = Field(description="The other name, as it appears in output.")
    kind: Literal["error_name", "exception", "enum", "detail_code", "header", "other"] = Field(
        description="What kind of name it is."
    )
    source: Text = Field(description="Where the name comes from: a document section or an SDK file.")


class Relation(Frozen):
    """A direct link to another code; written once, shown on both pages."""

    code: Text = Field(description="The other code as `<service-slug>/<code>`.")
    why: Text = Field(description="A few words on why the two are related.")


class Provenance(Frozen):
    """Where the facts of an entry come from."""

    source: Slug = Field(description="`id` of one of the service's `sources`.")
    section: Text = Field(description="The section or table of the document that lists the code.")
    note: Text | None = Field(
        default=None, description="Anything a reviewer must know: a discrepancy, a derived fact."
    )


class Retirement(Frozen):
    """A code no longer documented keeps its page, marked retired."""

    since: Text = Field(description="Date (YYYY-MM-DD) the code was retired.")
    reason: Text = Field(description="Why, in one sentence.")


class Entry(Frozen):
    """One error code of one service: one page on the site."""

    code: Code = Field(description="The code exactly as the service prints it: letters, digits, "
                       "spaces and `._:-` only.")
    title: Text = Field(
        max_length=100,
        description="One line in our words saying what went wrong (sentence case, no final period).",
    )
    group: Slug | None = Field(default=None, description="`id` of one of the service's `groups`.")
    http_status: tuple[HttpStatus, ...] = Field(
        default=(), description="HTTP status codes, only where the source documents them."
    )
    module: Text | None = Field(
        default=None, description="Module that raises the code, where the source says (ODPS-04 codes)."
    )
    severity: Annotated[int, Field(ge=1, le=5)] | None = Field(
        default=None, description="Severity 1 (lowest) to 5, where the code encodes it (ODPS-04 codes)."
    )
    messages: tuple[Message, ...] = Field(min_length=1, description="Every documented message, verbatim.")
    meaning: Text = Field(description="What the error means, in our words, in a sentence or three.")
    causes: tuple[Text, ...] = Field(min_length=1, description="Likely causes, most common first.")
    fix: tuple[Text, ...] = Field(min_length=1, description="Steps to fix it, in order.")
    provenance: Provenance = Field(description="Where the code, messages and statuses come from.")
    aliases: tuple[Alias, ...] = Field(default=(), description="Other names of the same error.")
    related: tuple[Relation, ...] = Field(default=(), description="Codes directly related to this one.")
    retired: Retirement | None = Field(default=None, description="Set when the code is retired; the page stays.")
    former_codes: tuple[Code, ...] = Field(
        default=(), description="Codes this entry was published under before it was renamed, in the same "
        "service. Their URLs redirect here forever: renaming a code means moving the old one here.")


class ServiceFile(Frozen):
    """The whole of one `catalog/<service>.yaml` file."""

    service: Service
    errors: tuple[Entry, ...] = Field(min_length=1)


def split_ref(ref: str) -> tuple[str, str]:
    """`<service-slug>/<code>`, the way relations and topics name a code, as (service, code)."""
    service, _, code = ref.partition("/")
    return service, code


def code_slug(code: str) -> str:
    """URL segment of a code: lower case, runs of spaces turned into one hyphen."""
    return re.sub(r"\s+", "-", code.strip()).lower()


class TopicMember(Frozen):
    """A code in a topic, with what sets it apart from the others."""

    code: Text = Field(description="The code as `<service-slug>/<code>`.")
    message: Slug | None = Field(
        default=None, description="`id` of the one message of that code that belongs here, if only one does.")
    difference: Text = Field(description="Our words: the one thing that matters for this member "
                             "(its limit, status or where it appears), where the documents say.")


class Topic(Frozen):
    """A family of errors across services with one shared cause and fix: a page at `/topics/<slug>/`."""

    slug: Slug = Field(description="URL segment of the topic page; never change it once published.")
    title: Text = Field(max_length=80, description="Name of the family, in our words.")
    summary: Text = Field(description="One line, our words.")
    explanation: Text = Field(description="The shared cause, in a few sentences of our own.")
    fix: tuple[Text, ...] = Field(min_length=1, description="The shared fix, steps in order.")
    members: tuple[TopicMember, ...] = Field(min_length=2, description="Its codes, across services.")


class Pair(Frozen):
    """A direct relation between two codes, written once and shown on both pages."""

    a: Text = Field(description="One code as `<service-slug>/<code>`.")
    b: Text = Field(description="The other code as `<service-slug>/<code>`.")
    why: Text = Field(description="A few words on why a reader of one needs the other.")


class Standalone(Frozen):
    """A code deliberately left without topic or relation, and why: a choice, not an accident."""

    code: Text = Field(description="The code as `<service-slug>/<code>`.")
    why: Text = Field(description="Why nothing else is related, in a sentence.")


class RelationsFile(Frozen):
    """The whole of `catalog/relations.yaml`: what links codes across services.

    Every code must be in a topic, in a relation, or listed under `standalone` with a reason.
    """

    topics: tuple[Topic, ...] = Field(default=(), description="Families of related errors.")
    relations: tuple[Pair, ...] = Field(default=(), description="Direct relations between two codes.")
    standalone: tuple[Standalone, ...] = Field(
        default=(), description="Codes with nothing related, each with the reason.")


class ExportedMessage(Frozen):
    """One message in `errors.json`."""

    text: str = Field(description="The message verbatim.")
    anchor: str = Field(description="Fragment of the message on the code's page (without `#`).")


class ExportedError(Frozen):
    """One code in `errors.json`: the public, machine-readable view of an entry."""

    service: str = Field(description="Service slug, as in the URL.")
    service_name: str = Field(description="Service name shown to readers.")
    code: str = Field(description="The code exactly as the service prints it.")
    url: str = Field(description="Page URL relative to the site root, ending in `/`.")
    title: str = Field(description="One-line summary in our words.")
    http_status: tuple[int, ...] = Field(description="Documented HTTP statuses; empty when undocumented.")
    messages: tuple[ExportedMessage, ...] = Field(description="Every documented message, verbatim.")
    module: str | None = Field(description="Module, where the code encodes it.")
    severity: int | None = Field(description="Severity 1-5, where the code encodes it.")
    group: str | None = Field(description="Part of the service's document the code belongs to.")
    aliases: tuple[str, ...] = Field(description="Other names the error goes by.")
    related: tuple[str, ...] = Field(description="Related codes as `<service>/<code>`, both directions.")
    topics: tuple[str, ...] = Field(description="Slugs of the topics the code belongs to (`/topics/<slug>/`).")
    retired: bool = Field(description="True when the code is retired; its page stays.")
    former_codes: tuple[str, ...] = Field(description="Codes the entry was published under before a rename; "
                                          "their URLs redirect to `url`.")
    source: str = Field(description="Title and section of the official document the facts come from.")


class ExportedCatalog(Frozen):
    """The whole of `errors.json`."""

    version: Literal[1] = Field(description="Format version; bumped only on incompatible changes.")
    errors: tuple[ExportedError, ...]

"""The catalog schema, declared once.

Every other stage derives from these models: validation (pydantic rejects
unknown keys and wrong types, and reports the path of the bad field), the
catalog-format page (built from the field descriptions) and `errors.json`.
Instances are frozen so that no later stage can change what was loaded.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

def _printable(value: str) -> str:
    """A control character (written as an escape in a quoted string) is never part of a message or our prose."""
    found = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value)
    if found:
        raise ValueError(f"contains the control character U+{ord(found.group(0)):04X}; remove it")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1), AfterValidator(_printable)]
OneLine = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, max_length=160),
                    AfterValidator(_printable)]
# Codes, service names and topic titles go into URLs, page titles and navigation, where MkDocs' theme
# templates print them unescaped; so they may hold no markup characters at all.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._:-]*$")]
PlainName = Annotated[str, StringConstraints(pattern=r"^[^<>&\"`]+$")]
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
HttpStatus = Annotated[int, Field(ge=100, le=599)]
WebAddress = Annotated[str, StringConstraints(pattern=r"^https://[A-Za-z0-9.-]+(?:/[^\s<>\"'`]*)?$")]
Repository = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")]


class Frozen(BaseModel):
    """Base for catalog models: immutable, and a typo in a key is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Source(Frozen):
    """Where facts are copied from: an official document under `shared/seeds/`, a public repository whose SDK,
    server or tool code prints the texts (cited file by file with `path`), or the vendor's own web pages (cited
    page by page with `path`)."""

    id: Slug = Field(description="Short name that entries, messages, variants and aliases cite as `source`.")
    title: Text = Field(description="The document's own title, or what the repository is.")
    file: Text | None = Field(
        default=None, description="The document's file under `shared/seeds/` (a document source).")
    repository: Repository | None = Field(
        default=None, description="`owner/name` of a public GitHub repository (a repository source).")
    updated: str | None = Field(
        default=None, description="The 'last updated' date the document shows, if any."
    )
    url: WebAddress | None = Field(
        default=None, description="For a document source: the vendor's official page of the document "
        "(`https://…`), linked from every page that cites it. Left out when it cannot be established.")
    official_pages: bool = Field(
        default=False, description="For a repository source: true when it holds the vendor's own published "
        "pages (official pages besides the service's list, such as troubleshooting pages), not code. A code "
        "only such pages define outranks one only SDK or server sources define for the short link `e/<code>/`.")
    pages: WebAddress | None = Field(
        default=None, description="For the vendor's own web pages (a page source), such as OSS's page for each "
        "`EC` detail code: the address the pages share, ending in `/`; a citation's `path` is the rest of its "
        "page's address (`user-guide/0017-00000804`). Official pages, like `official_pages`.")

    @property
    def is_document(self) -> bool:
        return self.file is not None

    @property
    def rank(self) -> int:
        """How official a code cited from here is, strongest first: 0 the service's official list (its
        document under `shared/seeds/`), 1 the vendor's other official pages, 2 SDK, server or tool sources."""
        return 0 if self.is_document else 1 if self.official_pages or self.pages else 2

    @property
    def home(self) -> str | None:
        """The page a source's title links to: its repository, its shared address, or its document's page."""
        return f"https://github.com/{self.repository}" if self.repository else self.pages or self.url

    def link(self, path: str | None) -> str | None:
        """Where a reader can open what is cited: the repository's file at its default branch, the cited page,
        or the document's page."""
        if self.repository and path:
            return f"https://github.com/{self.repository}/blob/HEAD/{path}"
        if self.pages and path:
            return self.pages + path
        return self.url


class GroupChinese(Frozen):
    """Our Chinese heading for a group on the Chinese site's service page (its anchor stays the English one)."""

    title: Text = Field(description="The group's heading in Chinese, our words.")


class NoteChinese(Frozen):
    """Our Chinese words for a note on a message, a printed variant or where a code comes from, on the Chinese
    site."""

    note: Text = Field(description="The note in Chinese, our words: backtick spans and quoted messages as in the "
                       "English.")


class Group(Frozen):
    """A part of a service's document kept apart on the service page."""

    id: Slug = Field(description="Short name that entries cite in `group`.")
    title: Text = Field(description="Heading of the group on the service page.")
    zh: GroupChinese | None = Field(default=None, description="The heading in Chinese (required once the catalog "
                                    "has Chinese).")


class ServiceChinese(Frozen):
    """Our Chinese words for a service on the Chinese site; its name stays as the vendor writes it."""

    description: Text = Field(description="What the service is, in Chinese, our words.")


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
        "hosts), compared in lower case at the start of a word; it breaks ties between codes of the same name.")
    operations: tuple["Operations", ...] = Field(
        default=(), description="API operation names the SDKs print (`when calling the PutObject operation`). "
        "Other products use the same names (Amazon S3), so they rank this service's pages higher but never make "
        "a match confident.")
    codes_need_context: bool = Field(
        default=False, description="True when other products use the same codes or messages (S3-style names, "
        "bare numbers): the search then claims a match with confidence only when the paste also shows one of "
        "`search_hints`.")
    zh: ServiceChinese | None = Field(default=None, description="Our Chinese description (required once the "
                                      "catalog has Chinese; the Chinese site shows it).")

    def source(self, source_id: str) -> Source | None:
        """The declared source that a citation's `source` names, or None."""
        return next((source for source in self.sources if source.id == source_id), None)


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
    zh: NoteChinese | None = Field(default=None, description="The note in Chinese (required for a message with a "
                                   "note once the catalog has Chinese).")
    lang: Literal["en", "zh"] = Field(default="en", description="Language of the text.")


class Cited(Frozen):
    """A fact with the source it is copied from: a document's section, or a repository's file."""

    source: Slug = Field(description="`id` of one of the service's `sources`.")
    section: Text | None = Field(
        default=None, description="For a document source: the section or table that holds the fact.")
    path: Text | None = Field(
        default=None, description="For a repository source: the file that holds the fact; for a page source: "
        "the page, as the rest of its address after the source's `pages`.")


class Operations(Cited):
    """API operation names that a service's SDKs print, copied from the file that declares them."""

    names: tuple[PlainName, ...] = Field(
        min_length=1, description="Operation names exactly as written (`PutObject`), compared in lower case at "
        "the start of a word.")


Service.model_rebuild()  # `operations` names Operations, declared after Service beside the other citations


Origin = Literal["server", "sdk", "tool", "test", "doc"]


class Variant(Cited):
    """A text a program prints for this code beyond the documented messages, copied verbatim from its source."""

    id: Slug = Field(description="Stable anchor of this text on the page (`#variant-<id>`). Never change it "
                     "once published.")
    text: Text = Field(description="The text exactly as the source writes it. With `template`, each `{name}` "
                       "stands for a part filled in at run time (a format placeholder or a value joined on).")
    origin: Origin = Field(
        description="Who prints it, the strength of the evidence: `server` (the service's server, or an SDK's "
        "table of server texts), `sdk` (a client library itself), `tool` (a console, CLI or data-integration "
        "tool), `test` (only a test that fakes a server response: weaker), `doc` (another official document).")
    template: bool = Field(default=False, description="True when parts of the text are filled in at run time.")
    lang: Literal["en", "zh"] = Field(default="en", description="Language of the text.")
    note: Text | None = Field(default=None, description="Our words: when it appears, where that is useful.")
    zh: NoteChinese | None = Field(default=None, description="The note in Chinese (required for a variant with a "
                                   "note once the catalog has Chinese).")


class Alias(Cited):
    """Another name the same error goes by, with the file or section that shows it."""

    name: Text = Field(description="The other name, as it appears in output.")
    kind: Literal["error_name", "exception", "enum", "detail_code", "header", "other"] = Field(
        description="What kind of name it is: `error_name` (an error name in a response body), `exception` "
        "(an SDK's exception class), `enum` (a constant in code), `detail_code` (an OSS `EC` code), "
        "`header` (a response header value), `other`."
    )


class Chinese(Frozen):
    """Our Chinese words for a code: its title, what a Chinese reader types when they hit it, and the page's
    explanations in Chinese (written, not translated word for word; messages are never translated).

    The fields after `terms` may be left out of a catalog with no other Chinese; once anything in it has Chinese,
    validation requires them all (`first_try` where the English has one), with as many causes and steps as the
    English."""

    title: Text = Field(max_length=60, description="The title in Chinese, our words.")
    terms: tuple[Text, ...] = Field(
        min_length=1, description="Short phrases a Chinese user would type for this symptom (search terms; never "
        "the code, an alias or a piece of the message).")
    first_try: OneLine | None = Field(default=None, description="The first thing to try, in Chinese.")
    meaning: Text | None = Field(default=None, description="What the error means, in Chinese.")
    causes: tuple[Text, ...] = Field(default=(), description="Likely causes in Chinese: the English ones, one for "
                                     "one, in the same order.")
    fix: tuple[Text, ...] = Field(default=(), description="Steps to fix it, in Chinese: the English steps, one "
                                  "for one, in the same order.")


class ReasonChinese(Frozen):
    """Our Chinese words for why codes are related, or why nothing is, shown on the Chinese site's code pages."""

    why: Text = Field(description="The reason, in Chinese, our words.")


class Relation(Frozen):
    """A direct link to another code; written once, shown on both pages."""

    code: Text = Field(description="The other code as `<service-slug>/<code>`.")
    why: Text = Field(description="A few words on why the two are related.")
    zh: ReasonChinese | None = Field(default=None, description="The reason in Chinese (required once the catalog "
                                     "has Chinese).")


class Provenance(Cited):
    """Where the code, its documented messages and statuses come from: an official document's section,
    or, for a code the documents leave out, the repository file that defines it."""

    note: Text | None = Field(
        default=None, description="Anything a reviewer must know: a discrepancy, a derived fact."
    )
    zh: NoteChinese | None = Field(default=None, description="The note in Chinese (required where there is a note "
                                   "once the catalog has Chinese).")


def _written_day(value: object) -> object:
    """YAML reads an unquoted `2026-11-01` as a date: take it as the text it was written as."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _real_day(value: str) -> str:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            datetime.date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise ValueError("must be a real date written YYYY-MM-DD")


Day = Annotated[str, BeforeValidator(_written_day), AfterValidator(_real_day)]


class Retirement(Frozen):
    """A code no longer documented keeps its page, marked retired."""

    since: Day = Field(description="Date (YYYY-MM-DD, quoted or not) the code was retired.")
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
    messages: tuple[Message, ...] = Field(min_length=1, description="Every documented message, verbatim "
                                          "(from the source named in `provenance`).")
    variants: tuple[Variant, ...] = Field(
        default=(), description="Other texts programs print for this code, each with its source: shown under "
        "'Also printed as'.")
    meaning: Text = Field(description="What the error means, in our words, in a sentence or three.")
    causes: tuple[Text, ...] = Field(min_length=1, description="Likely causes, most common first.")
    fix: tuple[Text, ...] = Field(min_length=1, description="Steps to fix it, in order.")
    first_try: OneLine | None = Field(
        default=None,
        description="Our words: the one thing to try first, as a short imperative line (at most 160 characters) "
        "taken from `fix` and `causes`; shown beside the facts at the top of the page. Every code of the real "
        "catalog has one (the integrity tests check it).")
    provenance: Provenance = Field(description="Where the code, messages and statuses come from.")
    aliases: tuple[Alias, ...] = Field(default=(), description="Other names of the same error.")
    terms: tuple[Text, ...] = Field(
        default=(), description="Our words: short phrases an English-speaking user would type or write in an issue "
        "for this symptom, beyond the entry's own text (search terms; never a piece of a message, nor the code or an alias).")
    zh: Chinese | None = Field(default=None, description="Our Chinese title, search terms and explanations "
                               "(required, every field, once the catalog has Chinese).")
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


@functools.lru_cache(maxsize=1 << 16)
def code_slug(code: str) -> str:
    """URL segment of a code: lower case, runs of spaces turned into one hyphen. Remembered: linking asks for
    each code's slug several times per build (15,000 times at 3,000 codes), and `make serve` builds again."""
    return re.sub(r"\s+", "-", code.strip()).lower()


class MemberChinese(Frozen):
    """Our Chinese words for what sets a topic member apart, on the Chinese site's topic and code pages."""

    difference: Text = Field(description="The member's difference, in Chinese, our words.")


class TopicMember(Frozen):
    """A code in a topic, with what sets it apart from the others."""

    code: Text = Field(description="The code as `<service-slug>/<code>`.")
    message: Slug | None = Field(
        default=None, description="`id` of the one message of that code that belongs here, if only one does.")
    difference: Text = Field(description="Our words: the one thing that matters for this member "
                             "(its limit, status or where it appears), where the documents say.")
    zh: MemberChinese | None = Field(default=None, description="What sets it apart, in Chinese (required once the "
                                     "catalog has Chinese).")


class TopicChinese(Frozen):
    """Our Chinese words for a topic page on the Chinese site: every text of the topic but its members' notes,
    which each member carries in its own `zh`."""

    title: PlainName = Field(max_length=80, description="Name of the family in Chinese (no `<`, `>`, `&`, "
                             "quotes or backticks).")
    summary: Text = Field(description="One line, in Chinese.")
    explanation: Text = Field(description="The shared cause, in Chinese.")
    fix: tuple[Text, ...] = Field(default=(), description="The shared fix in Chinese: the English steps, one for "
                                  "one, in the same order (required once the catalog has Chinese).")


class Topic(Frozen):
    """A family of errors across services with one shared cause and fix: a page at `/topics/<slug>/`."""

    slug: Slug = Field(description="URL segment of the topic page; never change it once published.")
    title: PlainName = Field(max_length=80, description="Name of the family, in our words; it becomes the page's "
                             "title and a heading (no `<`, `>`, `&`, quotes or backticks).")
    summary: Text = Field(description="One line, our words.")
    explanation: Text = Field(description="The shared cause, in a few sentences of our own.")
    fix: tuple[Text, ...] = Field(min_length=1, description="The shared fix, steps in order.")
    members: tuple[TopicMember, ...] = Field(min_length=2, description="Its codes, across services.")
    former_anchors: tuple[Slug, ...] = Field(
        default=(), description="Anchors the topic page published before (such as a heading that named the "
        "number of members); they stay on the page forever.")
    zh: TopicChinese | None = Field(default=None, description="Our Chinese title, summary, explanation and fix "
                                    "(required once the catalog has Chinese; the Chinese site shows them).")


class Pair(Frozen):
    """A direct relation between two codes, written once and shown on both pages."""

    a: Text = Field(description="One code as `<service-slug>/<code>`.")
    b: Text = Field(description="The other code as `<service-slug>/<code>`.")
    why: Text = Field(description="A few words on why a reader of one needs the other.")
    zh: ReasonChinese | None = Field(default=None, description="The reason in Chinese (required once the catalog "
                                     "has Chinese).")


class Standalone(Frozen):
    """A code deliberately left without topic or relation, and why: a choice, not an accident."""

    code: Text = Field(description="The code as `<service-slug>/<code>`.")
    why: Text = Field(description="Why nothing else is related, in a sentence.")
    zh: ReasonChinese | None = Field(default=None, description="The reason in Chinese (required once the catalog "
                                     "has Chinese).")


class RelationsFile(Frozen):
    """The whole of `catalog/relations.yaml`: what links codes across services.

    Every code must be in a topic, in a relation, or listed under `standalone` with a reason.
    """

    topics: tuple[Topic, ...] = Field(default=(), description="Families of related errors.")
    relations: tuple[Pair, ...] = Field(default=(), description="Direct relations between two codes.")
    standalone: tuple[Standalone, ...] = Field(
        default=(), description="Codes with nothing related, each with the reason.")


class ExportedSource(Frozen):
    """Where one exported fact is copied from."""

    title: str = Field(description="Title of the document or repository.")
    section: str | None = Field(description="Section of the document, for a document.")
    repository: str | None = Field(description="`owner/name` on GitHub, for a repository.")
    path: str | None = Field(description="File in the repository, for a repository; the page, for the vendor's "
                             "web pages.")
    page: str | None = Field(default=None, description="Address of the cited page on the vendor's site, for the "
                             "vendor's web pages (not on this site, unlike the records' `url`).")


class ExportedPlaceholder(Frozen):
    """A part of a message filled in at run time (`{0}`, `{name}`, `%s`, `xxx`): the parts the paste search
    skips (search.PLACEHOLDER, in any letter case)."""

    start: int = Field(description="Offset of its first character in `text`, in code points.")
    end: int = Field(description="Offset just past its last character.")
    text: str = Field(description="The placeholder as written in the message.")


PATTERN_DESCRIPTION = (
    "A regular expression that finds the text in a log line, whatever its placeholders were filled in with: "
    "the literal parts escaped, each placeholder `(.+?)`, each run of spaces `\\s+`. The same pattern works in "
    "Python's `re` and JavaScript; it is not anchored.")


class ExportedMessage(Frozen):
    """One documented message in `errors.json`."""

    text: str = Field(description="The message verbatim.")
    anchor: str = Field(description="Fragment of the message on the code's page (without `#`).")
    url: str = Field(description="Absolute URL of the message on the code's page.")
    placeholders: tuple[ExportedPlaceholder, ...] = Field(description="The parts filled in at run time.")
    pattern: str = Field(description=PATTERN_DESCRIPTION)


class ExportedVariant(Frozen):
    """One text a program prints for the code beyond the documented messages (observed, not documented)."""

    text: str = Field(description="The text verbatim. With `template`, each `{name}` is filled in at run time.")
    anchor: str = Field(description="Fragment of the text on the code's page (without `#`).")
    origin: str = Field(description="`server`, `sdk`, `tool`, `test` (only a test that fakes a response: "
                        "weaker evidence) or `doc`.")
    template: bool = Field(description="True when parts of the text are filled in at run time.")
    lang: str = Field(description="`en` or `zh`.")
    source: ExportedSource = Field(description="Where the text is copied from.")
    url: str = Field(description="Absolute URL of the text on the code's page.")
    placeholders: tuple[ExportedPlaceholder, ...] = Field(description="The parts filled in at run time.")
    pattern: str = Field(description=PATTERN_DESCRIPTION)


class ExportedAlias(Frozen):
    """Another name of the code, with its kind."""

    name: str = Field(description="The name as it appears in output.")
    kind: str = Field(description="`error_name`, `exception`, `enum`, `detail_code`, `header` or `other`.")
    source: ExportedSource = Field(description="Where the name is copied from.")


class ExportedError(Frozen):
    """One code in `errors.json`: the public, machine-readable view of an entry."""

    service: str = Field(description="Service slug, as in the URL.")
    service_name: str = Field(description="Service name shown to readers.")
    code: str = Field(description="The code exactly as the service prints it.")
    url: str = Field(description="Absolute URL of the code's page, ending in `/` (`site_url` followed by `path`).")
    path: str = Field(description="Page URL relative to the site root, ending in `/`.")
    title: str = Field(description="One-line summary in our words.")
    first_try: str | None = Field(description="The first thing to try, one line in our words.")
    http_status: tuple[int, ...] = Field(description="Documented HTTP statuses; empty when undocumented.")
    messages: tuple[ExportedMessage, ...] = Field(description="Every documented message, verbatim.")
    variants: tuple[ExportedVariant, ...] = Field(
        description="Texts programs print for the code beyond `messages`, each with its source. A documented "
        "message is what the official list says; a variant is what an SDK, server or tool was read to print.")
    module: str | None = Field(description="Module, where the code encodes it.")
    severity: int | None = Field(description="Severity 1-5, where the code encodes it.")
    group: str | None = Field(description="Part of the service's document the code belongs to.")
    aliases: tuple[str, ...] = Field(description="Other names the error goes by (the names of `alias_details`).")
    alias_details: tuple[ExportedAlias, ...] = Field(description="Other names with their kind and source.")
    documented: bool = Field(description="True when the code is in the service's official list; false for a "
                             "code only its SDK or server sources define (`source` names them).")
    related: tuple[str, ...] = Field(description="Related codes as `<service>/<code>`, both directions.")
    topics: tuple[str, ...] = Field(description="Slugs of the topics the code belongs to (`/topics/<slug>/`).")
    retired: bool = Field(description="True when the code is retired; its page stays.")
    former_codes: tuple[str, ...] = Field(description="Codes the entry was published under before a rename; "
                                          "their URLs redirect to `url`.")
    source: str = Field(description="Title and section of the official document the facts come from, or the "
                        "repository and file that define the code.")


class ExportedCatalog(Frozen):
    """The whole of `errors.json`."""

    version: Literal[2] = Field(description="Format version; bumped only on incompatible changes (2: `url` "
                                "became absolute, the relative one is `path`).")
    site_url: str = Field(description="Where the site is published, ending in `/`; every `url` starts with it.")
    errors: tuple[ExportedError, ...]

"""A code's page in the terminal (`errdocs explain`), from its explain record (`explain_data.py`).

Plain text for a pipe or a file (the same lines whatever the width, nothing but the text); on a terminal
the same sections rendered by rich: wrapped to the width, headings in colour (none under `NO_COLOR`,
which rich honours), long pages through the pager. rich is imported only here, so `lookup` never pays
for it."""

from __future__ import annotations


def _absolute(site_url: str, url: str) -> str:
    return f"{site_url.rstrip('/')}/{url}" if site_url else url


def find_records(records: list[dict], query: str) -> list[dict]:
    """The records whose code, former code or alias is `query`, in any letter case and with spaces or
    hyphens alike, optionally as `<service>/<name>`."""
    def key(name: str) -> str:
        return "-".join(name.split()).lower()

    service, _, name = query.strip().rpartition("/")
    wanted = key(name)
    return [record for record in records
            if wanted in {key(n) for n in (record["code"], *record["former_codes"], *record["aliases"])}
            and (not service or record["service"] == service.lower())]


def plain_page(record: dict, site_url: str = "") -> str:
    """A code's page as plain text, like `rustc --explain`; URLs absolute when `site_url` is given."""
    lines = [f"{record['code']} ({record['service_name']})", record["title"], ""]
    lines += [f"{label}: {value}" for label, value in record["facts"]]
    if record["retired"]:
        lines.append(f"RETIRED {record['retired']}")
    if record["first_try"]:
        lines += ["", f"First thing to try: {record['first_try']}"]
    lines += ["", "Message:" if len(record["messages"]) == 1 else "Messages:"]
    for text, note in record["messages"]:
        lines.append("    " + text.replace("\n", "\n    "))
        if note:
            lines.append(f"  ({note})")
    if record["variants"]:
        lines += ["", "Also printed as:"]
        for text, origin in record["variants"]:
            lines.append("    " + text.replace("\n", "\n    "))
            lines.append(f"  ({origin})")
    lines += ["", "What it means:", record["meaning"], "", "Likely causes:"]
    lines += [f"  - {cause}" for cause in record["causes"]]
    lines += ["", "How to fix it:"]
    lines += [f"  {n}. {step}" for n, step in enumerate(record["fix"], 1)]
    if record["related"]:
        lines += ["", "Related errors:"]
        lines += [f"  - {code}: {why}" for code, why in record["related"]]
    for title, url, siblings in record["topics"]:
        lines += ["", f"Topic: {title} ({_absolute(site_url, url)})"]
        lines += [f"  - {code}: {why}" for code, why in siblings]
    lines += ["", f"Page: {_absolute(site_url, record['url'])}"]
    return "\n".join(lines) + "\n"


def show_pages(records: list[dict], site_url: str, heading: str = "") -> None:
    """Print pages on the terminal: wrapped, in colour unless NO_COLOR is set, through the pager when
    they do not fit on the screen."""
    from rich.console import Console, Group
    from rich.text import Text

    console = Console()
    parts: list = [Text(heading + "\n", style="yellow")] if heading else []
    for record in records:
        parts += _rich_page(record, site_url)
    page = Group(*parts)
    if len(console.render_lines(page, console.options, pad=False)) > console.height:
        with console.pager(styles=True):
            console.print(page)
    else:
        console.print(page)


def _rich_page(record: dict, site_url: str) -> list:
    from rich.padding import Padding
    from rich.text import Text

    def section(title: str, *body) -> list:
        return [Text(""), Text(title, style="bold cyan"), *body]

    def text_block(text: str, note: str) -> Padding:
        block = Text(text, style="green")
        if note:
            block.append(f"\n({note})", style="dim")
        return Padding(block, (0, 0, 0, 4))

    def listed(items: list[str], numbered: bool = False) -> list:
        return [Padding(Text(f"{f'{n}.' if numbered else '-'} {item}"), (0, 0, 0, 2)) for n, item in
                enumerate(items, 1)]

    head = Text(record["code"], style="bold")
    head.append(f" ({record['service_name']})", style="dim")
    parts: list = [head, Text(record["title"], style="bold"), Text("")]
    parts += [Text.assemble((f"{label}: ", "dim"), value) for label, value in record["facts"]]
    if record["retired"]:
        parts.append(Text(f"RETIRED {record['retired']}", style="bold red"))
    if record["first_try"]:
        parts += [Text(""), Text.assemble(("First thing to try: ", "bold yellow"), record["first_try"])]
    parts += section("Message:" if len(record["messages"]) == 1 else "Messages:",
                     *[text_block(text, note) for text, note in record["messages"]])
    if record["variants"]:
        parts += section("Also printed as:", *[text_block(text, origin) for text, origin in record["variants"]])
    parts += section("What it means:", Text(record["meaning"]))
    parts += section("Likely causes:", *listed(record["causes"]))
    parts += section("How to fix it:", *listed(record["fix"], numbered=True))
    if record["related"]:
        parts += section("Related errors:", *listed([f"{code}: {why}" for code, why in record["related"]]))
    for title, url, siblings in record["topics"]:
        parts += section(f"Topic: {title}", Text(_absolute(site_url, url), style="blue underline"),
                         *listed([f"{code}: {why}" for code, why in siblings]))
    page_url = _absolute(site_url, record["url"])
    parts += [Text(""), Text.assemble(("Page: ", "bold cyan"), (page_url, f"blue underline link {page_url}")),
              Text("")]
    return parts

"""The words the generated pages print around the catalog's text, in each language the site is published in.

The catalog's own text (titles, explanations) comes from the catalog in each language; these are the
headings, labels and connecting sentences. Headings carry explicit anchors (`pages.py`), so a Chinese page
has the same `#anchors` as its English one.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field


class SearchLabels(BaseModel):
    """The paste search's words around its matches. `docs/assets/errdocs-search.js` carries the English ones
    (a test keeps them equal to these); a site in another language publishes its own with the codes' titles
    (`search_script.SearchTranslation`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    best: str = Field(description="Heading of a sure answer; also the name of the block for screen readers.")
    possible: str = Field(description="Heading when no match is sure.")
    foreign: str = Field(description="Note when the paste names another product; `{products}` is the list.")
    separator: str = Field(description="Between two products in that list.")
    products: dict[str, str] = Field(default={}, description="Other products as the matcher names them "
                                     "(search.FOREIGN and the ODPS family), in this language; a product not "
                                     "listed is shown as it is.")
    details: dict[str, str] = Field(description="What the paste itself tells (search.details), by its name.")
    clock_skew: str = Field(description="Label of the difference between the request and server times.")
    skew: str = Field(description="That difference: `{minutes}`, and `{direction}`, one of the two below.")
    client_behind: str = Field(description="The client's clock is behind the server's.")
    client_ahead: str = Field(description="The client's clock is ahead of the server's.")


ENGLISH_SEARCH = SearchLabels(
    best="Best match for the pasted error", possible="Possible matches for the pasted error",
    foreign="The paste names {products}: these pages are only possible matches, the error may come from there.",
    separator=", ",
    details={"request_id": "Request ID", "ec": "EC detail code", "privilege": "Missing privilege", "object": "On",
             "request_time": "Request time", "server_time": "Server time"},
    clock_skew="Clock skew", skew="{minutes} minutes ({direction})", client_behind="client behind server",
    client_ahead="client ahead of server",
)

# Our words; products keep the names their vendors use in Chinese.
CHINESE_SEARCH = SearchLabels(
    best="与粘贴的错误最匹配的页面", possible="可能与粘贴的错误匹配的页面",
    foreign="粘贴的内容提到了{products}：以下页面只是可能的匹配，错误可能来自那里。",
    separator="、",
    products={
        "Amazon S3": "Amazon S3", "Huawei Cloud OBS": "华为云 OBS", "Google Cloud": "Google Cloud",
        "Microsoft Azure": "Microsoft Azure", "nginx": "nginx", "another Alibaba Cloud API": "阿里云的其他 API",
        "Tencent Cloud COS": "腾讯云 COS", "MinIO": "MinIO", "Discord": "Discord",
        "a WebSocket close code": "WebSocket 关闭码", "Hologres": "Hologres", "Huawei Cloud DLI": "华为云 DLI",
        "Huawei Cloud API Gateway": "华为云 API 网关", "Ray": "Ray", "Qiniu Kodo": "七牛云 Kodo",
        "Kingsoft Cloud KS3": "金山云 KS3", "Volcengine TOS": "火山引擎 TOS", "Cloudflare R2": "Cloudflare R2",
        "Backblaze B2": "Backblaze B2", "Wasabi": "Wasabi", "DigitalOcean Spaces": "DigitalOcean Spaces",
        "Ceph": "Ceph", "Baidu AI Cloud BOS": "百度智能云 BOS", "China Telecom Cloud OOS": "天翼云 OOS",
        "a MaxCompute error family this reference does not cover (only ODPS-04 codes are here)":
            "本参考未收录的 MaxCompute 错误类别（这里只有 ODPS-04 开头的错误码）",
        "Amazon S3 or an S3-compatible store (its HostId is a request hash, not an OSS host)":
            "Amazon S3 或兼容 S3 的存储（其 HostId 是请求的哈希值，不是 OSS 的主机名）",
        "an error code this reference does not have": "本参考未收录的错误码",
    },
    details={"request_id": "请求 ID", "ec": "EC 错误详情码", "privilege": "缺少的权限", "object": "作用对象",
             "request_time": "请求时间", "server_time": "服务端时间"},
    clock_skew="时钟偏差", skew="{minutes} 分钟（{direction}）", client_behind="客户端时钟慢于服务端",
    client_ahead="客户端时钟快于服务端",
)


@dataclass(frozen=True)
class Labels:
    """Every fixed text of the generated pages in one language; `{name}` parts are filled in by pages.py."""

    lang: str
    search: SearchLabels
    # Theme words mkdocs.yml would give in English: headings' permalinks, the palette toggles.
    permalink: str
    dark_mode: str
    light_mode: str
    # A label ends in a colon (the facts' names get `colon`), then `label_gap` before its text: Chinese writes
    # the full-width colon with no space after it, as the vendors' Chinese documents do (最后更新：2024-05-10).
    colon: str
    label_gap: str
    service: str
    http_status: str
    not_documented: str
    status_or: str
    module: str
    severity: str
    severity_of: str
    kind: str
    also_seen_as: str
    last_changed: str
    last_changed_title: str
    copy_link: str
    copy_link_to: str
    this_page: str
    this_message: str
    this_text: str
    first_try: str
    all_steps: str
    retired_on: str
    message: str
    messages: str
    message_n_of: str
    link_to_message: str
    how_to_fix: str
    what_it_means: str
    likely_causes: str
    related_errors: str
    source: str
    report_question: str
    report_link: str
    origins: dict[str, str]
    also_printed_as: str
    variants_intro: str
    more: str
    section: str
    copied_from: str
    last_updated: str
    not_in_official_list: str
    variants_cited: str
    other_names: str
    note: str
    nothing_related: str
    related_reason: str
    whole_family: str
    family_count: str
    and_more_on_topic: str
    shared_fix: str
    family_members: str
    topic_columns: str
    services: str
    services_description: str
    services_intro: str
    topics: str
    topics_description: str
    topics_intro: str
    topics_columns: str
    codes_columns: str
    more_messages: str
    service_title: str
    codes_from: str
    services_columns: str
    offline_unbuilt: str
    offline_download: str
    # Written by docs/assets/errdocs.js, which reads them from the generated HTML (pages.py): the service page's
    # filter (`{total}`, `{shown}`, `{query}` filled in as the reader types) and the copy button's confirmation.
    filter_placeholder: str
    filter_label: str
    codes_count: str
    codes_shown: str
    codes_none: str
    link_copied: str
    # The 404 page (overrides/404.html) and its resolver (docs/assets/errdocs-not-found.js); `{name}` parts
    # become links there.
    not_found: dict[str, str]


ENGLISH = Labels(
    search=ENGLISH_SEARCH,
    permalink="Permanent link", dark_mode="Switch to dark mode", light_mode="Switch to light mode",
    colon=":", label_gap=" ",
    lang="en", service="Service", http_status="HTTP status", not_documented="not documented", status_or=" or ",
    module="Module", severity="Severity", severity_of="{severity} of 5", kind="Kind", also_seen_as="Also seen as", last_changed="Last changed",
    last_changed_title="When this entry last changed in the catalog", copy_link="Copy link",
    copy_link_to="Copy a link to {what}", this_page="this page", this_message="this message", this_text="this text",
    first_try="First thing to try:", all_steps="All steps", retired_on="Retired on {day}",
    message="Message", messages="Messages", message_n_of="Message {number} of {count}",
    link_to_message="Link to this message", how_to_fix="How to fix it", what_it_means="What it means",
    likely_causes="Likely causes", related_errors="Related errors", source="Source",
    report_question="Is something on this page wrong, or does your SDK print another message?",
    report_link="Report a problem with this page",
    origins={
        "server": "Printed by the service",
        "sdk": "Printed by the SDK",
        "tool": "Printed by a tool",
        "test": "Seen only in a test that fakes a response (weaker evidence)",
        "doc": "From another official document",
    },
    also_printed_as="Also printed as",
    variants_intro="{count} text{plural} that SDKs, servers and tools print for this code besides the documented "
                   "message, each copied from the source named under it. Parts in `{{braces}}` are filled in when "
                   "the text is printed.",
    more="{count} more", section="section", copied_from="Code, messages and statuses are copied from {title}{updated}, "
    "section *{section}*. The explanation above is ours.", last_updated=", last updated {day}",
    not_in_official_list="This code is not in the official list of {service} errors: it is defined in {citation}, "
                         "where the code and its message are copied from. The explanation above is ours.",
    variants_cited="Each text under *Also printed as* names the file it is copied from.", other_names="Other names:",
    note="Note:", nothing_related="No other error is related to {code}.",
    related_reason="{title}. {why}", whole_family="The whole family", family_count="({count} errors).",
    and_more_on_topic="And {count} more on the [topic page]({href}).", shared_fix="Shared fix",
    family_members="The {count} errors of this family",
    topic_columns="| Code | Service | What is particular to it |", services="Services",
    services_description="The services whose error codes this site explains",
    services_intro="Each service's page lists all its codes in a table you can filter and sort; every code links "
                   "to its own page.",
    topics="Topics", topics_description="Families of errors that share a cause across services",
    topics_intro="The same failure shows up under different codes in different services. Each topic explains "
                 "the shared cause and fix once and lists its members.",
    topics_columns="| Topic | Errors | In short |", codes_columns="| Code | HTTP status | Message | Summary |",
    more_messages="(+{count} more)", service_title="{name} error codes", codes_from="{count} codes, from {sources}.",
    services_columns="| Service | Codes | What it is |",
    offline_unbuilt="The offline archive is published with the hosted site (`make offline` builds it).",
    offline_download="[Download the whole site for offline use]({href}) (zip, {size} MB): unpack it and open "
                     "`index.html`; search, pasted errors included, works from disk with no network.",
    filter_placeholder="Filter this table (code, status, message\u2026)", filter_label="Filter codes",
    codes_count="{total} codes", codes_shown="{shown} of {total} codes",
    codes_none="No codes match \u201c{query}\u201d (0 of {total}).", link_copied="Link copied",
    not_found={
        "title": "Page not found",
        "intro": "Nothing is published at this address. If it names an error code, this page looks it up and takes "
                 "you there.",
        "noscript": "Use the search box above, or the {link}.", "every_code": "list of every code",
        "nothing": "Nothing is published at this address.",
        "several": "This code exists in several services. Which one did you mean?",
        "confident": "It looks like this error:", "possible": "Pages that may match:",
        "search_for": "Search the site for “{query}”", "search": "Search the site",
        "browse": "{search}, or browse the services from the {home}.", "home": "home page",
    },
)

# Our words, in the terms the vendors' Chinese documentation uses (catalog/glossary.yaml).
CHINESE = Labels(
    search=CHINESE_SEARCH,
    permalink="永久链接", dark_mode="切换到深色模式", light_mode="切换到浅色模式",
    colon="：", label_gap="",
    lang="zh", service="服务", http_status="HTTP 状态码", not_documented="文档未说明", status_or=" 或 ",
    module="模块", severity="严重级别", severity_of="{severity}（最高 5）", kind="类别", also_seen_as="其他名称", last_changed="最后更新",
    last_changed_title="此条目在目录中最后一次修改的日期", copy_link="复制链接",
    copy_link_to="复制{what}的链接", this_page="本页", this_message="这条消息", this_text="这段文本",
    first_try="首先尝试：", all_steps="全部步骤", retired_on="已于 {day} 停用",
    message="错误消息", messages="错误消息", message_n_of="消息 {number} / {count}",
    link_to_message="指向这条消息的链接", how_to_fix="如何解决", what_it_means="含义",
    likely_causes="可能的原因", related_errors="相关错误", source="来源",
    report_question="本页有错误，或者您的 SDK 打印了其他消息？",
    report_link="报告本页的问题",
    origins={
        "server": "由服务端打印",
        "sdk": "由 SDK 打印",
        "tool": "由工具打印",
        "test": "仅见于模拟响应的测试（证据较弱）",
        "doc": "来自另一份官方文档",
    },
    also_printed_as="其他打印形式",
    variants_intro="除文档中的消息外，SDK、服务端和工具还会为此错误码打印以下 {count} 段文本，每段都原样摘自其下注明的"
                   "来源。花括号（`{{…}}`）中的部分在打印时填入实际值。",
    more="另外 {count} 条", section="章节", copied_from="错误码、消息和状态码摘自 {title}{updated}，章节 *{section}*。"
    "上面的说明由我们撰写。", last_updated="（最后更新于 {day}）",
    not_in_official_list="此错误码不在 {service} 的官方错误码列表中：它定义于 {citation}，错误码和消息均摘自该文件。"
                         "上面的说明由我们撰写。",
    variants_cited="“其他打印形式”下的每段文本都注明了摘自哪个文件。", other_names="其他名称：",
    note="注：", nothing_related="没有与 {code} 相关的其他错误。",
    related_reason="{title}。{why}", whole_family="查看整个错误族", family_count="（共 {count} 个错误）。",
    and_more_on_topic="另有 {count} 个，见[主题页面]({href})。", shared_fix="共同的解决方法",
    family_members="此错误族的 {count} 个错误",
    topic_columns="| 错误码 | 服务 | 它的特别之处 |", services="服务",
    services_description="本站解释其错误码的各项服务",
    services_intro="每项服务的页面都用一张可筛选、可排序的表格列出它的全部错误码；每个错误码都链接到自己的页面。",
    topics="主题", topics_description="在不同服务中原因相同的错误族",
    topics_intro="同一种故障在不同服务中会以不同的错误码出现。每个主题只解释一次共同的原因和解决方法，并列出其中的错误。",
    topics_columns="| 主题 | 错误数 | 简介 |", codes_columns="| 错误码 | HTTP 状态码 | 消息 | 摘要 |",
    more_messages="（另有 {count} 条）", service_title="{name} 错误码", codes_from="共 {count} 个错误码，来自{sources}。",
    services_columns="| 服务 | 错误码数 | 简介 |",
    offline_unbuilt="离线包随线上站点一同发布（由 `make offline` 生成）。",
    offline_download="[下载整个站点离线使用]({href})（zip，{size} MB）：解压后打开 `index.html`；无需网络，"
                     "搜索（包括粘贴错误信息搜索）同样可用。",
    filter_placeholder="筛选此表（错误码、状态码、消息…）", filter_label="筛选错误码",
    codes_count="共 {total} 个错误码", codes_shown="显示 {shown} 个，共 {total} 个错误码",
    codes_none="没有与“{query}”匹配的错误码（共 {total} 个）。", link_copied="链接已复制",
    not_found={
        "title": "页面不存在",
        "intro": "此地址下没有页面。如果地址中含有错误码，本页会查找该错误码并带您前往它的页面。",
        "noscript": "请使用上方的搜索框，或查看{link}。", "every_code": "全部错误码列表",
        "nothing": "此地址下没有页面。",
        "several": "多个服务都有这个错误码。您要找的是哪一个？",
        "confident": "看起来是这个错误：", "possible": "可能相关的页面：",
        "search_for": "在本站搜索“{query}”", "search": "搜索本站",
        "browse": "{search}，或从{home}浏览各项服务。", "home": "首页",
    },
)

LABELS = {"en": ENGLISH, "zh": CHINESE}

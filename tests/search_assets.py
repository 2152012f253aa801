"""Which requested files belong to the search, for the light-page tests and bench/page_weight.py alike."""

from __future__ import annotations

import re

# Material's index, worker and lunr language files, and the paste search (its matcher, index and a language's
# words); not the gate that holds them back, assets/errdocs-search-on-open.js.
SEARCH_FILES = re.compile(r"search_index\.json|/workers/search\.|/javascripts/lunr/|errdocs-index\.js|"
                          r"errdocs-search(?:\.[a-z]+)?\.js")

// Runs the site's matcher (docs/assets/errdocs-search.js) under Node for tests/test_search_parity.py:
// reads {"index": ..., "pastes": [...]} from the file named on the command line, prints one result per paste.
"use strict";
const fs = require("fs");
const path = require("path");
const matcher = require(path.join(__dirname, "..", "..", "docs", "assets", "errdocs-search.js"));
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = input.pastes.map((text) => {
  const result = matcher.match(input.index, text, input.limit || 5);
  result.matches.forEach((m) => { delete m.serviceName; });
  return { result: result, details: matcher.details(text) };
});
process.stdout.write(JSON.stringify(out));

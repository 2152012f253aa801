/* Paste an error, land on its page.
 *
 * The same matcher as src/errdocs/search.py, step for step, over the same index (assets/errdocs-index.js,
 * built by src/errdocs/search_index.py). tests/test_search_parity.py runs both, under Node, on real,
 * fixture and generated pastes and requires the same answer; change one, change the other. Rules that
 * keep them equal: cut the paste by code points, lower-case ASCII only, one spelt-out list of space
 * characters, never iterate over an object (integer-like keys would come first), add floats in the same
 * order, round with floor(x * k + 0.5) / k.
 *
 * It sits on top of Material's search without replacing it: on every input (typing, a paste with the
 * mouse, a `?q=` link) it shows the best matching error pages above Material's own results. Everything
 * from the paste or the catalog is written with textContent, never as HTML.
 */
(function () {
  "use strict";

  var VERSION = 11;
  var MAX_CHARS = 100000;
  var MAX_QUOTED = 16;  // search.MAX_QUOTED
  var PIECE_MIN = 16;  // search.PIECE_MIN
  // Weights and thresholds come with the index (index.weights, from search.WEIGHTS): one set of numbers.
  var SPACE = /[\t\n\x0b\x0c\r \x00-\x08\x0e-\x1f\x7f-\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  var TOKEN = /[a-z0-9_]+(?:[.\-][a-z0-9_]+)*/g;
  var WORD = /[a-z0-9]+/g;
  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var BETWEEN_CHINESE = /[\u2018\u2019\u201c\u201d\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/;
  var STOPWORDS = new Set();  // from the index (index.stopwords, search.STOPWORDS): set by useIndex()
  var VOCABULARY = new Set(), LONGEST_WORD = 0;  // from the index (index.chinese_words): set by useIndex()
  var FOREIGN_PATTERNS = [];  // from the index (index.foreign_patterns), compiled: set by useIndex()
  var WRITTEN_CODE = null;  // from the index (index.written_code), compiled: set by useIndex()
  var PLACEHOLDER = /\{[^{}]*\}|%[-0-9.]*[sdfv]|x{3,}/;
  var CODE_CONTEXT = /(?:code|error_id|errorcode|errcode|error_code|错误码|状态码)["' ]*[:=>：(\[]? ?["']? ?$/;
  var ODPS_CODE = /^odps-[0-9]{7}$/;
  var STATUS_WORD = /(?<![0-9.])[1-5][0-9]{2}(?![0-9.])/g;
  var X_OSS_ERR = /x-oss-err[ \t]*:[ \t]*([A-Za-z0-9+\/]{8,}=*)/gi;
  var ESCAPE = /\\(?:u([0-9a-fA-F]{4})|([nrt"]))/g;  // search.ESCAPE
  var ESCAPED = { n: "\n", r: "\r", t: "\t", "\"": "\"" };
  var DIGITS = /^[0-9]+$/;
  var ODPS_FAMILY = "a MaxCompute error family this reference does not cover (only ODPS-04 codes are here)";

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function r6(x) { return Math.floor(x * 1e6 + 0.5) / 1e6; }
  function r2(x) { return Math.floor(x * 100 + 0.5) / 100; }
  function numeric(a, b) { return a - b; }

  function cut(text) {
    if (text.length <= MAX_CHARS) { return text; }
    return Array.from(text.slice(0, 2 * MAX_CHARS)).slice(0, MAX_CHARS).join("");
  }

  function normalise(text) {
    return text.replace(/[A-Z]+/g, function (s) { return s.toLowerCase(); }).replace(SPACE, " ").replace(/^ +| +$/g, "");
  }

  function stem(word) {
    if (DIGITS.test(word)) { return word; }
    var n = word.length;
    if (n > 5 && word.slice(-3) === "ing") { return word.slice(0, -3); }
    if (n > 4 && (word.slice(-2) === "ed" || word.slice(-2) === "es")) { return word.slice(0, -2); }
    if (n > 3 && word.slice(-1) === "s" && word.slice(-2) !== "ss") { return word.slice(0, -1); }
    return word;
  }

  function keep(word) {
    return !STOPWORDS.has(word) && word.length <= 40 && !(word.length === 1 && DIGITS.test(word)) &&
      !/^x{2,}$/.test(word);
  }

  // search._kept_stem: the word's stem, or "" for a word that says nothing.
  function keptStem(word) { return keep(word) ? stem(word) : ""; }

  function proseWords(flat) {
    var out = new Set();
    (flat.match(WORD) || []).forEach(function (w) { var kept = keptStem(w); if (kept) { out.add(kept); } });
    return Array.from(out);
  }

  // search.typo_fixed: a word the index does not know, of `swap_min` letters or more and no digit, with two
  // neighbouring letters swapped back when exactly one such swap makes a word it knows; only the first
  // `max_query_terms` unknown words are tried. Order kept, no repeats.
  function typoFixed(words, index) {
    var w = index.weights, tried = 0;
    function known(word) { return has(index.prose, word) || has(index.idf, word); }
    var out = new Set();
    words.forEach(function (word) {
      if (word.length >= w.swap_min && !known(word) && /^[a-z]+$/.test(word) && tried < w.max_query_terms) {
        tried++;
        var swaps = new Set();
        for (var i = 0; i + 1 < word.length; i++) {
          var swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
          swaps.add(keptStem(swapped));
        }
        var hits = Array.from(swaps).filter(known);
        if (hits.length === 1) { word = hits[0]; }
      }
      out.add(word);
    });
    return Array.from(out);
  }

  function cjkTerms(flat) {
    var out = new Set();
    (flat.match(CJK) || []).forEach(function (run) {
      if (run.length === 1) { out.add(run); }
      for (var start = 0; start + 1 < run.length; start++) { out.add(run.slice(start, start + 2)); }
    });
    return Array.from(out);
  }

  // search.quoted_texts: the whole paste, and in a paste with Chinese each run of other text between Chinese
  // characters, full-width punctuation and curly quotes, 16 to 300 code points long.
  function quotedTexts(flat, flatLength) {
    var found = flatLength >= PIECE_MIN && flatLength <= 300 ? [flat] : [];
    var whole = found.length;
    if (flat.search(CJK) !== -1) {
      var runs = flat.split(BETWEEN_CHINESE);
      for (var i = 0; i < runs.length && found.length - whole < MAX_QUOTED; i++) {
        var run = runs[i].replace(/^[ "'`]+|[ "'`]+$/g, "");
        var length = Array.from(run).length;
        if (length >= PIECE_MIN && length <= 300 && found.indexOf(run) === -1) { found.push(run); }
      }
    }
    return found;
  }

  // search.chinese_words: the longest word of the index's vocabulary from the left; a character starting
  // none is skipped. CJK characters are single UTF-16 units, so string indexes count code points here.
  function chineseWords(flat) {
    var out = new Set();
    (flat.match(CJK) || []).forEach(function (run) {
      var start = 0;
      while (start < run.length) {
        var end = Math.min(run.length, start + LONGEST_WORD);
        while (end > start + 1 && !VOCABULARY.has(run.slice(start, end))) { end--; }
        if (end > start + 1) { out.add(run.slice(start, end)); start = end; } else { start++; }
      }
    });
    return Array.from(out);
  }

  function nearVariants(key) {
    var out = [key];
    for (var i = 0; i < key.length; i++) { out.push(key.slice(0, i) + key.slice(i + 1)); }
    return out;
  }

  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 2) { return 3; }
    var previous2 = [], previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) { previous.push(j); }
    for (i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          current[j] = Math.min(current[j], previous2[j - 2] + 1);
        }
      }
      previous2 = previous;
      previous = current;
    }
    return Math.min(previous[b.length], 3);
  }

  function pieces(token) {
    var out = token.split(/[.\-]/).filter(Boolean);
    var dotted = token.split(".").slice(0, 8);
    for (var start = 0; start < dotted.length; start++) {
      for (var end = start + 2; end <= dotted.length; end++) {
        if (!(start === 0 && end === dotted.length)) { out.push(dotted.slice(start, end).join(".")); }
      }
    }
    return out;
  }

  function tokens(text) {
    var out = [];
    (normalise(text).match(TOKEN) || []).forEach(function (token) {
      out.push(token);
      if (token.indexOf(".") !== -1 || token.indexOf("-") !== -1) { out.push.apply(out, pieces(token)); }
    });
    return out;
  }

  // search.with_decoded_escapes: a body logged as a quoted string read as the body; half of a surrogate pair
  // is left as written.
  function withDecodedEscapes(text) {
    if (text.indexOf("\\") === -1) { return text; }
    return text.replace(ESCAPE, function (escape, hex, letter) {
      if (hex === undefined) { return ESCAPED[letter]; }
      var point = parseInt(hex, 16);
      return point >= 0xD800 && point <= 0xDFFF ? escape : String.fromCharCode(point);
    });
  }

  function withDecodedHeaders(text) {
    var decoded = [], found, count = 0;
    X_OSS_ERR.lastIndex = 0;
    while ((found = X_OSS_ERR.exec(text)) !== null && count < 4) {
      count++;
      var value = found[1].slice(0, 8000).replace(/=+$/, "");
      if (value.length % 4 === 1) { continue; }
      try {
        var binary = atob(value + "===".slice(0, (4 - value.length % 4) % 4));
        var bytes = Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
        decoded.push(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
      } catch (e) { continue; }
    }
    return text + (decoded.length ? "\n" + decoded.join("\n") : "");
  }

  function wordChar(c) { return (c >= "a" && c <= "z") || (c >= "0" && c <= "9"); }

  function hinted(flat, hints) {
    for (var i = 0; i < hints.length; i++) {
      var start = flat.indexOf(hints[i]);
      while (start !== -1) {
        if (start === 0 || !wordChar(flat[start - 1])) { return true; }
        start = flat.indexOf(hints[i], start + 1);
      }
    }
    return false;
  }

  /* The 24 code points before `index` (Python slices strings by code point, JavaScript by UTF-16 unit). */
  function before(flat, index) {
    return Array.from(flat.slice(Math.max(0, index - 48), index)).slice(-24).join("");
  }

  var indexInUse = null;
  function useIndex(index) {
    if (indexInUse === index) { return; }
    STOPWORDS = new Set(index.stopwords);
    VOCABULARY = new Set(index.chinese_words);
    LONGEST_WORD = index.chinese_words.reduce(function (n, word) { return Math.max(n, word.length); }, 0);
    FOREIGN_PATTERNS = index.foreign_patterns.map(function (pair) { return [new RegExp(pair[0]), pair[1]]; });
    WRITTEN_CODE = new RegExp(index.written_code[0], "g");
    indexInUse = index;
  }

  function match(index, text, limit) {
    limit = limit || 5;
    if (index.version !== VERSION) { throw new Error("search index version " + index.version + ", expected " + VERSION); }
    useIndex(index);
    var raw = cut(text);
    var flat = normalise(withDecodedHeaders(withDecodedEscapes(raw)));
    // Length in code points where it matters (a paste of 16 to 300); past 600 units it is over 300 anyway.
    var flatLength = flat.length > 600 ? 601 : Array.from(flat).length;
    var entries = index.entries, w = index.weights;
    var found = new Map();

    function add(entry, score, reason, anchor, matched) {
      var current = found.get(entry);
      if (!current) {
        current = { entry: entry, score: 0.0, anchor: "", matched: "", reasons: [] };
        found.set(entry, current);
      }
      current.score += score;
      current.reasons.push(reason);
      if (anchor && !current.anchor) { current.anchor = anchor; }
      if (matched && !current.matched) { current.matched = matched; }
    }

    function addCode(entry) {
      var strong = !entries[entry].w || raw.indexOf(entries[entry].c) !== -1;
      add(entry, strong ? w.code : w.code_any_case, "code");
    }

    var seen = new Set(), foreign = [], checkedNear = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(flat)) !== null) {
      var token = m[0];
      var candidates = [token].concat(token.indexOf(".") !== -1 || token.indexOf("-") !== -1 ? pieces(token) : []);
      for (var i = 0; i < candidates.length; i++) {
        var candidate = candidates[i];
        if (seen.has(candidate)) { continue; }
        var isCode = has(index.codes, candidate);
        if (isCode && DIGITS.test(candidate) && !(flat === candidate || CODE_CONTEXT.test(before(flat, m.index)))) {
          continue;
        }
        seen.add(candidate);
        if (isCode) {
          index.codes[candidate].forEach(addCode);
        } else if (ODPS_CODE.test(candidate) && candidate.slice(0, 7) !== "odps-04" && foreign.indexOf(ODPS_FAMILY) === -1) {
          foreign.push(ODPS_FAMILY);
        }
        if (has(index.aliases, candidate)) {
          index.aliases[candidate].forEach(function (e) { add(e, w.alias, "alias"); });
        } else if (!isCode && candidate.length >= w.near_min && candidate.length <= 40 && !DIGITS.test(candidate) &&
                   checkedNear < w.max_query_terms) {
          checkedNear++;
          near(index, candidate, add);
        }
      }
    }
    index.phrase_codes.forEach(function (code) {
      var start = flat.indexOf(code);
      while (start !== -1) {
        var end = start + code.length;
        if ((start === 0 || !wordChar(flat[start - 1])) && (end === flat.length || !wordChar(flat[end]))) {
          index.codes[code].forEach(addCode);
          break;
        }
        start = flat.indexOf(code, start + 1);
      }
    });

    // The code is what identifies an error; a message is shared between codes more often than not.
    var written = new Set();
    found.forEach(function (current) {
      if (current.reasons.indexOf("code") !== -1 || current.reasons.indexOf("alias") !== -1) {
        written.add(entries[current.entry].s);
      }
    });
    var english = typoFixed(proseWords(flat), index);
    messages(index, flat, flatLength, english, add, function (e) { return found.has(e) || !written.has(entries[e].s); });
    prose(index, flat, english, add);

    var statuses = new Set(flat.match(STATUS_WORD) || []);
    var ascending = Array.from(found.keys()).sort(numeric);
    ascending.forEach(function (entry) {
      var current = found.get(entry);
      if (entries[entry].h.some(function (status) { return statuses.has(String(status)); })) {
        current.score += w.status;
        current.reasons.push("status");
      }
      if (entries[entry].d) { current.score += w.official_list; }
    });
    // A sign of the service in the paste: each of its pages already found gains `reason`'s weight.
    function boost(service, reason) {
      ascending.forEach(function (entry) {
        if (entries[entry].s === service) { found.get(entry).score += w[reason]; found.get(entry).reasons.push(reason); }
      });
    }
    var hintedServices = [];
    index.hints.forEach(function (pair) {
      if (hinted(flat, pair[1])) {
        hintedServices.push(pair[0]);
        boost(pair[0], "hint");
      }
    });
    index.operations.forEach(function (pair) {
      if (hinted(flat, pair[1])) { boost(pair[0], "operation"); }
    });
    index.foreign.forEach(function (pair) {
      if (foreign.indexOf(pair[1]) === -1 && flat.indexOf(pair[0]) !== -1) { foreign.push(pair[1]); }
    });
    FOREIGN_PATTERNS.forEach(function (pair) {
      if (foreign.indexOf(pair[1]) === -1 && pair[0].test(flat)) { foreign.push(pair[1]); }
    });

    // A tie goes to the code of an official list (oss/InvalidArgument before the Tunnel code the SDK adds).
    var ranked = Array.from(found.values()).sort(function (a, b) {
      return (r6(b.score) - r6(a.score)) || (entries[b.entry].d - entries[a.entry].d) || (a.entry - b.entry);
    }).slice(0, limit);
    var otherCode = index.written_code[1];
    if (ranked.length && foreign.indexOf(otherCode) === -1 && ranked[0].reasons.indexOf("code") === -1 &&
        ranked[0].reasons.indexOf("alias") === -1 && Array.from(flat.matchAll(WRITTEN_CODE)).some(function (found) {
          return !has(index.codes, found[1]) && !has(index.aliases, found[1]);
        })) {
      foreign.push(otherCode);
    }
    var confident = false;
    if (ranked.length && !foreign.length) {
      var top = ranked[0], service = entries[top.entry].s;
      var strong = top.reasons.indexOf("code") !== -1 || top.reasons.indexOf("alias") !== -1 ||
        top.reasons.indexOf("message!") !== -1 ||
        (top.reasons.indexOf("message?") !== -1 && hintedServices.indexOf(service) !== -1);
      // A code that is a plain phrase ("Connection reset") is everyone's error unless the paste names the service.
      var generic = !!entries[top.entry].w && hintedServices.indexOf(service) === -1;
      var needsHint = index.context.indexOf(service) !== -1 && hintedServices.indexOf(service) === -1;
      var margin = ranked.length === 1 || top.score - ranked[1].score >= w.confident_margin;
      confident = strong && !generic && !needsHint && top.score >= w.confident_score && margin;
    }
    return {
      matches: ranked.map(function (current) {
        var entry = entries[current.entry];
        var reasons = Array.from(new Set(current.reasons.map(function (r) { return r.replace(/[!?]+$/, ""); }))).sort();
        return { service: entry.s, code: entry.c, url: entry.u + (current.anchor ? "#" + current.anchor : ""),
                 title: entry.t, score: r2(current.score), matched: current.matched, reasons: reasons,
                 serviceName: entry.n };
      }),
      confident: confident,
      foreign: foreign
    };
  }

  function near(index, token, add) {
    var keys = [], marks = new Set();
    nearVariants(token).forEach(function (variant) {
      if (!has(index.near, variant)) { return; }
      index.near[variant].forEach(function (number) {
        if (!marks.has(number)) { marks.add(number); keys.push(number); }
      });
    });
    keys.sort(numeric).forEach(function (number) {
      var key = index.near_keys[number][0], keyEntries = index.near_keys[number][1];
      var cutShort = key.slice(0, token.length) === token && key.length - token.length <= 4;
      var gap = cutShort ? 1 : distance(token, key);
      if (gap <= 2) {
        keyEntries.forEach(function (e) { add(e, index.weights.near * (gap === 1 ? 1.0 : 0.75), "near"); });
      }
    });
  }

  // search._leading: the length (in code points) of a template's first literal parts found in the paste in
  // order, the last part left out, and of the start of the next part where the paste ends with it, if PIECE_MIN
  // or more.
  function leading(flat, parts) {
    if (parts.length < 2) { return 0; }
    var length = 0, position = 0, stopped = parts[parts.length - 1];
    for (var i = 0; i < parts.length - 1; i++) {
      var foundAt = flat.indexOf(parts[i], position);
      if (foundAt === -1) { stopped = parts[i]; break; }
      length += Array.from(parts[i]).length;
      position = foundAt + parts[i].length;
    }
    if (length) {
      // the start of the next part, where the paste ends with it (a log cut off there); sizes in code points
      var characters = Array.from(stopped);
      for (var size = characters.length - 1; size > 0; size--) {
        var start = characters.slice(0, size).join("");
        if (flat.endsWith(start) && flat.length - start.length >= position) { length += size; break; }
      }
    }
    return length >= PIECE_MIN ? length : 0;
  }

  function messages(index, flat, flatLength, english, add, own) {
    var words = Array.from(new Set(english.concat(cjkTerms(flat)))).sort();
    var present = new Set(words);
    var considered = [], marks = new Set();
    words.forEach(function (word) {
      if (!has(index.message_postings, word)) { return; }
      var number = 0;
      index.message_postings[word].forEach(function (gap) {
        number += gap;  // each message is written as its distance from the one before
        if (!marks.has(number)) { marks.add(number); considered.push(number); }
      });
    });
    var quoted = quotedTexts(flat, flatLength);
    // The messages the paste, or a run it quotes, is a piece of, with the length of the longest such run (in
    // code points, as Python counts): each message looked at once.
    var pieces = new Map();
    if (quoted.length) {
      var lengths = quoted.map(function (text) { return Array.from(text).length; });
      index.messages.forEach(function (message, number) {
        var longest = 0;
        message.x.forEach(function (part) {
          quoted.forEach(function (text, i) {
            if (lengths[i] > longest && part.indexOf(text) !== -1) { longest = lengths[i]; }
          });
        });
        if (longest) {
          pieces.set(number, longest);
          if (!marks.has(number)) { marks.add(number); considered.push(number); }
        }
      });
    }
    var best = new Map();
    considered.sort(numeric).forEach(function (number) {
      var message = index.messages[number];
      if (!message.w.length) { return; }  // all placeholders and field names (`code: %d, message: %s`): it says nothing
      var total = 0.0, hit = 0.0, hits = 0;
      message.w.forEach(function (word) {
        var weight = has(index.idf, word) ? index.idf[word] : 1.0;
        total += weight;
        if (present.has(word)) { hit += weight; hits++; }
      });
      var share = total ? hit / total : 0.0;
      if (message.w.length <= 3 && hits < message.w.length) { share = 0.0; }  // two words of a three-word message say little
      var parts = message.x, bonus = 0.0;
      // The whole literal text in the paste, or the paste a piece of it (cut off, or a fragment), or a template
      // written from its start and cut off: as written, it counts a little more the longer it is, and a piece
      // for the square of the share it covers.
      var whole = share >= 0.5 && parts.length > 0 && message.l >= 12 &&
        parts.every(function (part) { return flat.indexOf(part) !== -1; });
      var literal = whole ? message.l : Math.max(pieces.has(number) ? pieces.get(number) : 0, leading(flat, parts));
      if (share >= 0.5 && !literal && hits < index.weights.scattered_words) { share = 0.0; }
      if (literal) {
        share = 1.0;
        var covered = literal / message.l;
        bonus = index.weights.literal_whole * covered * covered +
          index.weights.literal_per_char * Math.min(literal, index.weights.literal_chars);
      }
      var previous = best.has(message.e) ? best.get(message.e) : [0.0, 0.0];
      if (share >= 0.5 && (share > previous[0] || (share === previous[0] && bonus > previous[1]))) {
        best.set(message.e, [share, bonus, number, Math.min(1.0, total / index.weights.message_information)]);
      }
    });
    Array.from(best.keys()).sort(numeric).forEach(function (entry) {
      var chosen = best.get(entry), share = chosen[0], message = index.messages[chosen[2]];
      // Part of a message counts for less than its share: a code written in the paste outweighs it.
      var score = (index.weights.message * share * share + chosen[1]) * (own(entry) ? 1.0 : index.weights.beside_code) *
        chosen[3];
      // A message that is an HTTP reason phrase is strong only beside a sign of its service ("message?").
      var strength = share >= index.weights.strong_share ? (message.g ? "message?" : "message!") : "message";
      add(entry, score, strength, message.a, message.t);
    });
  }

  function prose(index, flat, english, add) {
    var w = index.weights;
    var terms = english.slice(0, w.max_query_terms).concat(chineseWords(flat).slice(0, w.max_query_terms));
    var scores = new Map(), order = [];
    terms.forEach(function (term) {
      if (!has(index.prose, term)) { return; }
      var postings = index.prose[term];
      var entry = 0;
      for (var i = 0; i < postings.length; i += 2) {
        entry += postings[i];  // each entry is written as its distance from the one before
        if (!scores.has(entry)) { scores.set(entry, 0.0); order.push(entry); }
        scores.set(entry, scores.get(entry) + postings[i + 1] / 100);
      }
    });
    order.sort(function (a, b) { return (r6(scores.get(b)) - r6(scores.get(a))) || (a - b); });
    order.slice(0, w.prose_shown).sort(numeric).forEach(function (entry) {
      var value = scores.get(entry);
      add(entry, w.prose * value / (value + w.prose_half), "prose");
    });
  }

  var S = "[ \\t\\n\\r\\f\\v]";
  var DETAILS = [
    ["request_id", new RegExp("(?:request[ _\\t\\n\\r\\f\\v-]?id|x-oss-request-id)[\"'\\] \\t\\n\\r\\f\\v]*[:=>]+" + S + "*[\"']?" +
      "([A-Za-z0-9][A-Za-z0-9-]{11,63})", "i")],
    ["ec", new RegExp("(?:<EC>|x-oss-ec[\"' \\t\\n\\r\\f\\v]*[:=]" + S + "*[\"']?|[\"']EC[\"']" + S + "*:" + S +
      "*[\"']|\\[EC\\]:" + S + "*)([0-9]{4}-[0-9]{8})", "i")],
    ["privilege", new RegExp("privilege" + S + "+'([^']{1,80})'" + S + "+on" + S + "+\\{?([^ \\t\\n\\r\\f\\v,}]{1,200})", "i")],
    ["request_time", /<RequestTime>([^<]{1,64})<\/RequestTime>/i],
    ["server_time", /<ServerTime>([^<]{1,64})<\/ServerTime>/i]
  ];

  function details(text) {
    text = withDecodedEscapes(cut(text));
    var out = {};
    DETAILS.forEach(function (pair) {
      var found = pair[1].exec(text);
      if (!found) { return; }
      if (pair[0] === "privilege") { out.privilege = found[1]; out.object = found[2]; }
      else { out[pair[0]] = found[1].replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, ""); }
    });
    return out;
  }

  var matcher = { match: match, details: details, tokens: tokens, normalise: normalise, VERSION: VERSION };
  if (typeof module !== "undefined" && module.exports) { module.exports = matcher; }
  if (typeof document === "undefined") { return; }  // Node: the matcher alone, for the parity test

  // The words around the matches, in English (src/errdocs/labels.py has them too: a test keeps both equal). A site
  // in another language publishes its own, with the codes' titles (assets/errdocs-search.<lang>.js, loaded with
  // the index): `words` and `titles` then.
  var ENGLISH = {"best": "Best match for the pasted error", "possible": "Possible matches for the pasted error",
    "foreign": "The paste names {products}: these pages are only possible matches, the error may come from there.",
    "separator": ", ", "products": {},
    "details": {"request_id": "Request ID", "ec": "EC detail code", "privilege": "Missing privilege", "object": "On",
                "request_time": "Request time", "server_time": "Server time"},
    "clock_skew": "Clock skew", "skew": "{minutes} minutes ({direction})", "client_behind": "client behind server",
    "client_ahead": "client ahead of server"};
  var words = ENGLISH, titles = {};

  /* ---- The layer on Material's search box ---- */

  function base() {
    var config = document.getElementById("__config");
    var value = config ? JSON.parse(config.textContent).base : ".";
    return value.replace(/\/?$/, "/");
  }

  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base() + path;  // a script, not fetch(), so it also loads from file://
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  var loading = null;
  function loadIndex() {
    if (!loading) {
      var lang = document.documentElement.lang || "en";
      var translated = lang === "en" ? null : loadScript("assets/errdocs-search." + lang + ".js").then(function () {
        var found = window.errdocsSearchTranslation;
        if (found) { words = found.labels; titles = found.titles; }
      }, function () {});  // without it, the English words
      loading = Promise.all([window.errdocsIndex ? null : loadScript("assets/errdocs-index.js"), translated])
        .then(function () { return window.errdocsIndex; });
    }
    return loading;
  }

  /* A match's title in the page's language. */
  function titleOf(item) {
    var key = item.service + "/" + item.code;
    return has(titles, key) ? titles[key] : item.title;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function render(query, result) {
    var container = document.querySelector(".md-search-result");
    if (!container) { return; }
    var block = container.querySelector(".errdocs-best");
    if (!block) {
      block = element("div", "errdocs-best");
      block.setAttribute("role", "region");
      block.setAttribute("aria-live", "polite");
      block.setAttribute("aria-label", words.best);
      container.insertBefore(block, container.firstChild);
    }
    block.textContent = "";
    // Material's own "No matching documents" under a confident answer is noise: the answer is above it.
    container.classList.toggle("errdocs-answered", !!(result.confident && query.trim()));
    if (!query.trim() || !result.matches.length) { block.hidden = true; return; }
    block.hidden = false;
    block.appendChild(element("div", "errdocs-best__meta", result.confident ? words.best : words.possible));
    if (result.foreign.length) {
      var products = result.foreign.map(function (name) {
        return has(words.products, name) ? words.products[name] : name;
      });
      block.appendChild(element("p", "errdocs-best__foreign",
        words.foreign.replace("{products}", products.join(words.separator))));
    }
    var list = element("ol", "errdocs-best__list");
    result.matches.forEach(function (item, position) {
      var li = element("li", "errdocs-best__item" + (position === 0 && result.confident ? " errdocs-best__item--answer" : ""));
      var link = element("a", "errdocs-best__link");
      link.href = base() + item.url;
      link.appendChild(element("span", "errdocs-best__code", item.code));
      link.appendChild(element("span", "errdocs-best__service", item.serviceName));
      link.appendChild(element("span", "errdocs-best__title", titleOf(item)));
      li.appendChild(link);
      if (position === 0 && item.matched) {
        li.appendChild(element("code", "errdocs-best__matched", item.matched));
      }
      list.appendChild(li);
    });
    block.appendChild(list);
    var facts = details(query);
    var keys = Object.keys(facts);
    if (keys.length) {
      var dl = element("dl", "errdocs-best__details");
      keys.forEach(function (key) {
        dl.appendChild(element("dt", null, has(words.details, key) ? words.details[key] : key));
        dl.appendChild(element("dd", null, facts[key]));
      });
      if (facts.request_time && facts.server_time) {
        var skew = (Date.parse(facts.server_time) - Date.parse(facts.request_time)) / 60000;
        if (!isNaN(skew)) {
          dl.appendChild(element("dt", null, words.clock_skew));
          dl.appendChild(element("dd", null, words.skew.replace("{minutes}", Math.abs(skew).toFixed(1))
            .replace("{direction}", skew > 0 ? words.client_behind : words.client_ahead)));
        }
      }
      block.appendChild(dl);
    }
  }

  var pending = 0;
  function update(input) {
    var query = input.value, ticket = ++pending;
    loadIndex().then(function (index) {
      if (ticket !== pending) { return; }
      render(query, match(index, query, 5));
    });
  }

  // Past this length a query is a paste (a stack trace, a body), not words: Material's prose search
  // finds nothing useful in it and can spend seconds on it, so only the best-match block answers.
  var LONG_QUERY = 2000;

  function attach() {
    var input = document.querySelector("[data-md-component=search-query]");
    if (!input || input.dataset.errdocs) { return; }
    input.dataset.errdocs = "1";
    document.addEventListener("keyup", function (event) {
      if (event.target === input && input.value.length > LONG_QUERY) { event.stopPropagation(); }
    }, true);
    input.addEventListener("input", function (event) {
      update(input);
      // Material searches on key-up only; a paste with the mouse sends none.
      if (!(event instanceof KeyboardEvent) && input.value.length <= LONG_QUERY) {
        input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      }
    });
    input.addEventListener("focus", function () {
      if (input.value) { update(input); }
      else { loadIndex(); }  // ready before the paste that usually follows
    });
    // A `?q=` link: Material fills the box and opens the search without an input event.
    var linked = new URLSearchParams(window.location.search).get("q");
    if (linked) { setTimeout(function () { if (!input.value) { input.value = linked; } update(input); }, 100); }
    else if (input.value) { update(input); }
    else if (document.activeElement === input) { loadIndex(); }  // loaded by that focus (errdocs-search-on-open.js)
  }

  window.errdocsSearch = { match: match, details: details, tokens: tokens, loadIndex: loadIndex, base: base,
                          element: element, titleOf: titleOf };
  // Loaded when the search opens (errdocs-search-on-open.js), usually after the page has loaded: Material's
  // document$ replays the current page to a late subscriber, and without Material the page may be ready already.
  if (typeof document$ !== "undefined") { document$.subscribe(attach); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", attach); }
  else { attach(); }
})();

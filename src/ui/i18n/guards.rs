//! Tests that guard the wording, beside the locale tests of [`super`]:
//!
//! - no text the reader sees is written in the view code (`src/ui`): words and the
//!   punctuation between them come from the locale files; each literal that remains is
//!   listed in [`ALLOWED`] with the reason it is not a user-visible string;
//! - the Japanese follows `locales/ja/TERMS.md`: no form the table marks as avoided, the
//!   expressions it allows once used at most once, and no half-width space or bracket
//!   beside Japanese text (except inside a browser label the table quotes, or a quoted
//!   line of Latin text such as a server's reply).

use std::path::{Path, PathBuf};

use super::{JA, KEY_NAMES};

/// Literals in `src/ui` that are not text for the reader, each with the reason.
const ALLOWED: &[(&str, &str)] = &[
    (
        "C",
        "the ABI of a wasm-bindgen import block (`extern \"C\"`)",
    ),
    (
        "TextEncoder",
        "a JavaScript class a wasm-bindgen import block names",
    ),
    (
        ",",
        "separates the parts in the mail page's `panels=` URL value",
    ),
    (
        "h2, h3",
        "CSS selector: the heading to focus after an in-page jump",
    ),
    (
        "summary, button, a[href], [tabindex]",
        "CSS selector: the first control of a list item drawn on request",
    ),
    ("feedback ok", "CSS classes of the quiz's right answer"),
    ("feedback bad", "CSS classes of the quiz's wrong answer"),
    ("translate(0 {})", "SVG transform: the playhead at its time"),
    ("M2 -7L14 0L2 7Z", "SVG path: the playhead's knob"),
    // The mail time chart's arrows and lanes name protocol commands and replies as they
    // are on the wire, the same in every language (src/ui/pages/mail/chart).
    ("PASS", "POP3 command on a time chart arrow"),
    ("APOP", "POP3 command on a time chart arrow"),
    ("AUTH", "SMTP command on a time chart arrow"),
    ("RCPT", "SMTP command on a time chart arrow"),
    ("MAIL", "SMTP command on a time chart arrow"),
    ("DATA", "SMTP command on a time chart arrow"),
    (
        ".",
        "the line that ends a message's text in SMTP: compared, never shown",
    ),
    ("POP3", "protocol name heading a time chart lane"),
    ("SMTP", "protocol name heading a time chart lane"),
    (
        "lane allow-lane",
        "CSS classes of a time chart's allowlist column",
    ),
    (
        "lane-name allow-name",
        "CSS classes of the allowlist's heading",
    ),
    ("mark refused", "CSS classes of a refused arrow"),
    (
        "M8 {}L20 {}M8 {}L20 {}",
        "SVG path: the break on a time axis",
    ),
    (
        "M{} {}L{} {}M{} {}L{} {}",
        "SVG path: the cross that stops a refused arrow",
    ),
    ("M{x2} {y}L{} {}L{} {}Z", "SVG path: an arrow's head"),
    (
        "rotate(90 {cx} {ty})",
        "SVG transform: an IP written along its band",
    ),
    (
        " · ",
        "separator before the address a chart arrow came from",
    ),
    // Drawing data of the redrawn figure's icons (SVG geometry, not words).
    ("0 0 16 16", "SVG viewBox of a small icon"),
    (
        "M2 5h12M2 11h12",
        "SVG path: the two bars of Chrome's tune icon",
    ),
    ("M8 1.5 15 14.5H1Z", "SVG path: a warning triangle"),
    (
        "M8 6v4M8 11.5v1.5",
        "SVG path: the mark inside the warning triangle",
    ),
    // Symbols beside words (or hidden from screen readers), so that a result is never told
    // by colour alone; the same in every language.
    ("✓ ", "symbol beside a verdict or check"),
    ("✗ ", "symbol beside a verdict or check"),
    ("– ", "symbol beside a check that could not be made"),
    ("↑ ", "arrow between certificates in the chain picture"),
    (
        ":",
        "separator of a fingerprint's bytes (AB:CD), as browsers show it",
    ),
    ("✓", "symbol of a passed check"),
    (
        "✔",
        "symbol of a relayed or delivered mail, beside its words",
    ),
    ("✖", "symbol of a refused mail, beside its words"),
    ("✔ ", "symbol beside the words of a right prediction"),
    (
        "✖ ",
        "symbol beside a refusal's words (or a wrong prediction's)",
    ),
    (
        "∅ ",
        "symbol beside the words of an empty allowlist, hidden from screen readers",
    ),
    (
        "« ",
        "arrow on the button back to the start, hidden from screen readers",
    ),
    (
        "‹ ",
        "arrow on the previous-step button, hidden from screen readers",
    ),
    (
        " ›",
        "arrow on the next-step button, hidden from screen readers",
    ),
    (
        "» ",
        "arrow on the jump-to-expiry button, hidden from screen readers",
    ),
    (
        "▶ ",
        "play symbol beside its word, hidden from screen readers",
    ),
    (
        "❚❚ ",
        "pause symbol beside its word, hidden from screen readers",
    ),
    (
        "·",
        "the travelling packet's label for an empty protocol line, hidden from screen readers",
    ),
    ("✗", "symbol of a failed check"),
    ("–", "symbol of a check that does not apply"),
    (
        "?",
        "symbol of a check that cannot be made here (and of an AUTH line that is not base64)",
    ),
    (
        "{}.{}",
        "a number with one decimal (megabytes), written alike in both languages",
    ),
    (
        "{} — {}",
        "the document title, page and site name: a typographic dash in both languages",
    ),
    (
        " — ",
        "dash between a product's name and its licence identifier",
    ),
    // Names of products and SPDX licence identifiers, the same in every language.
    ("Leptos", "product name"),
    ("wasm-bindgen, js-sys, web-sys", "product names"),
    ("MIT", "SPDX licence identifier"),
    ("MIT OR Apache-2.0", "SPDX licence expression"),
    // CSS classes chosen in code (match arms), never shown.
    ("finding error", "CSS class"),
    ("finding warning", "CSS class"),
    ("finding info", "CSS class"),
    ("check pass", "CSS class"),
    ("check fail", "CSS class"),
    ("check notapplicable", "CSS class"),
    ("check unsupported", "CSS class"),
    // Protocol and format words, matched against the input or the engine's data, never
    // shown by this code.
    (
        "CERTIFICATE REQUEST",
        "PEM label (RFC 7468) matched against the input",
    ),
    (
        "NEW CERTIFICATE REQUEST",
        "PEM label matched against the input",
    ),
    ("X509 CRL", "PEM label matched against the input"),
    ("PUBLIC KEY", "PEM label matched against the input"),
    ("RSA PUBLIC KEY", "PEM label matched against the input"),
    ("EC PARAMETERS", "PEM label matched against the input"),
    ("DH PARAMETERS", "PEM label matched against the input"),
    ("OPENSSH PUBLIC KEY", "PEM label matched against the input"),
    ("SSH2 PUBLIC KEY", "PEM label matched against the input"),
    (
        "PGP PUBLIC KEY BLOCK",
        "PEM label matched against the input",
    ),
    ("PGP MESSAGE", "PEM label matched against the input"),
    ("PGP SIGNATURE", "PEM label matched against the input"),
    ("RSA", "key algorithm name as the engine reports it"),
    ("EC", "key algorithm name as the engine reports it"),
    (
        "OCSPSigning",
        "RFC 5280 purpose name as the engine reports it",
    ),
    ("{text}T00:00:00Z", "an RFC 3339 time built to be parsed"),
    (
        "MAIL FROM",
        "SMTP command matched against the engine's line (the packet's label)",
    ),
    (
        "RCPT TO",
        "SMTP command matched against the engine's line (the packet's label)",
    ),
    (".question button", "CSS selector"),
    // Text that is the same in every language because it is code or protocol.
    (
        "-----BEGIN CERTIFICATE-----",
        "the PEM header, as the paste box's placeholder",
    ),
    (
        "openssl s_client -connect example.com:443 -servername example.com -showcerts </dev/null",
        "a command line for the reader to run",
    ),
    (
        "{who}: {}",
        "a transcript line with its C: or S: prefix, as RFC 5321's examples write it",
    ),
    (
        "⟨ESC⟩",
        "the escape character (0x1B) by its ASCII name, in place of the invisible character",
    ),
    (
        "CR LF",
        "the two control characters the line-end marker stands for, as RFC 5321 names them",
    ),
    (
        "{:02}:{:02}",
        "a clock (mm:ss), written alike in both languages",
    ),
    (
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"720\" loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin\" allow=\"clipboard-write\" style=\"border:0\"></iframe>",
        "the HTML a teacher copies (its title comes from the locale files)",
    ),
    ("&amp;", "HTML escape"),
    ("&quot;", "HTML escape"),
    ("&lt;", "HTML escape"),
    ("{{{name}}}", "the placeholder pattern fill() replaces"),
    ("OUT_DIR", "build environment variable"),
    // For developers, in the console only.
    (
        "imasara: the {} {} texts were not taken: {error:?}",
        "console message for developers",
    ),
    (
        "deliberate failure from the self-check page",
        "panic message, printed to the console only",
    ),
];

/// Attributes whose value the reader does not see (or hears: `aria-label`, `title`,
/// `alt` and `placeholder` are not here).
const UNSEEN_ATTRIBUTES: &[&str] = &[
    "accept",
    "allow",
    "aria-controls",
    "aria-current",
    "aria-describedby",
    "aria-hidden",
    "aria-labelledby",
    "aria-live",
    "aria-pressed",
    "autocomplete",
    "class",
    "download",
    "for",
    "height",
    "href",
    "hreflang",
    "id",
    "inputmode",
    "lang",
    "loading",
    "max",
    "min",
    "name",
    "rel",
    "role",
    "rows",
    "sandbox",
    "spellcheck",
    "src",
    "step",
    "style",
    "tabindex",
    "target",
    "type",
    "width",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A string literal found in Rust source: its line, its text (escapes resolved) and the
/// code just before it (comments and other literals left out).
#[derive(Debug)]
struct Literal {
    line: usize,
    text: String,
    before: String,
}

/// The string literals of Rust `source`, in order. A small lexer: comments (nested block
/// comments too), raw and byte strings, char literals and lifetimes.
fn literals(source: &str) -> Vec<Literal> {
    let chars: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let mut code = String::new();
    let mut line = 1;
    let mut i = 0;
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    let tail = |code: &str| {
        let start = code.char_indices().rev().nth(80).map_or(0, |(p, _)| p);
        code[start..].to_owned()
    };
    while i < chars.len() {
        let c = chars[i];
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
            continue;
        }
        let starts_word = i == 0 || !is_ident(chars[i - 1]);
        // r"…", r#"…"#, br"…"
        if starts_word && (c == 'r' || (c == 'b' && chars.get(i + 1) == Some(&'r'))) {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let hashes = chars[j..].iter().take_while(|&&h| h == '#').count();
            j += hashes;
            if chars.get(j) == Some(&'"') {
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let start = j + 1;
                let mut end = start;
                while end < chars.len() && !at(end, &close) {
                    end += 1;
                }
                let text: String = chars[start..end].iter().collect();
                found.push(Literal {
                    line,
                    text: text.clone(),
                    before: tail(&code),
                });
                line += text.matches('\n').count();
                code.push_str("\"…\"");
                i = end + close.chars().count();
                continue;
            }
        }
        if c == '"' || (starts_word && c == 'b' && chars.get(i + 1) == Some(&'"')) {
            let start_line = line;
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut text = String::new();
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    let next = chars.get(j + 1).copied().unwrap_or('\\');
                    j += 2;
                    match next {
                        '\n' => {
                            line += 1;
                            while j < chars.len() && chars[j].is_whitespace() {
                                line += usize::from(chars[j] == '\n');
                                j += 1;
                            }
                        }
                        'n' => text.push('\n'),
                        't' => text.push('\t'),
                        '0' => text.push('\0'),
                        other => text.push(other),
                    }
                    continue;
                }
                line += usize::from(chars[j] == '\n');
                text.push(chars[j]);
                j += 1;
            }
            found.push(Literal {
                line: start_line,
                text,
                before: tail(&code),
            });
            code.push_str("\"…\"");
            i = j + 1;
            continue;
        }
        if c == '\'' {
            // '\n', '\u{..}', 'x' are chars; 'a (no closing quote) is a lifetime.
            if chars.get(i + 1) == Some(&'\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                code.push_str("'…'");
                i = j + 1;
                continue;
            }
            if chars.get(i + 2) == Some(&'\'') {
                code.push_str("'…'");
                i += 3;
                continue;
            }
        }
        line += usize::from(c == '\n');
        code.push(c);
        i += 1;
    }
    found
}

/// What of `text` would show: without `{…}` placeholders and white space.
fn visible_part(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The attribute a literal is the value of, from the code before it (`class="…"`,
/// `class=format!("…"`).
fn attribute(before: &str) -> Option<&str> {
    let before = before.trim_end();
    let before = before
        .strip_suffix("format!(")
        .map_or(before, str::trim_end);
    let before = before.strip_suffix('=')?;
    if before.ends_with(['=', '!', '<', '>']) {
        return None;
    }
    let before = before.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':')))
        .map_or(0, |p| p + 1);
    Some(&before[start..]).filter(|name| !name.is_empty())
}

/// An identifier, key, class, path or similar token: no white space, and either starts
/// with a lower-case letter (`subjectAltName`, `cert-host`) or holds no letter at all
/// (`28`, `-1`). Marks that punctuate prose (`)`, `:`) are not tokens.
fn is_machine_token(text: &str) -> bool {
    let prose_marks = |t: &str| t.chars().all(|c| "()[]:;,.!?".contains(c));
    !text.is_empty()
        && !text.chars().any(char::is_whitespace)
        && text.is_ascii()
        && !prose_marks(text)
        && text
            .chars()
            .find(char::is_ascii_alphabetic)
            .is_none_or(|c| c.is_ascii_lowercase())
}

/// Why `literal` may stand in the view code, or `None` if the reader would see it.
fn not_for_the_reader(literal: &Literal) -> Option<&'static str> {
    let visible = visible_part(&literal.text);
    if visible.is_empty() {
        return Some("only placeholders and white space");
    }
    if let Some(name) = attribute(&literal.before)
        && (UNSEEN_ATTRIBUTES.contains(&name)
            || ["data-", "on:", "class:", "prop:", "attr:"]
                .iter()
                .any(|p| name.starts_with(p)))
    {
        return Some("value of an attribute the reader does not see");
    }
    if is_machine_token(&literal.text) && is_machine_token(&visible) {
        return Some("an identifier, key or path");
    }
    ALLOWED
        .iter()
        .find(|(text, _)| *text == literal.text)
        .map(|(_, why)| *why)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_view_code_shows_no_text_of_its_own() {
    let root = root();
    let mut files = Vec::new();
    rust_files(&root.join("src/ui"), &mut files);
    let mut problems = Vec::new();
    let mut scanned = 0;
    for path in files {
        let relative = path
            .strip_prefix(&root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        if relative == "src/ui/i18n/guards.rs" {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("read source");
        // Unit tests sit at the end of a file, behind their cfg.
        let code = ["#[cfg(test)]", "#[cfg(all(test"]
            .iter()
            .filter_map(|marker| source.find(marker))
            .min()
            .map_or(source.as_str(), |end| &source[..end]);
        scanned += 1;
        for literal in literals(code) {
            if not_for_the_reader(&literal).is_none() {
                problems.push(format!(
                    "{relative}:{}: {:?} (put it in locales/*/…, or list it in ALLOWED with the reason)",
                    literal.line, literal.text
                ));
            }
        }
    }
    assert!(scanned > 20, "only {scanned} files scanned");
    assert!(
        problems.is_empty(),
        "text for the reader in the view code:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn every_allowed_literal_is_still_used() {
    let mut files = Vec::new();
    rust_files(&root().join("src/ui"), &mut files);
    let all: Vec<String> = files
        .iter()
        .filter(|p| !p.ends_with("guards.rs"))
        .flat_map(|p| literals(&std::fs::read_to_string(p).expect("read source")))
        .map(|l| l.text)
        .collect();
    for (text, why) in ALLOWED {
        assert!(!why.is_empty());
        assert!(
            all.iter().any(|t| t == text),
            "{text:?} is allowed but no longer used"
        );
    }
}

#[test]
fn the_lexer_finds_strings_and_their_attributes() {
    let source = r##"
        // "not this"
        /* nor "this" /* nested "either" */ */
        let a = 'x'; let b = '"'; let c: &'static str = "one";
        view! { <p class="hidden">"Shown"</p> <b title="Title">{x}": "</b> }
        let r = r#"raw "quoted""#;
        let f = format!("a \
            b");
        view! { <p class=format!("badge {c}")></p> }
    "##;
    let found = literals(source);
    let texts: Vec<&str> = found.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "one",
            "hidden",
            "Shown",
            "Title",
            ": ",
            "raw \"quoted\"",
            "a b",
            "badge {c}"
        ]
    );
    let attributes: Vec<Option<&str>> = found.iter().map(|l| attribute(&l.before)).collect();
    assert_eq!(
        attributes,
        [
            Some("str"),
            Some("class"),
            None,
            Some("title"),
            None,
            Some("r"),
            Some("f"),
            Some("class")
        ]
    );
    assert_eq!(found[2].line, 5);
    let shown: Vec<&str> = found
        .iter()
        .filter(|l| not_for_the_reader(l).is_none())
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(shown, ["Shown", "Title", ": ", "raw \"quoted\"", "a b"]);
}

/// What `locales/ja/TERMS.md` asks for.
struct Terms {
    /// (forms to use, forms to avoid) for each row of the terms and spelling tables.
    rows: Vec<(Vec<String>, Vec<String>)>,
    /// Expressions allowed once in the whole site.
    once: Vec<String>,
    /// Browser labels quoted exactly as the browser shows them.
    labels: Vec<String>,
}

/// The `backticked` items of a table cell.
fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn read_terms() -> Terms {
    let text = std::fs::read_to_string(root().join("locales/ja/TERMS.md")).expect("TERMS.md");
    let mut terms = Terms {
        rows: Vec::new(),
        once: Vec::new(),
        labels: Vec::new(),
    };
    let mut section = "";
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            section = title.trim();
            continue;
        }
        let Some(row) = line.trim().strip_prefix('|') else {
            continue;
        };
        let cells: Vec<&str> = row.trim_end_matches('|').split('|').collect();
        if cells.iter().all(|c| c.trim().starts_with("---")) {
            continue;
        }
        match section {
            "用語" | "表記" if cells.len() >= 3 => {
                let (use_, avoid) = (backticked(cells[1]), backticked(cells[2]));
                if !use_.is_empty() || !avoid.is_empty() {
                    terms.rows.push((use_, avoid));
                }
            }
            "一度だけ使う表現" => terms.once.extend(backticked(cells[0])),
            "引用するブラウザーの表示" if cells.len() >= 2 => {
                terms.labels.extend(backticked(cells[1]));
            }
            _ => {}
        }
    }
    terms
}

/// The Japanese texts the checks read: every key.
fn japanese_texts() -> Vec<(&'static str, &'static str)> {
    KEY_NAMES
        .iter()
        .zip(JA.iter())
        .map(|(name, text)| (*name, *text))
        .collect()
}

/// Byte positions where `needle` occurs in `haystack`.
fn positions(haystack: &str, needle: &str) -> Vec<usize> {
    haystack.match_indices(needle).map(|(p, _)| p).collect()
}

#[test]
fn terms_md_is_read_whole() {
    let terms = read_terms();
    let avoided: usize = terms.rows.iter().map(|(_, a)| a.len()).sum();
    assert!(terms.rows.len() >= 40, "{} rows", terms.rows.len());
    assert!(avoided >= 40, "{avoided} avoided forms");
    assert!(terms.once.len() >= 2);
    assert!(terms.labels.len() >= 10);
    for (use_, avoid) in &terms.rows {
        for a in avoid {
            assert!(!use_.contains(a), "{a} is both used and avoided");
        }
    }
}

#[test]
fn japanese_uses_no_avoided_term() {
    let terms = read_terms();
    let mut problems = Vec::new();
    for (key, text) in japanese_texts() {
        for (use_, avoid) in &terms.rows {
            // Where the form to use contains the avoided one (ブラウザー, ブラウザ), an
            // occurrence inside the right form is fine.
            let covered: Vec<(usize, usize)> = use_
                .iter()
                .flat_map(|u| positions(text, u).into_iter().map(|p| (p, p + u.len())))
                .collect();
            for a in avoid {
                for p in positions(text, a) {
                    if !covered.iter().any(|&(s, e)| s <= p && p + a.len() <= e) {
                        problems.push(format!("{key}: “{a}” (TERMS.md: use {use_:?})"));
                    }
                }
            }
        }
    }
    problems.dedup();
    assert!(
        problems.is_empty(),
        "avoided terms in Japanese:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn japanese_says_once_what_terms_md_allows_once() {
    let terms = read_terms();
    for once in &terms.once {
        let uses: Vec<&str> = japanese_texts()
            .into_iter()
            .filter(|(_, text)| text.contains(once.as_str()))
            .map(|(key, _)| key)
            .collect();
        let count: usize = japanese_texts()
            .iter()
            .map(|(_, text)| text.matches(once.as_str()).count())
            .sum();
        assert!(count <= 1, "“{once}” is used {count} times: {uses:?}");
    }
}

/// Kana, kanji, and full-width punctuation and forms.
fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' // CJK punctuation, including the full-width space
        | '\u{3040}'..='\u{30ff}' // hiragana, katakana
        | '\u{4e00}'..='\u{9fff}' // CJK ideographs
        | '\u{ff00}'..='\u{ffef}') // full-width forms
}

/// `text` with the content of every 「…」 that holds no Japanese taken out: a quoted line
/// of Latin text (a server's reply, 「502 unimplemented (#5.5.1)」) keeps its own spacing.
fn without_latin_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('「') {
        let (before, after) = rest.split_at(open + '「'.len_utf8());
        out.push_str(before);
        match after.find('」') {
            Some(close) if !after[..close].chars().any(is_japanese) => rest = &after[close..],
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// Where `text` puts a half-width space or bracket, colon, comma or mark next to Japanese.
fn spacing_problems(text: &str, labels: &[String]) -> Vec<String> {
    // A quoted browser label keeps the browser's own spacing (「PEM (チェーン)」), and so
    // does a quoted line of Latin text.
    let mut text = without_latin_quotes(text);
    for label in labels {
        text = text.replace(&format!("「{label}」"), "「」");
    }
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, ' ' | '(' | ')' | ':' | ',' | ';' | '!' | '?') {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if prev.is_some_and(is_japanese) || next.is_some_and(is_japanese) {
            let from = i.saturating_sub(6);
            let to = (i + 7).min(chars.len());
            problems.push(format!("{:?}", chars[from..to].iter().collect::<String>()));
        }
    }
    problems
}

#[test]
fn japanese_puts_no_half_width_space_or_mark_beside_japanese() {
    let terms = read_terms();
    let mut problems = Vec::new();
    for (key, text) in japanese_texts() {
        for p in spacing_problems(text, &terms.labels) {
            problems.push(format!("{key}: {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "TERMS.md: no space between Japanese and Latin text, full-width marks:\n  {}",
        problems.join("\n  ")
    );
    // The rule itself.
    let labels = vec!["PEM (チェーン)".to_owned()];
    assert!(spacing_problems("POP3でログイン", &labels).is_empty());
    assert!(spacing_problems("TLS 1.3（RFC 8446）", &labels).is_empty());
    assert!(spacing_problems("「PEM (チェーン)」のリンク", &labels).is_empty());
    assert!(spacing_problems("「502 unimplemented (#5.5.1)」と答えます", &labels).is_empty());
    assert_eq!(
        spacing_problems("「POP3 でログイン」と「x」", &labels).len(),
        1
    );
    assert_eq!(spacing_problems("「x」 です", &labels).len(), 1);
    assert_eq!(spacing_problems("POP3 でログイン", &labels).len(), 1);
    assert_eq!(spacing_problems("証明書 (PEM)", &labels).len(), 1);
    assert_eq!(spacing_problems("証明書(PEM)です", &labels).len(), 2);
    assert_eq!(spacing_problems("発行者: R3", &labels).len(), 1);
}

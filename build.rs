//! Build script: turns the locale files into Rust.
//!
//! `locales/en/*.toml` and `locales/ja/*.toml` hold every user-facing string. Each file is a
//! namespace (`locales/en/home.toml` → `k::home::…`); tables nest. Namespaces travel in
//! [`BUNDLES`]: the published page fetches a bundle's texts only when a page that needs
//! them opens. The script generates:
//! - `k`, a tree of modules whose constants are typed keys (`k::home::lead: Key`), and
//!   in each module `ENTRIES`, the keys below it by relative name (`k::mail::step::ENTRIES`),
//! - `Bundle`, one variant per bundle, and the range of key indices each one holds (keys
//!   are numbered bundle by bundle, so every bundle is one contiguous range),
//! - `EN` and `JA`, one string table per language, indexed by key, compiled in only where
//!   the tables are not fetched (native builds, and the `self-contained` feature),
//! - `KEY_NAMES`, the dotted name of every key (for tests and diagnostics),
//! - `LOCALE_VERSION`, a hash of every key and text, and (in `version.rs`)
//!   `BUILD_VERSION`, a hash of the sources,
//! - one text file per bundle and language (`mail.ja.txt`, see [`language_file`]) in
//!   `OUT_DIR` and in `<target dir>/locales/`, where Trunk's post-build hook copies them
//!   into the site.
//!
//! A key present in one language and missing in the other fails the build, so both
//! languages are always complete; so does a locale file that belongs to no bundle.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

type Flat = BTreeMap<String, String>;

/// Which namespaces travel together, in key order; the first is fetched before the app
/// starts. A page names the bundles it needs (`Page::bundles` in src/ui/route.rs): the
/// shell's texts, page titles and the small pages are `core`; each explainer and the
/// glossary (shown beside the mail explainer too) come when asked for.
const BUNDLES: &[(&str, &[&str])] = &[
    (
        "core",
        &[
            "about",
            "app",
            "check",
            "error",
            "home",
            "not_found",
            "punct",
            "share",
            "shell",
        ],
    ),
    ("mail", &["mail"]),
    ("cert", &["cert", "cert_codes"]),
    ("glossary", &["glossary"]),
    ("teach", &["teach"]),
];

/// The bundle (index into [`BUNDLES`]) that holds `key`.
fn bundle_of(key: &str) -> usize {
    let namespace = key.split('.').next().unwrap_or_default();
    BUNDLES
        .iter()
        .position(|(_, namespaces)| namespaces.contains(&namespace))
        .unwrap_or_else(|| panic!("locales/*/{namespace}.toml belongs to no bundle in build.rs"))
}

/// Every key, bundle by bundle, by name within a bundle: the order of key indices.
fn ordered_keys(en: &Flat) -> Vec<&str> {
    let mut keys: Vec<&str> = en.keys().map(String::as_str).collect();
    keys.sort_by_key(|k| (bundle_of(k), *k));
    keys
}

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let en = load_language(Path::new("locales/en"));
    let ja = load_language(Path::new("locales/ja"));

    let mut problems = Vec::new();
    for key in en.keys().filter(|k| !ja.contains_key(*k)) {
        problems.push(format!("locales/ja lacks `{key}`"));
    }
    for key in ja.keys().filter(|k| !en.contains_key(*k)) {
        problems.push(format!("locales/en lacks `{key}`"));
    }
    if !problems.is_empty() {
        panic!("locale files disagree:\n  {}", problems.join("\n  "));
    }

    let keys = ordered_keys(&en);
    let version = version(&keys, &en, &ja);
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    write_build_version(Path::new(&out));
    std::fs::write(
        Path::new(&out).join("locales.rs"),
        generate(&keys, &en, &ja, &version),
    )
    .expect("write generated locales");

    // The files the site serves. Written only when they change, so `trunk serve` (which
    // watches the project) does not rebuild for nothing.
    println!("cargo:rerun-if-env-changed=CARGO_TARGET_DIR");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".to_owned());
    let site = Path::new(&target).join("locales");
    std::fs::create_dir_all(&site).expect("create <target>/locales");
    let mut written = Vec::new();
    for (tag, table) in [("en", &en), ("ja", &ja)] {
        for (index, (bundle, _)) in BUNDLES.iter().enumerate() {
            let texts: Vec<(&str, &str)> = keys
                .iter()
                .filter(|k| bundle_of(k) == index)
                .map(|k| (*k, table[*k].as_str()))
                .collect();
            let text = language_file(tag, bundle, &version, &texts);
            let name = format!("{bundle}.{tag}.txt");
            for dir in [Path::new(&out), site.as_path()] {
                let path = dir.join(&name);
                // Written again if someone deletes it (e.g. `rm -rf target/locales`).
                println!("cargo:rerun-if-changed={}", path.display());
                if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    std::fs::write(&path, &text).expect("write language file");
                }
            }
            written.push(name);
        }
    }
    // Files of an older layout would be copied into the site too: remove them.
    for entry in std::fs::read_dir(&site)
        .expect("read <target>/locales")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !written.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A bundle's texts in one language as the page fetches them: a header line
/// (`imasara-locale <tag> <bundle> <version> <count>`), then every text in key order, each
/// ended by a NUL (texts may span lines; none contains a NUL).
fn language_file(tag: &str, bundle: &str, version: &str, texts: &[(&str, &str)]) -> String {
    let mut text = format!("imasara-locale {tag} {bundle} {version} {}\n", texts.len());
    for (key, value) in texts {
        assert!(
            !value.contains('\0'),
            "{tag}: `{key}` contains a NUL character"
        );
        text.push_str(value);
        text.push('\0');
    }
    text
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues an FNV-1a (64-bit) hash over `parts`, each followed by a NUL.
fn fnv1a<'a>(mut hash: u64, parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    for part in parts {
        for &byte in part.iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// FNV-1a (64 bits) of every key (in key order, so moving a namespace to another bundle
/// changes it too) and its texts in both languages, in hex: the page refuses a language
/// file written for other code.
fn version(keys: &[&str], en: &Flat, ja: &Flat) -> String {
    let mut hash = FNV_OFFSET;
    for key in keys {
        hash = fnv1a(
            hash,
            [key.as_bytes(), en[*key].as_bytes(), ja[*key].as_bytes()],
        );
    }
    format!("{hash:016x}")
}

fn load_language(dir: &Path) -> Flat {
    let mut flat = Flat::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let namespace = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 file name");
        let text = std::fs::read_to_string(&path).expect("read locale file");
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        flatten(namespace, &toml::Value::Table(table), &mut flat, &path);
    }
    flat
}

fn flatten(prefix: &str, value: &toml::Value, out: &mut Flat, path: &Path) {
    match value {
        toml::Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                assert!(
                    k.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                        && !k.starts_with(|c: char| c.is_ascii_digit()),
                    "{}: key `{k}` must be snake_case ASCII",
                    path.display()
                );
                flatten(&format!("{prefix}.{k}"), v, out, path);
            }
        }
        other => panic!(
            "{}: `{prefix}` must be a string, not {}",
            path.display(),
            other.type_str()
        ),
    }
}

fn generate(keys: &[&str], en: &Flat, ja: &Flat, version: &str) -> String {
    let mut code = String::new();
    code.push_str("/// Typed keys, one module per locale file and table.\n");
    code.push_str("#[allow(non_upper_case_globals, dead_code)]\npub mod k {\n");
    code.push_str("    use super::Key;\n");
    let indexed: Vec<(usize, &str)> = keys.iter().copied().enumerate().collect();
    emit_module(&mut code, "", &indexed, 1);
    code.push_str("}\n");
    let _ = writeln!(
        code,
        "/// Number of keys.\npub const KEY_COUNT: usize = {};",
        keys.len()
    );
    let _ = writeln!(
        code,
        "/// Hash of every key and text (the header of the language files).\n\
         pub const LOCALE_VERSION: &str = {version:?};"
    );
    emit_bundles(&mut code, keys);
    for (name, table) in [("EN", en), ("JA", ja)] {
        code.push_str("#[cfg(any(not(target_arch = \"wasm32\"), feature = \"self-contained\"))]\n");
        let _ = writeln!(code, "static {name}: [&str; KEY_COUNT] = [");
        for key in keys {
            let _ = writeln!(code, "    {:?},", table[*key]);
        }
        code.push_str("];\n");
    }
    code.push_str("/// The dotted name of every key, indexed like the tables.\n");
    code.push_str("pub static KEY_NAMES: [&str; KEY_COUNT] = [\n");
    for key in keys {
        let _ = writeln!(code, "    {key:?},");
    }
    code.push_str("];\n");
    code
}

/// `Bundle`: one variant per entry of [`BUNDLES`], its name, and its range of keys.
fn emit_bundles(code: &mut String, keys: &[&str]) {
    let variant = |name: &str| {
        name.split('_')
            .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
            .collect::<String>()
    };
    code.push_str(
        "/// Texts that travel together: the page fetches a bundle when a page that needs it\n\
         /// opens (see build.rs).\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Bundle {\n",
    );
    for (bundle, namespaces) in BUNDLES {
        let _ = writeln!(
            code,
            "    /// `{}`.\n    {},",
            namespaces.join("`, `"),
            variant(bundle)
        );
    }
    code.push_str("}\nimpl Bundle {\n    /// Every bundle, in key order.\n");
    let _ = writeln!(code, "    pub const ALL: [Bundle; {}] = [", BUNDLES.len());
    for (bundle, _) in BUNDLES {
        let _ = writeln!(code, "        Bundle::{},", variant(bundle));
    }
    code.push_str(
        "    ];\n    /// The name in the bundle's file name (`mail` in `mail.ja.txt`).\n",
    );
    code.push_str("    pub fn name(self) -> &'static str {\n        match self {\n");
    for (bundle, _) in BUNDLES {
        let _ = writeln!(
            code,
            "            Bundle::{} => {bundle:?},",
            variant(bundle)
        );
    }
    code.push_str("        }\n    }\n    /// The indices of the bundle's keys.\n");
    code.push_str("    pub fn keys(self) -> core::ops::Range<usize> {\n        match self {\n");
    let mut start = 0;
    for (index, (bundle, _)) in BUNDLES.iter().enumerate() {
        let count = keys.iter().filter(|k| bundle_of(k) == index).count();
        let _ = writeln!(
            code,
            "            Bundle::{} => {start}..{},",
            variant(bundle),
            start + count
        );
        start += count;
    }
    code.push_str("        }\n    }\n}\n");
}

/// Emits the keys whose dotted names start with `prefix` (`mail.step.`): nested modules,
/// one constant per key, and `ENTRIES`, every key below with its name relative to the
/// module, sorted (for lookups by name, e.g. a step id from the mail engine; only the
/// tables the page looks up by name end up in the build).
fn emit_module(code: &mut String, prefix: &str, keys: &[(usize, &str)], depth: usize) {
    let indent = "    ".repeat(depth);
    let mut i = 0;
    while i < keys.len() {
        let (index, name) = keys[i];
        let rest = &name[prefix.len()..];
        match rest.split_once('.') {
            None => {
                let _ = writeln!(code, "{indent}pub const {rest}: Key = Key({index});");
                i += 1;
            }
            Some((module, _)) => {
                let inner = format!("{prefix}{module}.");
                let end = keys[i..]
                    .iter()
                    .position(|(_, n)| !n.starts_with(&inner))
                    .map_or(keys.len(), |p| i + p);
                let _ = writeln!(code, "{indent}pub mod {module} {{");
                let _ = writeln!(code, "{indent}    use super::Key;");
                emit_module(code, &inner, &keys[i..end], depth + 1);
                let _ = writeln!(code, "{indent}}}");
                i = end;
            }
        }
    }
    if !prefix.is_empty() {
        let _ = writeln!(code, "{indent}pub static ENTRIES: &[(&str, Key)] = &[");
        for (index, name) in keys {
            let _ = writeln!(
                code,
                "{indent}    ({:?}, Key({index})),",
                &name[prefix.len()..]
            );
        }
        let _ = writeln!(code, "{indent}];");
    }
}

/// `BUILD_VERSION`: a hash of the sources (`src/`, `static/cert-worker-start.js`,
/// `Cargo.lock`). Files Trunk does not hash (the certificate engine's worker) are fetched
/// with it, so a browser never pairs a cached old worker with a new page.
fn write_build_version(out: &Path) {
    fn walk(path: &Path, files: &mut Vec<std::path::PathBuf>) {
        if path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(path)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            entries.sort();
            for entry in entries {
                walk(&entry, files);
            }
        } else {
            files.push(path.to_owned());
        }
    }
    let mut files = Vec::new();
    for root in ["src", "static/cert-worker-start.js", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={root}");
        walk(Path::new(root), &mut files);
    }
    let mut hash = FNV_OFFSET;
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        hash = fnv1a(hash, [file.to_string_lossy().as_bytes(), &bytes]);
    }
    let code = format!(
        "/// A hash of the sources this build was made from (see build.rs).\n\
         pub const BUILD_VERSION: &str = \"{hash:016x}\";\n"
    );
    std::fs::write(out.join("version.rs"), code).expect("write version.rs");
}

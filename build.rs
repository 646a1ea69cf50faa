//! Build script: turns the locale files into Rust.
//!
//! `locales/en/*.toml` and `locales/ja/*.toml` hold every user-facing string. Each file is a
//! namespace (`locales/en/home.toml` → `k::home::…`); tables nest. The script generates:
//! - `k`, a tree of modules whose constants are typed keys (`k::home::title: Key`),
//! - `EN` and `JA`, one string table per language, indexed by key,
//! - `KEY_NAMES`, the dotted name of every key (for tests and diagnostics).
//!
//! A key present in one language and missing in the other fails the build, so both
//! languages are always complete.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

type Flat = BTreeMap<String, String>;

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

    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("locales.rs"), generate(&en, &ja))
        .expect("write generated locales");
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

fn generate(en: &Flat, ja: &Flat) -> String {
    let keys: Vec<&String> = en.keys().collect();
    let mut code = String::new();
    code.push_str("/// Typed keys, one module per locale file and table.\n");
    code.push_str("#[allow(non_upper_case_globals, dead_code)]\npub mod k {\n");
    code.push_str("    use super::Key;\n");
    let mut open: Vec<&str> = Vec::new();
    for (index, key) in keys.iter().enumerate() {
        let parts: Vec<&str> = key.split('.').collect();
        let (modules, leaf) = parts.split_at(parts.len() - 1);
        let common = open.iter().zip(modules).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            open.pop();
            let _ = writeln!(code, "{}}}", "    ".repeat(open.len() + 1));
        }
        for m in &modules[common..] {
            let _ = writeln!(code, "{}pub mod {m} {{", "    ".repeat(open.len() + 1));
            open.push(m);
            let _ = writeln!(code, "{}use super::Key;", "    ".repeat(open.len() + 1));
        }
        let _ = writeln!(
            code,
            "{}pub const {}: Key = Key({index});",
            "    ".repeat(open.len() + 1),
            leaf[0]
        );
    }
    while open.pop().is_some() {
        let _ = writeln!(code, "{}}}", "    ".repeat(open.len() + 2));
    }
    code.push_str("}\n");
    let _ = writeln!(
        code,
        "/// Number of keys.\npub const KEY_COUNT: usize = {};",
        keys.len()
    );
    for (name, table) in [("EN", en), ("JA", ja)] {
        let _ = writeln!(code, "static {name}: [&str; KEY_COUNT] = [");
        for key in &keys {
            let _ = writeln!(code, "    {:?},", table[*key]);
        }
        code.push_str("];\n");
    }
    code.push_str("/// The dotted name of every key, indexed like the tables.\n");
    code.push_str("pub static KEY_NAMES: [&str; KEY_COUNT] = [\n");
    for key in &keys {
        let _ = writeln!(code, "    {key:?},");
    }
    code.push_str("];\n");
    code
}

//! The URL route (`#/cert?host=...&lang=ja`), as the `route` target runs it: whatever
//! fragment a link carries, parsing it, printing it and parsing the print gives the same
//! location, and printing is a fixed point (the canonical form is stable). Then a location
//! built from the same bytes (a page, then `key=value` pairs cut at 0xFF and 0xFE, as the
//! pages set them: non-empty keys) prints to a fragment that parses back to exactly it.
//!
//! What does not hold, and is not asserted: `to_hash(parse(s)) == s` (the print is
//! canonical: `+` becomes `%20`, repeated keys keep their first value, empty keys and keys
//! past `MAX_QUERY_KEYS` go, `#main` is the home page).

use imasara::ui::route::{Location, MAX_QUERY_KEYS, Page};

pub fn run(data: &[u8]) {
    let fragment = String::from_utf8_lossy(data);
    let first = Location::parse(&fragment);
    let printed = first.to_hash();
    assert!(
        printed.is_ascii() && printed.starts_with("#/"),
        "{printed:?}"
    );
    let second = Location::parse(&printed);
    assert_eq!(second, first, "{printed:?}");
    assert_eq!(second.to_hash(), printed);
    let keys: Vec<&str> = first.query.pairs().map(|(k, _)| k).collect();
    assert!(keys.len() <= MAX_QUERY_KEYS);
    assert!(keys.iter().all(|k| !k.is_empty()));
    let mut unique = keys.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), keys.len());

    // Built, not parsed: parse ∘ print is the identity.
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let pages = Page::ROUTED;
    let mut built = Location::new(pages[usize::from(which) % pages.len()].clone());
    for pair in rest.split(|b| *b == 0xff).take(MAX_QUERY_KEYS) {
        let (key, value) = match pair.iter().position(|b| *b == 0xfe) {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let key = String::from_utf8_lossy(key);
        if !key.is_empty() {
            built.query.set(&key, String::from_utf8_lossy(value));
        }
    }
    assert_eq!(Location::parse(&built.to_hash()), built);
}

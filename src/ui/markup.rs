//! Markup written as text, for pictures made of many small marks (the mail page's time
//! chart, the padlock page's validity chart and chain graph) and for the embed snippet's
//! attribute values. A Leptos view per mark would cost tens of kilobytes of wasm for a
//! picture that is redrawn whole anyway; a string costs a few hundred bytes of code. Every
//! text and attribute value goes through [`escape`], so whatever a value holds it stays
//! text: the builder has no way to write raw markup from a value.

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A length in whole pixels (integers keep float formatting out of the module). Chart
/// lengths are a few thousand pixels at most, so the cast loses nothing.
#[allow(clippy::cast_possible_truncation)]
pub fn px(v: f64) -> i64 {
    v.round() as i64
}

/// A length as an SVG attribute value, in whole pixels.
pub fn n(v: f64) -> String {
    px(v).to_string()
}

/// Numbers as an SVG list (`viewBox`, `points`), in whole pixels.
pub fn list(values: &[f64]) -> String {
    values.iter().map(|v| n(*v)).collect::<Vec<_>>().join(" ")
}

/// Markup under construction.
#[derive(Default, Debug)]
pub struct Markup(String);

impl Markup {
    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.0.push('<');
        self.0.push_str(name);
        for (key, value) in attrs {
            self.0.push(' ');
            self.0.push_str(key);
            self.0.push_str("=\"");
            self.0.push_str(&escape(value));
            self.0.push('"');
        }
    }

    /// `<name attrs…>`; close it with [`Markup::close`].
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs);
        self.0.push('>');
        self
    }

    /// `<name attrs…/>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs);
        self.0.push_str("/>");
        self
    }

    /// `<name attrs…>text</name>`.
    pub fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(name, attrs).text(text).close(name)
    }

    /// Escaped text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.0.push_str(&escape(text));
        self
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    /// A table's head and body (`<thead>`, `<tbody>`; the caller writes `<table>` and any
    /// caption): one column heading per `head` entry, then `rows`. With `row_headers` each
    /// row's first cell is its header (`<th scope="row">`).
    pub fn table_body<R: AsRef<str>>(
        &mut self,
        head: &[&str],
        rows: impl IntoIterator<Item = impl IntoIterator<Item = R>>,
        row_headers: bool,
    ) -> &mut Self {
        self.open("thead", &[]).open("tr", &[]);
        for column in head {
            self.element("th", &[("scope", "col")], column);
        }
        self.close("tr").close("thead").open("tbody", &[]);
        for row in rows {
            self.open("tr", &[]);
            for (i, cell) in row.into_iter().enumerate() {
                if i == 0 && row_headers {
                    self.element("th", &[("scope", "row")], cell.as_ref());
                } else {
                    self.element("td", &[], cell.as_ref());
                }
            }
            self.close("tr");
        }
        self.close("tbody")
    }

    /// One escaped paragraph, as a whole markup string.
    pub fn paragraph(text: &str) -> String {
        let mut m = Markup::default();
        m.element("p", &[], text);
        m.finish()
    }

    /// The markup.
    pub fn finish(self) -> String {
        self.0
    }
}

/// For markup drawn as text with one event handler: the `attribute` of the nearest element
/// matching `selector` (which names that attribute: `button[data-quiz]`), at or around
/// the event's target.
pub fn delegated(ev: &web_sys::Event, selector: &str, attribute: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()?
        .get_attribute(attribute)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn values_and_texts_stay_text() {
        let hostile = "\"><script>alert(1)</script><g a='";
        let mut m = Markup::default();
        m.open("g", &[("aria-label", hostile)])
            .element("text", &[("x", "1")], hostile)
            .leaf("rect", &[("y", "2")])
            .close("g");
        let out = m.finish();
        assert!(!out.contains("<script"));
        assert!(!out.contains("'"));
        assert_eq!(out.matches('<').count(), 5);
        assert!(out.starts_with("<g aria-label=\"&quot;&gt;&lt;script&gt;"));
        assert!(out.ends_with("<rect y=\"2\"/></g>"));
        assert_eq!(escape("a & b"), "a &amp; b");
        assert_eq!(px(10.5), 11);
        assert_eq!(n(1.25), "1");
        assert_eq!(list(&[0.0, 2.5, 300.4]), "0 3 300");
        // A certificate's name is the reader's input: it stays text in a chart too.
        let mut m = Markup::default();
        m.element("text", &[("x", "1")], "<script>alert(\"x\")</script>&amp;");
        assert_eq!(
            m.finish(),
            "<text x=\"1\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;</text>"
        );
        assert_eq!(px(-0.4), 0);
    }
}

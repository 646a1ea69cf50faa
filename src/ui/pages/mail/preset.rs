//! A teacher's presets for the mail page, carried in its link (#/teach builds them):
//! whether the player asks before each relay decision (`predict=0` switches it off), and
//! which parts of the page are shown (`panels=player,free`). Pure: read from and written
//! to the URL's query, tested natively.

/// The query key that switches the player's questions off (`predict=0`).
pub const PREDICT: &str = "predict";
/// The query key that lists the parts shown (`panels=player,chart`).
pub const PANELS: &str = "panels";

/// A part of the mail page a teacher can leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The scenario player (its diagram, allowlist, transcript and explanations).
    Player,
    /// The time chart inside the player.
    Chart,
    /// Free play with its console.
    Free,
    /// "Then and now".
    Now,
    /// "Try it with a real mail program" (mail-lab).
    Lab,
}

impl Panel {
    /// Every part, in page order.
    pub const ALL: [Panel; 5] = [
        Panel::Player,
        Panel::Chart,
        Panel::Free,
        Panel::Now,
        Panel::Lab,
    ];

    /// The name in the URL.
    pub fn code(self) -> &'static str {
        match self {
            Panel::Player => "player",
            Panel::Chart => "chart",
            Panel::Free => "free",
            Panel::Now => "now",
            Panel::Lab => "lab",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The parts shown: every part unless the link names some.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panels(u8);

impl Default for Panels {
    fn default() -> Panels {
        Panels::ALL
    }
}

impl Panels {
    /// Every part.
    pub const ALL: Panels = Panels(0b1_1111);

    /// Reads `panels=player,chart`. Unknown names are ignored; a value that names no
    /// known part (or no value) shows everything, so a mistyped link still teaches.
    pub fn parse(value: Option<&str>) -> Panels {
        let bits = value
            .unwrap_or_default()
            .split(',')
            .filter_map(|name| Panel::ALL.into_iter().find(|p| p.code() == name.trim()))
            .fold(0, |bits, panel| bits | panel.bit());
        if bits == 0 { Panels::ALL } else { Panels(bits) }
    }

    /// The value for the URL; `None` when every part is shown (the key is left out).
    pub fn to_query(self) -> Option<String> {
        (self != Panels::ALL).then(|| {
            Panel::ALL
                .into_iter()
                .filter(|p| self.shows(*p))
                .map(Panel::code)
                .collect::<Vec<_>>()
                .join(",")
        })
    }

    /// Whether `panel` is shown.
    pub fn shows(self, panel: Panel) -> bool {
        self.0 & panel.bit() != 0
    }

    /// The same with `panel` shown or not. Leaving every part out shows them all again.
    #[must_use]
    pub fn with(self, panel: Panel, shown: bool) -> Panels {
        let bits = if shown {
            self.0 | panel.bit()
        } else {
            self.0 & !panel.bit()
        };
        if bits == 0 { Panels::ALL } else { Panels(bits) }
    }
}

/// Whether the player asks before relay decisions: yes unless the link says `predict=0`.
pub fn predict(value: Option<&str>) -> bool {
    value != Some("0")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_parts_shown() {
        assert_eq!(Panels::parse(None), Panels::ALL);
        assert_eq!(Panels::parse(Some("")), Panels::ALL);
        assert_eq!(Panels::parse(Some("nonsense")), Panels::ALL);
        let two = Panels::parse(Some("player, free,unknown"));
        assert!(two.shows(Panel::Player) && two.shows(Panel::Free));
        assert!(!two.shows(Panel::Chart) && !two.shows(Panel::Now) && !two.shows(Panel::Lab));
        assert_eq!(two.to_query().as_deref(), Some("player,free"));
        assert_eq!(Panels::ALL.to_query(), None);
        // Page order, whatever order the link used.
        assert_eq!(
            Panels::parse(Some("lab,player")).to_query().as_deref(),
            Some("player,lab")
        );
    }

    #[test]
    fn leaving_every_part_out_shows_them_all() {
        let one = Panels::parse(Some("now"));
        assert_eq!(one.with(Panel::Now, false), Panels::ALL);
        assert_eq!(
            one.with(Panel::Lab, true).to_query().as_deref(),
            Some("now,lab")
        );
    }

    #[test]
    fn every_combination_round_trips_through_the_url() {
        for bits in 1u8..32 {
            let panels = Panels(bits);
            let query = panels.to_query();
            assert_eq!(Panels::parse(query.as_deref()), panels, "{bits:05b}");
        }
    }

    #[test]
    fn only_predict_0_switches_the_questions_off() {
        assert!(predict(None));
        assert!(predict(Some("1")));
        assert!(predict(Some("yes")));
        assert!(!predict(Some("0")));
    }
}

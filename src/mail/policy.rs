//! Who may relay: the relay policies and the POP-before-SMTP allowlist.
//!
//! Mail *to* the server's own domain is always accepted (that is not relaying). Mail to any
//! other domain is relayed only when [`relay_decision`] says so:
//!
//! | policy | relays when |
//! |---|---|
//! | [`RelayPolicy::OpenRelay`] | always (the old days; spammers' favourite) |
//! | [`RelayPolicy::PopBeforeSmtp`] | the client's IP has a live [`Allowlist`] entry |
//! | [`RelayPolicy::SmtpAuth`] | the SMTP session authenticated (RFC 4954) |
//! | [`RelayPolicy::PopBeforeSmtpOrAuth`] | either of the two |
//!
//! The allowlist contract: a successful POP3 authentication (PASS or APOP) records the
//! client IP until `now + window`; a later success from the same IP refreshes it (the new
//! expiry is always `now + window`, even if the window was changed meanwhile); a failed login
//! records nothing; an entry is live while `now < until` and no longer allows relaying from
//! `until` on. IPv4 and IPv6 are handled alike. With a log-watcher lag (see
//! `ServerConfig::allowlist_lag`) the same happens `lag` ms after the login, with the window
//! that was current at the login.

use core::net::IpAddr;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::time::{Millis, SimTime};

/// The default POP-before-SMTP window: 10 minutes, as the reader's ISP (see DESIGN.md).
pub const DEFAULT_WINDOW: Millis = 10 * super::time::MINUTE;

/// How the SMTP service decides whether to relay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelayPolicy {
    /// Relay for anyone.
    OpenRelay,
    /// Relay for IPs that logged in to POP3 within the window.
    #[default]
    PopBeforeSmtp,
    /// Relay for SMTP sessions that authenticated with AUTH.
    SmtpAuth,
    /// Relay when either POP before SMTP or SMTP AUTH allows it.
    PopBeforeSmtpOrAuth,
}

impl RelayPolicy {
    /// All policies, in teaching order.
    pub const ALL: [RelayPolicy; 4] = [
        RelayPolicy::OpenRelay,
        RelayPolicy::PopBeforeSmtp,
        RelayPolicy::SmtpAuth,
        RelayPolicy::PopBeforeSmtpOrAuth,
    ];

    /// Whether POP3 logins are recorded in the allowlist under this policy.
    #[must_use]
    pub fn uses_allowlist(self) -> bool {
        matches!(
            self,
            RelayPolicy::PopBeforeSmtp | RelayPolicy::PopBeforeSmtpOrAuth
        )
    }

    /// Whether the SMTP service (port 25) offers AUTH under this policy.
    #[must_use]
    pub fn offers_auth(self) -> bool {
        matches!(
            self,
            RelayPolicy::SmtpAuth | RelayPolicy::PopBeforeSmtpOrAuth
        )
    }

    /// The command-line spelling (`open`, `pop-before-smtp`, `smtp-auth`, `both`).
    #[must_use]
    pub fn cli_name(self) -> &'static str {
        match self {
            RelayPolicy::OpenRelay => "open",
            RelayPolicy::PopBeforeSmtp => "pop-before-smtp",
            RelayPolicy::SmtpAuth => "smtp-auth",
            RelayPolicy::PopBeforeSmtpOrAuth => "both",
        }
    }

    /// Parse the command-line spelling.
    #[must_use]
    pub fn from_cli_name(name: &str) -> Option<RelayPolicy> {
        RelayPolicy::ALL.into_iter().find(|p| p.cli_name() == name)
    }
}

/// Why relaying was allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelayPermit {
    /// The server is an open relay.
    OpenRelay,
    /// The client IP is in the allowlist; `remaining` ms of its window are left.
    Allowlisted {
        /// Milliseconds until the entry expires.
        remaining: Millis,
    },
    /// The session authenticated with SMTP AUTH.
    Authenticated,
}

/// Why relaying was refused. The view maps each code to an explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelayRefusal {
    /// POP before SMTP: this IP never logged in to POP3.
    NotInAllowlist,
    /// POP before SMTP: this IP logged in once, but its window has run out.
    AllowlistExpired,
    /// SMTP AUTH: the session did not authenticate.
    NotAuthenticated,
    /// Both allowed, neither held: no live allowlist entry and no AUTH.
    NeitherAllowlistedNorAuthenticated,
    /// Submission service (port 587): AUTH is required before any mail (530).
    AuthenticationRequired,
}

/// The outcome of [`relay_decision`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum RelayDecision {
    /// Relay.
    Allow(RelayPermit),
    /// Refuse at RCPT TO.
    Refuse(RelayRefusal),
}

/// Decide whether a client at `ip` may relay at `now`.
#[must_use]
pub fn relay_decision(
    policy: RelayPolicy,
    allowlist: &Allowlist,
    ip: IpAddr,
    authenticated: bool,
    now: SimTime,
) -> RelayDecision {
    let listed = allowlist.remaining(ip, now);
    match policy {
        RelayPolicy::OpenRelay => RelayDecision::Allow(RelayPermit::OpenRelay),
        RelayPolicy::SmtpAuth if authenticated => RelayDecision::Allow(RelayPermit::Authenticated),
        RelayPolicy::SmtpAuth => RelayDecision::Refuse(RelayRefusal::NotAuthenticated),
        RelayPolicy::PopBeforeSmtpOrAuth if authenticated => {
            RelayDecision::Allow(RelayPermit::Authenticated)
        }
        RelayPolicy::PopBeforeSmtp | RelayPolicy::PopBeforeSmtpOrAuth => match listed {
            Some(remaining) => RelayDecision::Allow(RelayPermit::Allowlisted { remaining }),
            None if policy == RelayPolicy::PopBeforeSmtpOrAuth => {
                RelayDecision::Refuse(RelayRefusal::NeitherAllowlistedNorAuthenticated)
            }
            None if allowlist.ever_listed(ip) => {
                RelayDecision::Refuse(RelayRefusal::AllowlistExpired)
            }
            None => RelayDecision::Refuse(RelayRefusal::NotInAllowlist),
        },
    }
}

/// One allowlist entry as the view shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AllowlistEntry {
    /// The client IP that logged in.
    pub ip: IpAddr,
    /// The POP3 user who logged in from it (last login wins).
    pub user: String,
    /// When the entry was first added (kept across refreshes).
    pub added_at: SimTime,
    /// When the latest login happened.
    pub refreshed_at: SimTime,
    /// The entry allows relaying while `now < until`.
    pub until: SimTime,
    /// Milliseconds left at the time asked (see [`Allowlist::entries_at`]).
    pub remaining: Millis,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Slot {
    user: String,
    added_at: SimTime,
    refreshed_at: SimTime,
    until: SimTime,
    expiry_reported: bool,
}

/// What [`Allowlist::record_login`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AllowlistChange {
    /// A new entry (or one whose previous entry had expired).
    Added,
    /// A live entry got a new expiry.
    Refreshed,
}

/// A login a log watcher has not seen yet.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pending {
    ip: IpAddr,
    user: String,
    effective: SimTime,
    window: Millis,
}

/// An allowlist change that took effect: see [`Allowlist::apply_next_due`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedLogin {
    /// The IP.
    pub ip: IpAddr,
    /// Who logged in.
    pub user: String,
    /// When the entry took effect.
    pub at: SimTime,
    /// Added or refreshed.
    pub change: AllowlistChange,
    /// The new expiry.
    pub until: SimTime,
}

/// The POP-before-SMTP allowlist: IP → expiry. Expired entries are remembered (marked) so
/// a refusal can say "expired" rather than "never logged in". Logins can also be scheduled
/// to take effect later, the way log-watching daemons (pop-before-smtp, poprelayd) notice a
/// login only when they next read the POP server's log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Allowlist {
    slots: BTreeMap<IpAddr, Slot>,
    pending: Vec<Pending>,
}

impl Allowlist {
    /// An empty allowlist.
    #[must_use]
    pub fn new() -> Allowlist {
        Allowlist::default()
    }

    /// Record a successful POP3 login from `ip` by `user` at `now` for `window` ms.
    pub fn record_login(
        &mut self,
        ip: IpAddr,
        user: &str,
        now: SimTime,
        window: Millis,
    ) -> (AllowlistChange, SimTime) {
        let until = now.plus(window);
        match self.slots.get_mut(&ip) {
            Some(slot) if slot.until > now => {
                slot.user = user.to_owned();
                slot.refreshed_at = now;
                slot.until = until;
                (AllowlistChange::Refreshed, until)
            }
            _ => {
                self.slots.insert(
                    ip,
                    Slot {
                        user: user.to_owned(),
                        added_at: now,
                        refreshed_at: now,
                        until,
                        expiry_reported: false,
                    },
                );
                (AllowlistChange::Added, until)
            }
        }
    }

    /// Record a login at `now` that takes effect `lag` ms later, with the `window` current
    /// now. Nothing changes until [`apply_next_due`](Self::apply_next_due) reaches it.
    pub fn schedule_login(
        &mut self,
        ip: IpAddr,
        user: &str,
        now: SimTime,
        lag: Millis,
        window: Millis,
    ) {
        self.pending.push(Pending {
            ip,
            user: user.to_owned(),
            effective: now.plus(lag),
            window,
        });
    }

    /// When the earliest scheduled login due at or before `now` takes effect.
    #[must_use]
    pub fn next_due(&self, now: SimTime) -> Option<SimTime> {
        self.pending
            .iter()
            .map(|p| p.effective)
            .filter(|&at| at <= now)
            .min()
    }

    /// Apply the earliest scheduled login due at or before `now` (ties in scheduling order).
    pub fn apply_next_due(&mut self, now: SimTime) -> Option<AppliedLogin> {
        let (index, _) = self
            .pending
            .iter()
            .enumerate()
            .filter(|(_, p)| p.effective <= now)
            .min_by_key(|(i, p)| (p.effective, *i))?;
        let p = self.pending.remove(index);
        let (change, until) = self.record_login(p.ip, &p.user, p.effective, p.window);
        Some(AppliedLogin {
            ip: p.ip,
            user: p.user,
            at: p.effective,
            change,
            until,
        })
    }

    /// Milliseconds left for `ip` at `now`, or `None` if it has no live entry.
    #[must_use]
    pub fn remaining(&self, ip: IpAddr, now: SimTime) -> Option<Millis> {
        self.slots
            .get(&ip)
            .filter(|slot| slot.until > now)
            .map(|slot| slot.until.since(now))
    }

    /// Whether `ip` ever had an entry (live or expired).
    #[must_use]
    pub fn ever_listed(&self, ip: IpAddr) -> bool {
        self.slots.contains_key(&ip)
    }

    /// The live entries at `now`, with their remaining time, ordered by IP.
    #[must_use]
    pub fn entries_at(&self, now: SimTime) -> Vec<AllowlistEntry> {
        self.slots
            .iter()
            .filter(|(_, slot)| slot.until > now)
            .map(|(ip, slot)| AllowlistEntry {
                ip: *ip,
                user: slot.user.clone(),
                added_at: slot.added_at,
                refreshed_at: slot.refreshed_at,
                until: slot.until,
                remaining: slot.until.since(now),
            })
            .collect()
    }

    /// Entries that expired at or before `now` and were not reported yet: `(ip, user,
    /// until)`, in expiry order. Each expiry is reported once.
    pub fn take_expired(&mut self, now: SimTime) -> Vec<(IpAddr, String, SimTime)> {
        let mut out: Vec<(IpAddr, String, SimTime)> = self
            .slots
            .iter_mut()
            .filter(|(_, slot)| slot.until <= now && !slot.expiry_reported)
            .map(|(ip, slot)| {
                slot.expiry_reported = true;
                (*ip, slot.user.clone(), slot.until)
            })
            .collect();
        out.sort_by_key(|(ip, _, until)| (*until, *ip));
        out
    }

    /// The earliest future change after `now` (an expiry, or a scheduled login taking
    /// effect), for a player that jumps to the next event.
    #[must_use]
    pub fn next_change(&self, now: SimTime) -> Option<SimTime> {
        let expiries = self
            .slots
            .values()
            .filter(|slot| slot.until > now)
            .map(|slot| slot.until);
        let arrivals = self
            .pending
            .iter()
            .map(|p| p.effective)
            .filter(|&at| at > now);
        expiries.chain(arrivals).min()
    }
}

#[cfg(test)]
#[allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "a test may panic: that is how it fails"
)]
mod tests {
    use super::*;
    use crate::mail::time::MINUTE;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("test IP")
    }

    #[test]
    fn window_add_refresh_expire() {
        let mut list = Allowlist::new();
        let pc = ip("203.0.113.7");
        assert_eq!(list.remaining(pc, SimTime(0)), None);
        let (change, until) = list.record_login(pc, "hanako", SimTime(0), 10 * MINUTE);
        assert_eq!(
            (change, until),
            (AllowlistChange::Added, SimTime(10 * MINUTE))
        );
        assert_eq!(list.remaining(pc, SimTime(MINUTE)), Some(9 * MINUTE));
        let (change, _) = list.record_login(pc, "hanako", SimTime(5 * MINUTE), 10 * MINUTE);
        assert_eq!(change, AllowlistChange::Refreshed);
        assert_eq!(list.remaining(pc, SimTime(14 * MINUTE)), Some(MINUTE));
        assert_eq!(list.remaining(pc, SimTime(15 * MINUTE)), None);
        assert_eq!(list.take_expired(SimTime(15 * MINUTE)).len(), 1);
        assert!(list.take_expired(SimTime(16 * MINUTE)).is_empty());
        assert!(list.ever_listed(pc));
        let (change, _) = list.record_login(pc, "hanako", SimTime(20 * MINUTE), MINUTE);
        assert_eq!(change, AllowlistChange::Added);
    }

    #[test]
    fn decisions_per_policy() {
        let mut list = Allowlist::new();
        let pc = ip("2001:db8::7");
        let other = ip("198.51.100.66");
        list.record_login(pc, "hanako", SimTime(0), MINUTE);
        let at = SimTime(1);
        let d = |p, ip, auth| relay_decision(p, &list, ip, auth, at);
        assert_eq!(
            d(RelayPolicy::PopBeforeSmtp, pc, false),
            RelayDecision::Allow(RelayPermit::Allowlisted {
                remaining: MINUTE - 1
            })
        );
        assert_eq!(
            d(RelayPolicy::PopBeforeSmtp, other, true),
            RelayDecision::Refuse(RelayRefusal::NotInAllowlist)
        );
        assert_eq!(
            d(RelayPolicy::SmtpAuth, pc, false),
            RelayDecision::Refuse(RelayRefusal::NotAuthenticated)
        );
        assert_eq!(
            d(RelayPolicy::PopBeforeSmtpOrAuth, other, true),
            RelayDecision::Allow(RelayPermit::Authenticated)
        );
        assert_eq!(
            d(RelayPolicy::OpenRelay, other, false),
            RelayDecision::Allow(RelayPermit::OpenRelay)
        );
        assert_eq!(
            relay_decision(
                RelayPolicy::PopBeforeSmtp,
                &list,
                pc,
                false,
                SimTime(MINUTE)
            ),
            RelayDecision::Refuse(RelayRefusal::AllowlistExpired)
        );
    }
}

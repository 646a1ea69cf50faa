//! Who acts: the reader, the spammer and the others, with their addresses and their mail
//! programs' habits. The reader's account and address come from the server's
//! configuration (its first user), so a lab with other users has another reader.

use core::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::mail::client::{MailProgram, SendStyle};
use crate::mail::flavour::Era;
use crate::mail::letters::{self, Language, LetterId};
use crate::mail::server::{ServerConfig, UserAccount};

/// Who acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActorId {
    /// The reader (the configuration's first user), at home: 203.0.113.7.
    Reader,
    /// A spammer elsewhere: 198.51.100.66.
    Spammer,
    /// Someone behind the same NAT router as the reader: same public IP.
    NatNeighbour,
    /// Another customer who is given the reader's old IP after an address change.
    NextHolder,
    /// A spammer who tries to guess the reader's password for SMTP AUTH: 198.51.100.67.
    PasswordGuesser,
}

impl ActorId {
    /// A stable lowercase code (`reader`, `spammer`, `nat_neighbour`, …).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ActorId::Reader => "reader",
            ActorId::Spammer => "spammer",
            ActorId::NatNeighbour => "nat_neighbour",
            ActorId::NextHolder => "next_holder",
            ActorId::PasswordGuesser => "password_guesser",
        }
    }
}

/// An actor: where it is and how its mail program behaves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Which actor.
    pub id: ActorId,
    /// The public IP the server sees.
    pub ip: IpAddr,
    /// The private address behind NAT, if any (for the picture only).
    pub private_ip: Option<IpAddr>,
    /// Credentials the actor uses (`None`: it has none; may be wrong on purpose).
    pub account: Option<UserAccount>,
    /// The envelope sender and `From:` it uses.
    pub from: String,
    /// Where it sends when a scenario does not say.
    pub default_to: Vec<String>,
    /// The mail it sends (written in the lab's language, encoded as its era's programs did).
    pub letter: LetterId,
    /// Its mail program.
    pub program: MailProgram,
}

fn ip(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::from([a, b, c, d])
}

/// The reader's account on `config` (its first user) and address.
fn reader_account(config: &ServerConfig) -> (Option<UserAccount>, String) {
    match config.users.first() {
        Some(user) => (
            Some(user.clone()),
            format!("{}@{}", user.name, config.domain),
        ),
        None => (None, format!("postmaster@{}", config.domain)),
    }
}

impl Actor {
    /// The reader at 203.0.113.7 with the configuration's first account and a typical
    /// mail program.
    #[must_use]
    pub fn reader(config: &ServerConfig) -> Actor {
        let (account, from) = reader_account(config);
        Actor {
            id: ActorId::Reader,
            ip: ip(203, 0, 113, 7),
            private_ip: Some(ip(192, 168, 1, 10)),
            account,
            from,
            default_to: vec!["taro@example.org".to_owned()],
            letter: LetterId::Lunch,
            program: MailProgram::typical("pc.example"),
        }
    }

    /// The spammer: 198.51.100.66, no account, sends to several domains.
    #[must_use]
    pub fn spammer() -> Actor {
        Actor {
            id: ActorId::Spammer,
            ip: ip(198, 51, 100, 66),
            private_ip: None,
            account: None,
            from: "winner@lottery.example".to_owned(),
            default_to: vec![
                "taro@example.org".to_owned(),
                "jiro@example.com".to_owned(),
                "saburo@example.edu".to_owned(),
            ],
            letter: LetterId::Prize,
            program: MailProgram {
                receive_on_start: false,
                ..MailProgram::typical("bulk-mailer.example")
            },
        }
    }

    /// The NAT neighbour: a different PC behind the reader's router, same public IP.
    #[must_use]
    pub fn nat_neighbour() -> Actor {
        Actor {
            id: ActorId::NatNeighbour,
            ip: ip(203, 0, 113, 7),
            private_ip: Some(ip(192, 168, 1, 23)),
            account: None,
            from: "neighbour@example.com".to_owned(),
            default_to: vec!["someone@example.org".to_owned()],
            letter: LetterId::Watches,
            program: MailProgram {
                receive_on_start: false,
                ..MailProgram::typical("laptop.example")
            },
        }
    }

    /// A spammer guessing the reader's password with AUTH LOGIN.
    #[must_use]
    pub fn password_guesser(config: &ServerConfig) -> Actor {
        let mut actor = Actor::spammer();
        actor.id = ActorId::PasswordGuesser;
        actor.ip = ip(198, 51, 100, 67);
        let name = config
            .users
            .first()
            .map_or_else(|| "postmaster".to_owned(), |u| u.name.clone());
        actor.account = Some(UserAccount::new(&name, "123456"));
        actor.program.send_style = SendStyle::AuthLogin;
        actor
    }

    /// Another customer of the reader's ISP, not yet on the reader's old address.
    #[must_use]
    pub fn next_holder() -> Actor {
        Actor {
            id: ActorId::NextHolder,
            ip: ip(203, 0, 113, 99),
            private_ip: None,
            account: None,
            from: "stranger@example.com".to_owned(),
            default_to: vec!["someone@example.org".to_owned()],
            letter: LetterId::Greeting,
            program: MailProgram {
                receive_on_start: false,
                ..MailProgram::typical("other.example")
            },
        }
    }

    /// The message this actor sends to `to` (the `serial`th of the lab), written in
    /// `language` by a mail program of `era`.
    pub(crate) fn message(
        &self,
        to: &[String],
        serial: u32,
        language: Language,
        era: Era,
    ) -> Vec<String> {
        let message_id = format!("<{serial}.{}@{}>", self.id.code(), self.program.helo_name);
        letters::letter(self.letter, language, era).lines(&self.from, &to.join(", "), &message_id)
    }
}

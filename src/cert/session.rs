//! The engine behind a message boundary: requests in, responses out, as bytes.
//!
//! The page runs the certificate engine in a Web Worker, a WebAssembly module of its own
//! that loads only when the padlock explainer opens. That keeps the parser, the signature
//! code and Mozilla's roots out of the first load, and a slow or failing analysis can never
//! freeze the page. The worker (`src/bin/cert-worker.rs`) is a thin shell around a
//! [`Session`]; the page's component tests run the very same session in-process.
//!
//! The conversation, always in order:
//! - [`Request::Parse`]: new input (every file or paste as bytes) and how to judge it. The
//!   session parses it once and answers [`Response::Parsed`]: what was read, and the
//!   judgement. A long reading's first certificates go ahead of it in parts
//!   ([`Response::Certificates`], [`PART_DER`]), which the page puts back ([`Gathering`]).
//! - [`Request::Judge`]: the reader moved the date, typed a host or trusted a root. The
//!   session judges the input it holds again and answers [`Response::Judged`].
//! - [`Request::Compare`]: an older chain (the one a renewal replaces). The session reads
//!   it without letting go of the input it holds, judges it the same way and answers
//!   [`Response::Compared`] with what it read; the page compares it with the input it
//!   shows ([`super::compare`]: a pure function, and the answer reuses the messages the
//!   page already reads).
//!
//! Every request carries an `id` that its response repeats, so the page can ignore answers
//! it no longer waits for. Messages are encoded with `postcard` (compact, and small to
//! decode); an undecodable message gets [`Response::Refused`], never a panic.

use serde::{Deserialize, Serialize};

use super::{
    Analysis, CertificateReport, Deferred, Finding, InputBlock, Options, Report, RootSetInfo,
    UnixTime,
};

/// How to judge: the page's host, date and trusted roots.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judging {
    /// The time to judge at, seconds since the epoch.
    pub at: i64,
    /// The host name the reader typed, if any.
    pub host: Option<String>,
    /// Certificates (input order) the reader chose to trust as roots.
    pub trusted: Vec<usize>,
}

/// What the page asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Parse new input (each file or paste one entry), then judge it.
    Parse {
        /// Repeated in the response.
        id: u32,
        /// Each file or paste, as bytes.
        #[serde(with = "byte_lists")]
        inputs: Vec<Vec<u8>>,
        /// How to judge it.
        judging: Judging,
    },
    /// Judge the input held again.
    Judge {
        /// Repeated in the response.
        id: u32,
        /// How to judge now.
        judging: Judging,
    },
    /// Compare the input held (the new chain) with an older one.
    Compare {
        /// Repeated in the response.
        id: u32,
        /// The older chain, each file or paste as bytes.
        #[serde(with = "byte_lists")]
        old: Vec<Vec<u8>>,
        /// How to judge both (the roots trusted are the held input's).
        judging: Judging,
    },
}

impl Request {
    /// The id the response will carry.
    pub fn id(&self) -> u32 {
        match self {
            Request::Parse { id, .. } | Request::Judge { id, .. } | Request::Compare { id, .. } => {
                *id
            }
        }
    }
}

/// What was read from one input: fixed until the next [`Request::Parse`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    /// The input's blocks.
    pub blocks: Vec<InputBlock>,
    /// Every certificate read, input order.
    pub certificates: Vec<CertificateReport>,
    /// Findings about the input itself (blocks, parse errors, private keys, duplicates).
    pub input_findings: Vec<Finding>,
    /// The DER bytes of each certificate (input order), for the page's hex view.
    #[serde(with = "byte_lists")]
    pub der: Vec<Vec<u8>>,
    /// The root set built into the engine (the page names its date and size).
    pub root_set: RootSetInfo,
    /// Certificate signing requests in the input.
    pub requests: Vec<super::documents::RequestReport>,
    /// Revocation lists in the input.
    pub crls: Vec<super::documents::CrlReport>,
}

impl Parsed {
    /// What `analysis` read, copied ([`HeldReading`] says which parts).
    fn of(analysis: &Analysis) -> Parsed {
        let held = HeldReading::of(analysis, 0);
        Parsed {
            blocks: held.blocks.to_vec(),
            certificates: held.certificates.to_vec(),
            input_findings: held.input_findings.to_vec(),
            der: held.der.iter().map(|der| der.to_vec()).collect(),
            root_set: held.root_set,
            requests: held.requests.to_vec(),
            crls: held.crls.to_vec(),
        }
    }

    /// The decoded certificates, input order.
    pub fn certificates(&self) -> &[CertificateReport] {
        &self.certificates
    }

    /// The input blocks.
    pub fn blocks(&self) -> &[InputBlock] {
        &self.blocks
    }

    /// Findings about the input itself.
    pub fn input_findings(&self) -> &[Finding] {
        &self.input_findings
    }

    /// The DER bytes of certificate `index`.
    pub fn der(&self, index: usize) -> Option<&[u8]> {
        self.der.get(index).map(Vec::as_slice)
    }
}

/// Why a request got no report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The message could not be decoded (it was not written by this version of the page).
    Undecodable,
    /// A judgement was asked for before any input.
    NoInput,
}

/// What the session answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// A new input was read and judged.
    Parsed {
        /// The request's id.
        id: u32,
        /// What was read.
        input: Box<Parsed>,
        /// The judgement.
        report: Box<Report>,
    },
    /// The input held was judged again.
    Judged {
        /// The request's id.
        id: u32,
        /// The judgement.
        report: Box<Report>,
    },
    /// The older chain, read and judged as the input held is judged now.
    Compared {
        /// The request's id.
        id: u32,
        /// What was read from the older chain.
        input: Box<Parsed>,
        /// Its judgement.
        report: Box<Report>,
    },
    /// A second answer to a `Parse` request, sent only when the first was wrong: a
    /// self-issued certificate, whose own signature the first answer did not wait for
    /// ([`Analysis::parse_inputs_deferring_checks`]), is not signed with its key, or an
    /// embedded SCT not by its log. The input read again with every signature checked,
    /// judged as that request asked.
    Corrected {
        /// The `Parse` request's id.
        id: u32,
        /// What was read.
        input: Box<Parsed>,
        /// The judgement.
        report: Box<Report>,
    },
    /// The last message about a request, after its answer (or after a correction): the
    /// worker has finished with it, a `Parse`'s self-signatures checked. The page counts a
    /// request as pending until then, so that a new input does not wait long behind that
    /// check either.
    Settled {
        /// The request's id (0 for one that could not be read).
        id: u32,
    },
    /// `id` is 0 when the request could not be read at all.
    Refused {
        /// The request's id.
        id: u32,
        /// Why.
        why: Refusal,
    },
    /// Certificates' readings sent ahead of a long `Parsed` answer, a part at a time
    /// ([`PART_DER`]), so that no one message holds the page's thread long while it is
    /// decoded (2,000 certificates answered in one 2.2 MB message, decoded in one task of
    /// about 100 ms on a fresh page). The answer with the same id carries the rest; the page
    /// puts the parts before them, in order ([`Gathering`]).
    Certificates {
        /// The `Parse` request's id.
        id: u32,
        /// The next certificates' readings, input order.
        certificates: Vec<CertificateReport>,
    },
}

impl Response {
    /// The id of the request this answers.
    pub fn id(&self) -> u32 {
        match self {
            Response::Parsed { id, .. }
            | Response::Judged { id, .. }
            | Response::Compared { id, .. }
            | Response::Corrected { id, .. }
            | Response::Settled { id }
            | Response::Refused { id, .. }
            | Response::Certificates { id, .. } => *id,
        }
    }
}

/// The engine's state between messages: the input last parsed.
pub struct Session {
    analysis: Option<Analysis>,
    /// The reading a `Parse` replaced, freed by [`Session::follow_up`]: after the answer
    /// is on its way, not before (freeing the reading of Debian's 144 roots was an eighth
    /// of the worker's time to its answer when the same text was pasted again).
    retired: Option<Analysis>,
    /// The self-signatures the last `Parse` answer did not wait for.
    recheck: Option<Recheck>,
    /// A correction found before [`Session::follow_up`] was asked for it.
    correction: Option<Response>,
    /// The id of the last request answered by [`Session::handle_bytes`].
    last_id: u32,
    /// How many bytes of DER a part of a long answer stands for ([`PART_DER`]).
    part_der: usize,
}

impl Default for Session {
    fn default() -> Session {
        Session::with_part_der(PART_DER)
    }
}

/// What [`Session::follow_up`] needs to check the last input's self-issued certificates
/// and, if one is not signed with its own key, to read and judge that input again.
struct Recheck {
    id: u32,
    inputs: Vec<Vec<u8>>,
    judging: Judging,
    deferred: Deferred,
}

impl Session {
    /// A session holding no input yet.
    pub fn new() -> Session {
        Session::default()
    }

    /// A session that sends a long answer's certificates ahead of it in parts of about
    /// `part_der` bytes of DER instead of [`PART_DER`]: for the `cert_session` fuzz target,
    /// whose inputs (at most 10,000 bytes) would never reach 256 KB (FUZZING.md).
    pub fn with_part_der(part_der: usize) -> Session {
        Session {
            analysis: None,
            retired: None,
            recheck: None,
            correction: None,
            last_id: 0,
            part_der,
        }
    }

    /// Answers one request. A `Parse` is answered without waiting for the self-signatures
    /// of self-issued certificates; [`Session::follow_up`] checks them next. A request that comes
    /// before that is answered on the checked reading (a new `Parse` needs none), and the
    /// correction, if any, waits for `follow_up`.
    pub fn handle(&mut self, request: Request) -> Response {
        match (self.answer(request), &self.analysis) {
            (Answer::Parsed { id, report }, Some(analysis)) => Response::Parsed {
                id,
                input: Box::new(Parsed::of(analysis)),
                report,
            },
            // A `Parse` always leaves its analysis in the session.
            (Answer::Parsed { id, .. }, None) => Response::Refused {
                id,
                why: Refusal::NoInput,
            },
            (Answer::Other(response), _) => response,
        }
    }

    /// [`Session::handle`], leaving a `Parse` answer's reading in the session, where
    /// [`Session::handle_bytes`] encodes it from without copying it.
    fn answer(&mut self, request: Request) -> Answer {
        if matches!(request, Request::Parse { .. }) {
            self.recheck = None;
            self.correction = None;
            self.retired = self.analysis.take();
        } else if self.recheck.is_some() {
            self.correction = self.follow_up();
        }
        match request {
            Request::Parse {
                id,
                inputs,
                judging,
            } => {
                let slices: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
                let (analysis, deferred) = Analysis::parse_inputs_deferring_checks(&slices);
                let report = Box::new(judge(&analysis, &judging));
                self.analysis = Some(analysis);
                self.recheck = (!deferred.is_empty()).then_some(Recheck {
                    id,
                    inputs,
                    judging,
                    deferred,
                });
                Answer::Parsed { id, report }
            }
            Request::Judge { id, judging } => Answer::Other(match &self.analysis {
                Some(analysis) => Response::Judged {
                    id,
                    report: Box::new(judge(analysis, &judging)),
                },
                None => Response::Refused {
                    id,
                    why: Refusal::NoInput,
                },
            }),
            Request::Compare { id, old, judging } => Answer::Other(match &self.analysis {
                Some(analysis) => {
                    let slices: Vec<&[u8]> = old.iter().map(Vec::as_slice).collect();
                    let before = Analysis::parse_inputs(&slices);
                    // The roots the reader trusts are certificates of the held input.
                    let anchors: Vec<_> = judging
                        .trusted
                        .iter()
                        .filter_map(|&i| analysis.anchor(i))
                        .collect();
                    let options = Options {
                        at: UnixTime(judging.at),
                        host: judging.host,
                        extra_anchors: anchors,
                        mozilla_roots: true,
                    };
                    Response::Compared {
                        id,
                        report: Box::new(before.judge(&options)),
                        input: Box::new(Parsed::of(&before)),
                    }
                }
                None => Response::Refused {
                    id,
                    why: Refusal::NoInput,
                },
            }),
        }
    }

    /// Frees the reading the last `Parse` replaced, then checks the self-signatures its
    /// answer did not wait for. `None` when they hold (the answer stands) or nothing was
    /// left to check; otherwise the input read and judged again, every signature checked.
    pub fn follow_up(&mut self) -> Option<Response> {
        self.retired = None;
        if let Some(correction) = self.correction.take() {
            return Some(correction);
        }
        let recheck = self.recheck.take()?;
        if self
            .analysis
            .as_ref()
            .is_some_and(|a| a.deferred_checks_hold(&recheck.deferred))
        {
            return None;
        }
        let slices: Vec<&[u8]> = recheck.inputs.iter().map(Vec::as_slice).collect();
        let analysis = Analysis::parse_inputs(&slices);
        let input = Box::new(Parsed::of(&analysis));
        let report = Box::new(judge(&analysis, &recheck.judging));
        self.analysis = Some(analysis);
        Some(Response::Corrected {
            id: recheck.id,
            input,
            report,
        })
    }

    /// [`Session::follow_up`], encoded, after the answer to [`Session::handle_bytes`]: a
    /// correction, if there is one, then always [`Response::Settled`]. The worker posts
    /// each; the page counts the request as pending until `Settled`.
    pub fn follow_up_bytes(&mut self) -> Vec<Vec<u8>> {
        let correction = self.follow_up().map(|response| encode(&response));
        let settled = encode(&Response::Settled { id: self.last_id });
        correction.into_iter().chain([settled]).collect()
    }

    /// Answers one encoded request with encoded responses: the response itself, after the
    /// parts of a long `Parsed` answer ([`Response::Certificates`]) if it has any. The
    /// worker posts each in order; [`Gathering`] puts them together again.
    pub fn handle_bytes(&mut self, request: &[u8]) -> Vec<Vec<u8>> {
        self.respond(postcard::from_bytes(request).ok())
    }

    /// [`Session::handle_bytes`] for a request that came in two parts: the encoded request
    /// and, beside it, one more input as bytes (a long paste: the page posts its text to
    /// the worker as the browser holds it, and the worker makes it UTF-8, so the page's
    /// thread never copies ten megabytes). The input is added after a `Parse` request's
    /// own; any other request is answered as it is.
    pub fn handle_bytes_with_input(&mut self, request: &[u8], input: Vec<u8>) -> Vec<Vec<u8>> {
        let request = postcard::from_bytes(request).ok().map(|mut request| {
            if let Request::Parse { inputs, .. } = &mut request {
                inputs.push(input);
            }
            request
        });
        self.respond(request)
    }

    /// The encoded answer to a request, or the refusal of one that could not be decoded.
    fn respond(&mut self, request: Option<Request>) -> Vec<Vec<u8>> {
        let answer = match request {
            Some(request) => self.answer(request),
            None => Answer::Other(Response::Refused {
                id: 0,
                why: Refusal::Undecodable,
            }),
        };
        match answer {
            Answer::Parsed { id, report } => {
                self.last_id = id;
                match &self.analysis {
                    Some(analysis) => parsed_messages(id, analysis, &report, self.part_der),
                    // A `Parse` always leaves its analysis in the session.
                    None => vec![encode(&Response::Refused {
                        id,
                        why: Refusal::NoInput,
                    })],
                }
            }
            Answer::Other(response) => {
                self.last_id = response.id();
                vec![encode(&response)]
            }
        }
    }
}

/// What [`Session::answer`] gives: a `Parse`'s judgement, its reading being the analysis
/// the session now holds, or any other response.
enum Answer {
    Parsed { id: u32, report: Box<Report> },
    Other(Response),
}

/// How many bytes of DER a part of a long answer's certificates stands for
/// ([`Response::Certificates`]): a reading encodes in about 1.5 times its certificate's DER
/// (2,000 P-256 certificates: 0.9 MB of DER, 1.3 MB of readings), so a part is read in a
/// fifth of the 100 ms the page took for all 2,000 at once. Debian's 144 roots (150 KB of
/// DER) answer in one message.
pub const PART_DER: usize = 256 * 1024;

/// The messages answering a `Parse`: the readings of the first certificates in parts of
/// about `part_der` bytes of DER each ([`Response::Certificates`]), then the answer with the
/// rest. A certificate is never cut; nothing is sent ahead of an answer whose certificates
/// together have fewer bytes of DER.
fn parsed_messages(id: u32, analysis: &Analysis, report: &Report, part_der: usize) -> Vec<Vec<u8>> {
    let certificates = analysis.certificates();
    let mut messages = Vec::new();
    let (mut start, mut bytes) = (0, 0_usize);
    for index in 0..certificates.len().saturating_sub(1) {
        bytes = bytes.saturating_add(analysis.der(index).map_or(0, <[u8]>::len));
        if bytes >= part_der {
            let part = certificates.get(start..=index).unwrap_or_default();
            messages.push(encode(&CertificatesPart {
                id,
                certificates: part,
            }));
            (start, bytes) = (index.saturating_add(1), 0);
        }
    }
    messages.push(encode(&ParsedAnswer {
        id,
        input: HeldReading::of(analysis, start),
        report,
    }));
    messages
}

/// [`Response::Certificates`] as it is encoded, borrowing the readings from the session's
/// analysis (`a_long_answer_is_sent_in_parts_and_gathered_whole` decodes it as one).
struct CertificatesPart<'a> {
    id: u32,
    certificates: &'a [CertificateReport],
}

impl Serialize for CertificatesPart<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStructVariant;
        // `Response::Certificates` is the enum's seventh variant.
        let mut variant = serializer.serialize_struct_variant("Response", 6, "Certificates", 2)?;
        variant.serialize_field("id", &self.id)?;
        variant.serialize_field("certificates", self.certificates)?;
        variant.end()
    }
}

/// Puts a long answer together again on the page's side: keeps the parts sent ahead of it
/// ([`Response::Certificates`]) and puts them before the certificates of the `Parsed` answer
/// with their id. Parts of an earlier request are dropped when a newer one's come.
#[derive(Default)]
pub struct Gathering {
    id: Option<u32>,
    certificates: Vec<CertificateReport>,
}

impl Gathering {
    /// Takes one response as it came: `None` for a part (kept), otherwise the response to
    /// hand on, with the parts of its answer put back.
    pub fn take(&mut self, response: Response) -> Option<Response> {
        match response {
            Response::Certificates { id, certificates } => {
                if self.id != Some(id) {
                    self.id = Some(id);
                    self.certificates.clear();
                }
                self.certificates.extend(certificates);
                None
            }
            Response::Parsed {
                id,
                mut input,
                report,
            } => {
                let mut parts = std::mem::take(&mut self.certificates);
                if self.id.take() == Some(id) {
                    parts.append(&mut input.certificates);
                    input.certificates = parts;
                }
                Some(Response::Parsed { id, input, report })
            }
            other => Some(other),
        }
    }

    /// Whether parts are held: the answer that ends them is a long one, however short its
    /// own message.
    pub fn holds_parts(&self) -> bool {
        !self.certificates.is_empty()
    }

    /// The response that `messages` (one request's, as [`Session::handle_bytes`] gives
    /// them) come to; `None` if one of them is not a response or they end with a part.
    pub fn whole(messages: &[Vec<u8>]) -> Option<Response> {
        let mut gathering = Gathering::default();
        let mut last = None;
        for message in messages {
            last = gathering.take(decode_response(message)?);
        }
        last
    }
}

/// [`Response::Parsed`] as it is encoded, borrowing the reading from the session's
/// analysis instead of copying it into a [`Parsed`] first (for a certificate with 10,000
/// names that copy was 3 ms of the worker's answer). The bytes are the same:
/// `the_parse_answer_is_encoded_as_an_owned_response_is` compares them.
struct ParsedAnswer<'a> {
    id: u32,
    input: HeldReading<'a>,
    report: &'a Report,
}

impl Serialize for ParsedAnswer<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStructVariant;
        // `Response::Parsed` is the enum's first variant.
        let mut variant = serializer.serialize_struct_variant("Response", 0, "Parsed", 3)?;
        variant.serialize_field("id", &self.id)?;
        variant.serialize_field("input", &self.input)?;
        variant.serialize_field("report", self.report)?;
        variant.end()
    }
}

/// [`Parsed`], borrowed: the same fields in the same order.
#[derive(Serialize)]
struct HeldReading<'a> {
    blocks: &'a [InputBlock],
    certificates: &'a [CertificateReport],
    input_findings: &'a [Finding],
    #[serde(serialize_with = "byte_lists::serialize_borrowed")]
    der: Vec<&'a [u8]>,
    root_set: RootSetInfo,
    requests: &'a [super::documents::RequestReport],
    crls: &'a [super::documents::CrlReport],
}

impl<'a> HeldReading<'a> {
    /// What `analysis` read, the certificates' readings from `first` on (those before were
    /// sent ahead: [`parsed_messages`]): the one place that says which parts an answer
    /// carries.
    fn of(analysis: &'a Analysis, first: usize) -> HeldReading<'a> {
        HeldReading {
            blocks: analysis.blocks(),
            certificates: analysis.certificates().get(first..).unwrap_or_default(),
            input_findings: analysis.input_findings(),
            der: (0..analysis.certificates().len())
                .map(|i| analysis.der(i).unwrap_or_default())
                .collect(),
            root_set: super::anchors::mozilla_info(),
            requests: analysis.requests(),
            crls: analysis.crls(),
        }
    }
}

fn judge(analysis: &Analysis, judging: &Judging) -> Report {
    let extra_anchors = judging
        .trusted
        .iter()
        .filter_map(|&i| analysis.anchor(i))
        .collect();
    analysis.judge(&Options {
        at: UnixTime(judging.at),
        host: judging.host.clone(),
        extra_anchors,
        mozilla_roots: true,
    })
}

/// Lists of byte strings (pastes, files, DER), each written as one byte string rather than
/// as a sequence of numbers. In postcard both are the length and then the bytes, so the
/// messages are the same; but serde hands a sequence over one byte at a time, which was a
/// sixth of answering a 277 KB paste, and a byte string as one slice.
mod byte_lists {
    use serde::de::{SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    /// One byte string, borrowed for writing.
    struct Bytes<'a>(&'a [u8]);

    impl serde::Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }

    /// One byte string, owned when read.
    struct ByteBuf(Vec<u8>);

    impl<'de> serde::Deserialize<'de> for ByteBuf {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Of;
            impl<'de> Visitor<'de> for Of {
                type Value = ByteBuf;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<ByteBuf, E> {
                    Ok(ByteBuf(v.to_vec()))
                }
                fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<ByteBuf, E> {
                    Ok(ByteBuf(v))
                }
            }
            deserializer.deserialize_byte_buf(Of)
        }
    }

    pub(super) fn serialize<S: Serializer>(
        lists: &[Vec<u8>],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(lists.iter().map(|bytes| Bytes(bytes)))
    }

    /// [`serialize`], for borrowed byte strings: the same encoding.
    pub(super) fn serialize_borrowed<S: Serializer>(
        lists: &[&[u8]],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(lists.iter().map(|bytes| Bytes(bytes)))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Vec<u8>>, D::Error> {
        struct Lists;
        impl<'de> Visitor<'de> for Lists {
            type Value = Vec<Vec<u8>>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of byte strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Vec<u8>>, A::Error> {
                // Not the length the message claims: a hostile one could claim billions.
                let mut out = Vec::new();
                while let Some(ByteBuf(bytes)) = seq.next_element()? {
                    out.push(bytes);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Lists)
    }
}

/// Encodes a request or a response.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // Serialising owned data of these types into a Vec cannot fail (no maps with
    // non-string keys, no lengths beyond u32 in practice); an empty message would be refused.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// Decodes a response; `None` when the bytes are not one.
pub fn decode_response(bytes: &[u8]) -> Option<Response> {
    postcard::from_bytes(bytes).ok()
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "tests index known fixtures and fail by panicking"
)]
mod tests {
    use super::*;

    const SELF_SIGNED: &str = include_str!("../../static/samples/badssl/wildcard-self-signed.pem");

    fn judging(at: i64) -> Judging {
        Judging {
            at,
            host: Some("self-signed.badssl.com".into()),
            trusted: Vec::new(),
        }
    }

    fn round_trip(session: &mut Session, request: &Request) -> Response {
        Gathering::whole(&session.handle_bytes(&encode(request))).expect("a response")
    }

    #[test]
    fn a_long_answer_is_sent_in_parts_and_gathered_whole() {
        let bundle = include_str!("../../tests/fixtures/cert/bundle/sixty-self-signed.pem");
        let request = Request::Parse {
            id: 5,
            inputs: vec![bundle.into()],
            judging: judging(1_700_000_000),
        };
        let mut session = Session::new();
        let owned = session.handle(request.clone());
        let analysis = session.analysis.as_ref().expect("the reading held");
        let Response::Parsed { report, .. } = &owned else {
            panic!("a parse answer")
        };
        let count = analysis.certificates().len();
        assert_eq!(count, 60);
        for part_der in [1, 2_000, 10_000, usize::MAX] {
            let messages = parsed_messages(5, analysis, report, part_der);
            let (answer, parts) = messages.split_last().expect("an answer");
            for part in parts {
                let Some(Response::Certificates { id, certificates }) = decode_response(part)
                else {
                    panic!("a part")
                };
                assert_eq!(id, 5);
                assert!(!certificates.is_empty());
            }
            assert!(matches!(
                decode_response(answer),
                Some(Response::Parsed { id: 5, .. })
            ));
            assert_eq!(Gathering::whole(&messages).as_ref(), Some(&owned));
            match part_der {
                // Every certificate its own part, but the last, which the answer carries.
                1 => assert_eq!(messages.len(), count),
                usize::MAX => assert_eq!(messages.len(), 1),
                _ => assert!(messages.len() > 2, "{part_der}: {}", messages.len()),
            }
        }
        // The parts of an older request are dropped when a newer answer comes.
        let older = parsed_messages(4, analysis, report, 1);
        let mut gathering = Gathering::default();
        for part in &older[..10] {
            assert_eq!(gathering.take(decode_response(part).expect("a part")), None);
        }
        assert_eq!(gathering.take(owned.clone()).as_ref(), Some(&owned));
        // What Debian's bundle or this one sends: one message.
        assert_eq!(Session::new().handle_bytes(&encode(&request)).len(), 1);
        // A session with smaller parts (the fuzz target's) answers the same, in parts.
        let messages = Session::with_part_der(2_000).handle_bytes(&encode(&request));
        assert!(messages.len() > 2, "{}", messages.len());
        assert_eq!(Gathering::whole(&messages).as_ref(), Some(&owned));
    }

    #[test]
    fn the_reading_a_parse_replaces_is_freed_after_its_answer() {
        let mut session = Session::new();
        let request = |id| Request::Parse {
            id,
            inputs: vec![SELF_SIGNED.as_bytes().to_vec()],
            judging: judging(1_700_000_000),
        };
        let _ = session.handle_bytes(&encode(&request(1)));
        let _ = session.follow_up_bytes();
        assert!(session.retired.is_none());
        // The second answer is encoded while the first reading is still held...
        let answer = Gathering::whole(&session.handle_bytes(&encode(&request(2))));
        assert!(matches!(answer, Some(Response::Parsed { id: 2, .. })));
        assert!(session.retired.is_some());
        // ...and the follow-up, which comes after it, frees it.
        let _ = session.follow_up_bytes();
        assert!(session.retired.is_none());
    }

    #[test]
    fn parse_then_judge_over_bytes_matches_the_engine() {
        let mut session = Session::new();
        let at = 1_700_000_000;
        let parse = Request::Parse {
            id: 1,
            inputs: vec![SELF_SIGNED.as_bytes().to_vec()],
            judging: judging(at),
        };
        let Response::Parsed { id, input, report } = round_trip(&mut session, &parse) else {
            panic!("parse must answer Parsed");
        };
        assert_eq!(id, 1);
        let direct = Analysis::parse(SELF_SIGNED.as_bytes());
        assert_eq!(input.certificates(), direct.certificates());
        assert_eq!(input.der(0), direct.der(0));
        let options = Options::at(UnixTime(at)).with_host("self-signed.badssl.com");
        assert_eq!(*report, direct.judge(&options));

        // Trusting the self-signed root changes the verdict, as on the page.
        let trusted = Judging {
            trusted: vec![0],
            ..judging(at)
        };
        let judge = Request::Judge {
            id: 2,
            judging: trusted,
        };
        let Response::Judged { id, report } = round_trip(&mut session, &judge) else {
            panic!("judge must answer Judged");
        };
        assert_eq!(id, 2);
        assert!(report.trust.trusted);
    }

    #[test]
    fn compare_reads_the_old_chain_beside_the_input_held() {
        let mut session = Session::new();
        let at = 1_500_000_000;
        let compare = Request::Compare {
            id: 1,
            old: vec![SELF_SIGNED.as_bytes().to_vec()],
            judging: judging(at),
        };
        // Nothing to compare with yet.
        assert!(matches!(
            round_trip(&mut session, &compare),
            Response::Refused {
                why: Refusal::NoInput,
                ..
            }
        ));
        let parse = Request::Parse {
            id: 2,
            inputs: vec![SELF_SIGNED.as_bytes().to_vec()],
            judging: judging(at),
        };
        round_trip(&mut session, &parse);
        let Response::Compared { id, input, report } = round_trip(
            &mut session,
            &Request::Compare {
                id: 3,
                old: vec![SELF_SIGNED.as_bytes().to_vec()],
                judging: judging(at),
            },
        ) else {
            panic!("compare must answer Compared");
        };
        assert_eq!(id, 3);
        // Read and judged as the engine does it directly; compared with the input held,
        // the same certificate: the same key, no name changed.
        let direct = Analysis::parse(SELF_SIGNED.as_bytes());
        assert_eq!(input.certificates(), direct.certificates());
        let options = Options::at(UnixTime(at)).with_host("self-signed.badssl.com");
        assert_eq!(*report, direct.judge(&options));
        let side = super::super::compare::Side {
            certificates: input.certificates(),
            report: &report,
        };
        let c = super::super::compare::compare(side, side).expect("a comparison");
        assert!(c.key_reused);
        assert!(c.names.is_empty());
        // The input held is still there: judging it again works and shows the same.
        let judged = round_trip(
            &mut session,
            &Request::Judge {
                id: 4,
                judging: judging(at),
            },
        );
        assert!(matches!(judged, Response::Judged { id: 4, .. }));
        // An old text without a certificate: nothing read.
        let Response::Compared { input, .. } = round_trip(
            &mut session,
            &Request::Compare {
                id: 5,
                old: vec![b"no certificate".to_vec()],
                judging: judging(at),
            },
        ) else {
            panic!("compare must answer Compared");
        };
        assert!(input.certificates().is_empty());
    }

    #[test]
    fn judge_before_parse_is_refused() {
        let mut session = Session::new();
        let judge = Request::Judge {
            id: 7,
            judging: judging(0),
        };
        assert_eq!(
            round_trip(&mut session, &judge),
            Response::Refused {
                id: 7,
                why: Refusal::NoInput
            }
        );
    }

    #[test]
    fn the_parse_answer_is_encoded_as_an_owned_response_is() {
        let documents = concat!(
            include_str!("../../tests/fixtures/cert/documents/request.csr"),
            include_str!("../../tests/fixtures/cert/documents/list.pem"),
        );
        let inputs: [&[&[u8]]; 5] = [
            &[AMAZON.as_bytes()],
            &[include_bytes!(
                "../../tests/fixtures/cert/badssl/subdomain-10000-sans.pem"
            )],
            // Two files: a chain and a signing request with a revocation list.
            &[AMAZON.as_bytes(), documents.as_bytes()],
            &[b"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"],
            &[b"\x30\x82\xff\xff garbage"],
        ];
        let mut every_field_seen = [false; 5];
        for input in inputs {
            let request = Request::Parse {
                id: 9,
                inputs: input.iter().map(|i| i.to_vec()).collect(),
                judging: Judging {
                    at: 1_760_000_000,
                    host: Some("www.amazon.com".into()),
                    trusted: vec![0],
                },
            };
            let bytes = Session::new().handle_bytes(&encode(&request));
            let owned = Session::new().handle(request);
            let Response::Parsed { input: read, .. } = &owned else {
                panic!("a parse answer")
            };
            every_field_seen[0] |= !read.blocks.is_empty();
            every_field_seen[1] |= !read.certificates.is_empty();
            every_field_seen[2] |= !read.input_findings.is_empty();
            every_field_seen[3] |= !read.requests.is_empty();
            every_field_seen[4] |= !read.crls.is_empty();
            assert_eq!(bytes, [encode(&owned)]);
            assert_eq!(Gathering::whole(&bytes), Some(owned));
        }
        assert_eq!(every_field_seen, [true; 5], "each list held something once");
    }

    #[test]
    fn an_input_sent_beside_the_request_is_read_as_its_last_input() {
        // The page's first file and a long paste posted beside the request: answered as
        // one request holding both inputs in that order.
        let documents = include_str!("../../tests/fixtures/cert/documents/request.csr");
        let whole = parse(vec![documents.into(), AMAZON.into()], 1_760_000_000);
        let without = parse(vec![documents.into()], 1_760_000_000);
        let beside = Session::new().handle_bytes_with_input(&encode(&without), AMAZON.into());
        assert_eq!(beside, Session::new().handle_bytes(&encode(&whole)));
        // Any other request is answered as it is; an undecodable one is refused.
        let mut session = Session::new();
        let _ = session.handle_bytes(&encode(&whole));
        let judge = encode(&Request::Judge {
            id: 8,
            judging: Judging {
                at: 1_760_000_000,
                host: None,
                trusted: Vec::new(),
            },
        });
        let mut twin = Session::new();
        let _ = twin.handle_bytes(&encode(&whole));
        assert_eq!(
            session.handle_bytes_with_input(&judge, AMAZON.into()),
            twin.handle_bytes(&judge)
        );
        assert_eq!(
            Gathering::whole(&Session::new().handle_bytes_with_input(b"\xff", AMAZON.into())),
            Some(Response::Refused {
                id: 0,
                why: Refusal::Undecodable
            })
        );
    }

    #[test]
    fn garbage_is_refused_not_a_panic() {
        let mut session = Session::new();
        for bytes in [
            &b""[..],
            b"\xff\xff\xff\xff\xff",
            b"\x00\x05\xff\xff\xff\xff\x0f",
        ] {
            let answer = Gathering::whole(&session.handle_bytes(bytes)).expect("a response");
            assert_eq!(
                answer,
                Response::Refused {
                    id: 0,
                    why: Refusal::Undecodable
                }
            );
        }
    }

    const AMAZON: &str = include_str!("../../static/samples/real-chains/amazon.com.pem");

    fn parse(inputs: Vec<Vec<u8>>, at: i64) -> Request {
        Request::Parse {
            id: 7,
            inputs,
            judging: Judging {
                at,
                host: Some("www.amazon.com".into()),
                trusted: Vec::new(),
            },
        }
    }

    /// The answer every signature checked would give (`Analysis::parse_inputs`).
    fn checked(inputs: &[Vec<u8>], at: i64) -> (Parsed, Report) {
        let slices: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        let analysis = Analysis::parse_inputs(&slices);
        let Request::Parse { judging, .. } = parse(Vec::new(), at) else {
            unreachable!()
        };
        (Parsed::of(&analysis), judge(&analysis, &judging))
    }

    #[test]
    fn the_verdict_does_not_wait_for_a_trust_anchors_own_signature() {
        // amazon.com's chain ends in DigiCert Global Root G2, one of Mozilla's anchors.
        let inputs = vec![AMAZON.as_bytes().to_vec()];
        let (_, deferred) = Analysis::parse_inputs_deferring_checks(&[AMAZON.as_bytes()]);
        assert_eq!(
            deferred.self_signatures(),
            [2],
            "the root's self-signature is left for later"
        );
        // So is the leaf's SCT from a log the list has a key for (the other two come from
        // logs newer than the list: not checked at all).
        let scts: Vec<_> = deferred.scts().collect();
        assert_eq!(scts, [(0, 1)]);
        let at = 1_760_000_000;
        let mut session = Session::new();
        let Response::Parsed { input, report, .. } = session.handle(parse(inputs.clone(), at))
        else {
            panic!("a parse answer")
        };
        // The same answer as with every signature checked; the check that follows agrees.
        assert_eq!((*input, *report), checked(&inputs, at));
        assert_eq!(session.follow_up(), None);
        assert_eq!(session.follow_up(), None, "checked once");
    }

    /// Two self-signed roots of one name and one key (a root re-issued, as
    /// Firmaprofesional's in Debian's bundle), generated; the second one's signature
    /// broken when `broken`.
    #[cfg(not(target_arch = "wasm32"))]
    fn reissued_roots(broken: bool) -> Vec<Vec<u8>> {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut roots: Vec<Vec<u8>> = [1_u64, 2]
            .iter()
            .map(|&serial| {
                let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
                params
                    .distinguished_name
                    .push(rcgen::DnType::CommonName, "Reissued Root");
                params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
                params.serial_number = Some(serial.into());
                params.self_signed(&key).unwrap().der().to_vec()
            })
            .collect();
        if broken {
            *roots[1].last_mut().unwrap() ^= 1;
        }
        roots
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_root_reissued_with_its_key_is_linked_by_its_own_signature_check() {
        let at = 1_760_000_000;
        use crate::cert::SignatureStatus;
        let link = |analysis: &Analysis, child: usize| {
            let edge = analysis.edges[child]
                .iter()
                .find(|e| e.parent == 1 - child)
                .expect("each names the other as issuer");
            assert!(edge.own_signature);
            edge.signature
        };
        // Sound: each signature checks with the other's key (the same key), the first
        // answer stands, and it is the full reading's.
        let inputs = reissued_roots(false);
        let slices: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        let analysis = Analysis::parse_inputs(&slices);
        assert_eq!(link(&analysis, 0), SignatureStatus::Valid);
        assert_eq!(link(&analysis, 1), SignatureStatus::Valid);
        let mut session = Session::new();
        let Response::Parsed { input, report, .. } = session.handle(parse(inputs.clone(), at))
        else {
            panic!("a parse answer")
        };
        assert!(session.follow_up().is_none());
        assert_eq!((*input, *report), checked(&inputs, at));
        // The second one's signature broken: its link to the first (the same key) is as
        // invalid as its self-signature; taken on trust at first with it, and corrected
        // with it.
        let inputs = reissued_roots(true);
        let slices: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        let analysis = Analysis::parse_inputs(&slices);
        assert_eq!(link(&analysis, 0), SignatureStatus::Valid);
        assert_eq!(link(&analysis, 1), SignatureStatus::Invalid);
        let (deferred, _) = Analysis::parse_inputs_deferring_checks(&slices);
        assert_eq!(link(&deferred, 1), SignatureStatus::Valid, "taken on trust");
        let mut session = Session::new();
        let _ = session.handle(parse(inputs.clone(), at));
        let Some(Response::Corrected { input, report, .. }) = session.follow_up() else {
            panic!("a correction")
        };
        assert_eq!((*input, *report), checked(&inputs, at));
    }

    #[test]
    fn an_anchor_that_does_not_sign_itself_is_corrected_in_a_second_answer() {
        // DigiCert Global Root G2's subject and key, its signature's last byte changed: a
        // trust anchor by subject and key (as browsers match anchors), not self-signed.
        let mut root = Analysis::parse(AMAZON.as_bytes()).der(2).unwrap().to_vec();
        *root.last_mut().unwrap() ^= 1;
        let inputs = vec![root];
        let at = 1_760_000_000;
        let mut session = Session::new();
        let Response::Parsed { input: first, .. } = session.handle(parse(inputs.clone(), at))
        else {
            panic!("a parse answer")
        };
        assert!(
            first.certificates()[0].self_signed,
            "taken as self-signed at first"
        );
        let Some(Response::Corrected { id, input, report }) = session.follow_up() else {
            panic!("a correction")
        };
        assert_eq!(id, 7);
        assert!(!input.certificates()[0].self_signed);
        assert_eq!((*input, *report), checked(&inputs, at));
        // Over bytes, as the worker sends it; and a later request is judged on the
        // corrected reading.
        let mut session = Session::new();
        let _ = session.handle_bytes(&encode(&parse(inputs.clone(), at)));
        let after: Vec<Option<Response>> = session
            .follow_up_bytes()
            .iter()
            .map(|bytes| decode_response(bytes))
            .collect();
        assert!(matches!(
            after.as_slice(),
            [
                Some(Response::Corrected { id: 7, .. }),
                Some(Response::Settled { id: 7 })
            ]
        ));
        // A request with nothing to correct is settled at once.
        let _ = session.handle_bytes(&encode(&Request::Judge {
            id: 9,
            judging: judging(at),
        }));
        assert_eq!(
            session.follow_up_bytes(),
            [encode(&Response::Settled { id: 9 })]
        );
        let mut unsettled = Session::new();
        let _ = unsettled.handle(parse(inputs.clone(), at));
        let judged = unsettled.handle(Request::Judge {
            id: 8,
            judging: Judging {
                at,
                host: None,
                trusted: Vec::new(),
            },
        });
        let Response::Judged { report, .. } = judged else {
            panic!("a judgement")
        };
        let analysis = Analysis::parse_inputs(&[inputs[0].as_slice()]);
        assert_eq!(*report, analysis.judge(&Options::at(UnixTime(at))));
    }

    #[test]
    fn byte_lists_are_written_as_postcard_writes_lists_of_numbers() {
        let inputs = vec![b"-----BEGIN".to_vec(), Vec::new(), vec![0, 0xff, 0x80, 7]];
        let request = parse(inputs.clone(), 1);
        let plain = postcard::to_allocvec(&(0_u8, 7_u32, &inputs)).unwrap();
        let ours = encode(&request);
        // The variant's index, the id, then the lists: byte for byte as before.
        assert_eq!(ours.get(..plain.len()), Some(plain.as_slice()));
        assert_eq!(postcard::from_bytes::<Request>(&ours).unwrap(), request);
    }

    #[test]
    fn a_self_issued_certificate_that_is_no_anchor_is_answered_first_and_corrected_too() {
        let at = 1_700_000_000;
        // badssl's self-signed certificate: no anchor, answered before its signature is
        // checked, and that answer stands.
        let (_, deferred) = Analysis::parse_inputs_deferring_checks(&[SELF_SIGNED.as_bytes()]);
        assert_eq!(deferred.self_signatures(), [0]);
        let mut session = Session::new();
        let Response::Parsed { input, report, .. } = session.handle(Request::Parse {
            id: 3,
            inputs: vec![SELF_SIGNED.as_bytes().to_vec()],
            judging: judging(at),
        }) else {
            panic!("a parse answer")
        };
        assert_eq!(
            input.certificates(),
            Analysis::parse(SELF_SIGNED.as_bytes()).certificates()
        );
        assert_eq!(
            *report,
            judge(&Analysis::parse(SELF_SIGNED.as_bytes()), &judging(at))
        );
        assert_eq!(session.follow_up(), None);
        // Its signature's last byte changed: taken as self-signed at first, then corrected.
        let mut broken = Analysis::parse(SELF_SIGNED.as_bytes())
            .der(0)
            .unwrap()
            .to_vec();
        *broken.last_mut().unwrap() ^= 1;
        let mut session = Session::new();
        let Response::Parsed { input: first, .. } = session.handle(Request::Parse {
            id: 4,
            inputs: vec![broken.clone()],
            judging: judging(at),
        }) else {
            panic!("a parse answer")
        };
        assert!(first.certificates()[0].self_signed);
        let Some(Response::Corrected {
            id: 4,
            input,
            report,
        }) = session.follow_up()
        else {
            panic!("a correction")
        };
        assert!(!input.certificates()[0].self_signed);
        let analysis = Analysis::parse(&broken);
        assert_eq!(input.certificates(), analysis.certificates());
        assert_eq!(*report, judge(&analysis, &judging(at)));
    }
}

//! The certificate worker's message boundary, as the `cert_session` target runs it: the
//! bytes of one or more messages as the page would post them, each answered by
//! `Session::handle_bytes`. Framing: each message is preceded by its length (u16,
//! little-endian); a last message without a full length takes the rest; at most eight
//! messages (parse, then judge and judge again, is a whole conversation). Every answer must
//! decode and carry the request's id (0, `Undecodable`, for an undecodable request), a long
//! one's parts (`Response::Certificates`) first, each with that id, and the page's
//! `Gathering` must put them together again: one reading per certificate, in input order.
//! The session sends its parts at 1 to 4,096 bytes of DER (from the input's length)
//! instead of the page's 256 KB, which inputs of at most 10,000 bytes would never reach. A
//! correction (`Session::follow_up_bytes`, which the worker calls after each answer) only
//! ever follows a `Parse` and carries its id, and every request ends with `Settled`.

use imasara::cert::session::{Gathering, Refusal, Request, Response, Session, decode_response};

pub fn run(data: &[u8]) {
    let mut session = session_for(data);
    let mut rest = data;
    for _ in 0..8 {
        if rest.is_empty() {
            break;
        }
        let message = match rest {
            [lo, hi, tail @ ..] => {
                let len = usize::from(u16::from_le_bytes([*lo, *hi]));
                let (message, tail) = tail.split_at(len.min(tail.len()));
                rest = tail;
                message
            }
            _ => std::mem::take(&mut rest),
        };
        let answer = session.handle_bytes(message);
        let (last, parts) = answer.split_last().expect("an answer");
        let response = decode_response(last).expect("every answer decodes");
        for part in parts {
            let part = decode_response(part).expect("every part decodes");
            assert!(matches!(part, Response::Certificates { id, .. } if id == response.id()));
            assert!(matches!(response, Response::Parsed { .. }));
        }
        let whole = Gathering::whole(&answer).expect("the messages come to one answer");
        assert_eq!(whole.id(), response.id());
        if let Response::Parsed { input, .. } = &whole {
            assert_eq!(input.certificates.len(), input.der.len());
            assert!(
                input
                    .certificates
                    .iter()
                    .enumerate()
                    .all(|(i, c)| c.index == i)
            );
        }
        let request = postcard::from_bytes::<Request>(message);
        match &request {
            Ok(request) => assert_eq!(response.id(), request.id()),
            Err(_) => assert_eq!(
                response,
                Response::Refused {
                    id: 0,
                    why: Refusal::Undecodable
                }
            ),
        }
        // As the worker does next: a correction, if any, answers this very `Parse`; the
        // last message settles the request.
        let after: Vec<Response> = session
            .follow_up_bytes()
            .iter()
            .map(|bytes| decode_response(bytes).expect("every message decodes"))
            .collect();
        let (settled, corrections) = after.split_last().expect("a settling message");
        assert_eq!(*settled, Response::Settled { id: response.id() });
        assert!(corrections.len() <= 1);
        for correction in corrections {
            assert!(matches!(correction, Response::Corrected { .. }));
            assert!(matches!(request, Ok(Request::Parse { id, .. }) if id == correction.id()));
        }
    }
}

/// The session `data` is run against: a long answer's parts at 1 to 4,096 bytes of DER,
/// chosen by the input's length.
pub fn session_for(data: &[u8]) -> Session {
    Session::with_part_der(1 + data.len() % 4096)
}

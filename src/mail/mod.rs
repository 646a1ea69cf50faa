//! The mail engine (POP3, SMTP, relay policies, the POP-before-SMTP allowlist).
//! Pure and sans-IO: see the module docs once it lands.

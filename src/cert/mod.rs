//! The certificate engine (PEM/DER in, a trust-chain report out).
//! Pure: see the module docs once it lands.

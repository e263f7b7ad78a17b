//! Printable documents.
pub mod talon;

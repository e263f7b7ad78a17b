//! Printable documents (HTML, bilingual).
pub mod protocol;
pub mod talon;

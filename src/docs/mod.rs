//! Printable documents (HTML, bilingual).
pub mod document;
pub mod protocol;
pub mod report;
pub mod survey;
pub mod talon;

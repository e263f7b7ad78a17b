//! Printable documents (HTML, bilingual).
pub mod document;
pub mod journal;
pub mod letters;
pub mod protocol;
pub mod report;
pub mod schedule;
pub mod survey;
pub mod talon;

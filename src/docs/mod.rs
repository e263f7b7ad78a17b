//! Printable documents.

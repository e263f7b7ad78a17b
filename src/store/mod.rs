//! Storage over SQLite.

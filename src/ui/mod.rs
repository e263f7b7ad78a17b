//! Terminal UI.
use crate::cli::{CliError, Invocation};

/// Opens the desk.
pub fn run(_inv: &Invocation) -> Result<(), CliError> {
    Err(CliError {
        message: "the desk is being built".into(),
        code: 1,
    })
}

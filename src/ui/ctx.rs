//! What a screen may see and use: the store, the session (operator and language),
//! the office (settings, profile, calendar; its officials), the clock and the
//! status line. Screens get a `&mut Ctx`, never the `App`.
use crate::domain::permissions::{allows, Permission};
use crate::domain::{Lang, Official, Operator};
use crate::i18n::ui::{t, Msg};
use crate::services::{Office, ServiceError};
use crate::store::{Actor, Store, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;

pub use crate::clock::Clock;

/// Who works at the desk, in which language.
pub struct Session {
    pub operator: Operator,
    pub lang: Lang,
}

/// What changed in an action, for the views that show it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// The queue or what is due: today's view reads again.
    pub today: bool,
    /// Appeals were added: the appeals list reads again.
    pub appeals: bool,
    /// The officials changed: the choices of the forms are rebuilt.
    pub officials: bool,
    /// The office's profile changed: the registration form is rebuilt.
    pub profile: bool,
}

/// Where the desk writes printed documents: `documents` beside the database.
pub fn docs_dir_of(store: &Store) -> PathBuf {
    store
        .path()
        .parent()
        .map(|p| p.join("documents"))
        .unwrap_or_else(|| PathBuf::from("documents"))
}

pub struct Ctx {
    pub store: Store,
    pub session: Session,
    /// Settings, regulation profile and calendar, as the services take them.
    pub office: Office,
    /// The office's active officials (choices in the forms).
    pub officials: Vec<Official>,
    /// Where printable documents are written.
    pub docs_dir: PathBuf,
    pub clock: Clock,
    /// Last message for the user, and whether it is an error.
    pub status: Option<(String, bool)>,
    /// Set by screens, applied by the app after each action.
    pub changes: Changes,
    /// Whether a print key sends the written document on (viewer or printer), or
    /// only writes it (`QABYLDAU_PRINT=file`; tests).
    pub printing: Printing,
}

/// What a print key does with the document it wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printing {
    /// Opens it in the system's viewer or sends it to the printer in the settings.
    System,
    /// Only writes the file (and says where).
    FileOnly,
}

impl Printing {
    /// `QABYLDAU_PRINT=file` writes documents without opening or printing them.
    pub fn from_env() -> Printing {
        match std::env::var("QABYLDAU_PRINT").as_deref() {
            Ok("file") => Printing::FileOnly,
            _ => Printing::System,
        }
    }
}

impl Ctx {
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    pub fn today(&self) -> NaiveDate {
        self.now().date()
    }

    /// "Now" for a write: every desk write takes its time from here. A clock
    /// earlier than the newest audit row (set back during the session; the desk
    /// checked it at start) is refused with [`StoreError::ClockBehind`], which
    /// the status line words in the operator's language ("nothing saved"): the
    /// caller returns before it writes or changes its form.
    pub fn now_for_write(&self) -> Result<NaiveDateTime, StoreError> {
        let now = self.now();
        self.store.check_clock(now)?;
        Ok(now)
    }

    /// [`Ctx::now_for_write`] for a caller that reports its own errors: a
    /// refusal is said on the status line and gives `None`.
    pub fn now_for_write_or_report(&mut self) -> Option<NaiveDateTime> {
        match self.now_for_write() {
            Ok(now) => Some(now),
            Err(e) => {
                self.service_error(&e.into());
                None
            }
        }
    }

    pub fn lang(&self) -> Lang {
        self.session.lang
    }

    pub fn t(&self, m: Msg) -> &'static str {
        t(self.session.lang, m)
    }

    pub fn actor(&self) -> Actor {
        Actor::operator(self.session.operator.id, &self.session.operator.login)
    }

    pub fn info(&mut self, s: impl Into<String>) {
        self.status = Some((s.into(), false));
    }

    pub fn error(&mut self, s: impl Into<String>) {
        self.status = Some((s.into(), true));
    }

    /// Whether the operator's role allows `p`.
    pub fn allows(&self, p: Permission) -> bool {
        allows(self.session.operator.role, p)
    }

    /// Reports a failure in the user's language (the technical text goes to the log).
    pub fn service_error(&mut self, e: &ServiceError) {
        crate::log::log(crate::log::Level::Warn, &format!("service: {e:?}"));
        self.error(crate::i18n::services::service_error(self.lang(), e));
    }

    /// The office's name in `lang`, as printed on documents.
    pub fn office_name(&self, lang: Lang) -> String {
        crate::i18n::office_name(&self.office.settings, lang)
    }

    /// Writes a printable document into the documents folder and says where.
    /// Nothing is written when the clock is behind: the print or export that
    /// follows could not be recorded in the audit trail.
    pub fn write_document(&mut self, name: &str, content: impl AsRef<[u8]>) -> Option<PathBuf> {
        self.now_for_write_or_report()?;
        let dir = self.docs_dir.clone();
        let path = dir.join(name);
        let result = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, content));
        match result {
            Ok(()) => {
                self.info(format!("{} {}", self.t(Msg::TalonSavedTo), path.display()));
                Some(path)
            }
            Err(e) => {
                self.error(format!("{} {e}", self.t(Msg::SaveFailed)));
                None
            }
        }
    }

    /// Writes a tabular document as `<base>.html`, `.pdf` and `.xlsx` into the
    /// documents folder and says where; whether the HTML was written.
    pub fn write_document_set(
        &mut self,
        base: &str,
        doc: &crate::docs::document::Document,
    ) -> bool {
        let html = crate::docs::document::html(doc);
        let xlsx = crate::docs::document::xlsx(doc);
        if let Ok(pdf) = crate::docs::document::pdf(doc) {
            self.write_document(&format!("{base}.pdf"), pdf);
        }
        if self.write_document(&format!("{base}.html"), html).is_none() {
            return false;
        }
        match xlsx {
            Ok(bytes) => {
                if let Some(p) = self.write_document(&format!("{base}.xlsx"), bytes) {
                    let msg = format!(
                        "{} {} (+ .html, .pdf)",
                        self.t(Msg::TalonSavedTo),
                        p.display()
                    );
                    self.info(msg);
                }
            }
            Err(e) => self.error(format!("{} {e}", self.t(Msg::SaveFailed))),
        }
        true
    }

    /// Printing and exporting personal data is logged with the operator (Law 94-V).
    /// Prints a written document (a talon when `talon` is given: on the receipt
    /// printer when one is set) through `print`, says where it went, and records
    /// the print in the audit trail. A failed print says why; the file stays.
    pub fn print(
        &mut self,
        path: &std::path::Path,
        talon: Option<&crate::docs::talon::Talon>,
        entity: &str,
        id: Option<i64>,
    ) {
        if self.printing == Printing::FileOnly {
            self.log_print(crate::store::Access::Print, entity, id);
            return;
        }
        let settings = crate::print::PrintSettings::from_store(&self.store);
        let result = match talon {
            Some(t) => crate::print::print_talon(t, path, &settings),
            None => crate::print::print_document(path, &settings),
        };
        match result {
            Ok(p) => {
                let msg = match &p.target {
                    crate::print::Target::Viewer => {
                        format!("{} {}", self.t(Msg::PrintOpened), p.file.display())
                    }
                    crate::print::Target::Printer(n) | crate::print::Target::Receipt(n) => {
                        format!("{} {n}", self.t(Msg::PrintSentTo))
                    }
                };
                self.info(msg);
                self.log_print(crate::store::Access::Print, entity, id);
            }
            Err(e) => {
                let msg = format!("{} {} ({e})", self.t(Msg::PrintFailed), path.display());
                self.error(msg);
            }
        }
    }

    pub fn log_print(&mut self, what: crate::store::Access, entity: &str, id: Option<i64>) {
        let actor = self.actor();
        let Some(now) = self.now_for_write_or_report() else {
            return;
        };
        if let Err(e) = self.store.log_access(&actor, now, what, entity, id) {
            self.service_error(&e.into());
        }
    }

    /// The office's name in both languages, as documents print it.
    pub fn office_names(&self) -> crate::docs::document::Bi {
        crate::docs::document::Bi::new(self.office_name(Lang::Kk), self.office_name(Lang::Ru))
    }
}

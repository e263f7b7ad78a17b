//! The domain's data types. Codes (`code()` / `from_code()`) are what the store
//! writes and what import files use; labels live in `crate::i18n`.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Interface and document language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Kk,
    Ru,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
        }
    }
    pub fn from_code(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "kk" | "kz" | "kaz" | "қаз" | "каз" => Some(Lang::Kk),
            "ru" | "rus" | "рус" | "орыс" => Some(Lang::Ru),
            _ => None,
        }
    }
    pub fn toggle(self) -> Lang {
        match self {
            Lang::Kk => Lang::Ru,
            Lang::Ru => Lang::Kk,
        }
    }
}

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($var),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }
            pub fn from_code(s: &str) -> Option<$name> {
                match s.trim() { $($code => Some($name::$var),)+ _ => None }
            }
        }
    };
}

code_enum!(
    /// How the appeal arrived (001 §4, §25).
    Channel { WalkIn = "walk_in", Phone = "phone", Paper = "paper", Electronic = "electronic" }
);

code_enum!(
    /// An individual (IIN) or a representative of a legal entity (BIN + authority document).
    ApplicantKind { Individual = "individual", LegalRep = "legal" }
);

code_enum!(
    /// A day's queue entry (001 §3, §12).
    QueueStatus {
        Waiting = "waiting",
        Called = "called",
        InReception = "in_reception",
        Received = "received",
        NoShow = "no_show",
        Left = "left",
    }
);

impl QueueStatus {
    /// Finished entries no longer take part in the order of the day.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            QueueStatus::Received | QueueStatus::NoShow | QueueStatus::Left
        )
    }
}

code_enum!(
    /// Operator roles (who may do what).
    Role { Admin = "admin", Clerk = "clerk", Control = "control", Viewer = "viewer" }
);

code_enum!(
    /// A protocol instruction is on control until the applicant gets a final reasoned answer.
    InstructionStatus { OnControl = "on_control", Answered = "answered" }
);

code_enum!(
    /// Category of an official who receives (001 §2).
    OfficialCategory {
        Akim = "akim",
        DeputyAkim = "deputy_akim",
        ApparatusHead = "apparatus_head",
        ApparatusDeputy = "apparatus_deputy",
        UnitHead = "unit_head",
        Other = "other",
    }
);

/// An applicant: an individual, or a representative of a legal entity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Applicant {
    pub id: Option<i64>,
    pub kind: Option<ApplicantKind>,
    pub surname: String,
    pub name: String,
    /// Empty when the person has none.
    pub patronymic: String,
    pub iin: String,
    /// Legal entity's BIN (representatives only).
    pub bin: String,
    pub org_name: String,
    /// Document of authority of a representative (001 §10).
    pub authority_doc: String,
    /// Normalised `+7 7XX XXX XX XX`, or empty.
    pub phone: String,
    pub address: String,
    pub language: Lang,
    /// Out-of-turn category code from the regulation profile, if any.
    pub category: Option<String>,
    pub needs_interpreter: bool,
    /// Consent to process personal data (Law 94-V) given at registration.
    pub consent: bool,
}

impl Applicant {
    pub fn kind(&self) -> ApplicantKind {
        self.kind.unwrap_or(ApplicantKind::Individual)
    }
    /// "Surname Name Patronymic", single spaces.
    pub fn full_name(&self) -> String {
        [&self.surname, &self.name, &self.patronymic]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// "Surname N. P." for documents that do not need the full name.
    pub fn short_name(&self) -> String {
        let mut out = self.surname.trim().to_string();
        for part in [&self.name, &self.patronymic] {
            if let Some(c) = part.trim().chars().next() {
                out.push(' ');
                out.push(c);
                out.push('.');
            }
        }
        out
    }
}

/// What the registration form produces: a new appeal with its applicant.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AppealDraft {
    pub applicant: Applicant,
    pub channel: Option<Channel>,
    pub essence: String,
    /// Topic code from the profile's topic list.
    pub topic: String,
    pub settlement: String,
    pub requested_official: Option<i64>,
    /// Number in the national register of appeals, filled in later.
    pub national_reg_no: String,
    /// Put the applicant into today's queue on saving.
    pub receive_today: bool,
    /// Handed in during a personal reception (mark "from personal reception").
    pub from_personal_reception: bool,
}

/// A stored appeal with its applicant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Appeal {
    pub id: i64,
    /// Globally unique id (UUIDv7) that survives merging offices' databases.
    pub uid: String,
    /// Office-prefixed registration number, e.g. `KHR-2026-000123`.
    pub reg_no: String,
    pub registered_on: NaiveDate,
    pub registered_at: NaiveDateTime,
    pub channel: Channel,
    pub applicant: Applicant,
    pub essence: String,
    pub topic: String,
    pub settlement: String,
    pub requested_official: Option<i64>,
    pub national_reg_no: String,
    pub from_personal_reception: bool,
    /// Lifecycle status code (see `domain::lifecycle`).
    pub status: String,
    /// Outcome code from the profile (supported, explained, ...), once known.
    pub outcome: Option<String>,
    /// Operator who registered it.
    pub registered_by: Option<i64>,
    /// Row version for optimistic locking (two copies editing one record).
    pub version: i64,
}

/// An official who receives applicants.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Official {
    pub id: i64,
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    pub position_kk: String,
    pub position_ru: String,
    pub category: Option<OfficialCategory>,
    pub active: bool,
}

impl Official {
    pub fn full_name(&self) -> String {
        [&self.surname, &self.name, &self.patronymic]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
    pub fn position(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.position_kk,
            Lang::Ru => &self.position_ru,
        }
    }
}

/// A desk operator (clerk, control officer, ...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operator {
    pub id: i64,
    pub login: String,
    pub full_name: String,
    pub position_kk: String,
    pub position_ru: String,
    pub role: Role,
}

impl Operator {
    pub fn position(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.position_kk,
            Lang::Ru => &self.position_ru,
        }
    }
}

/// One place in a day's queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub id: i64,
    pub day: NaiveDate,
    /// Ticket number; restarts at 1 each day.
    pub ticket: u32,
    pub appeal_id: i64,
    pub reg_no: String,
    pub applicant_name: String,
    /// Out-of-turn category code, if any.
    pub category: Option<String>,
    pub arrived_at: NaiveDateTime,
    pub status: QueueStatus,
    pub on_hold: bool,
    pub official_id: Option<i64>,
    pub called_at: Option<NaiveDateTime>,
    pub finished_at: Option<NaiveDateTime>,
    /// Reason recorded when the entry was picked out of order.
    pub out_of_order_reason: Option<String>,
    pub needs_interpreter: bool,
    pub language: Lang,
}

/// A protocol instruction with its executor and deadline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instruction {
    pub id: i64,
    pub protocol_id: i64,
    pub appeal_id: i64,
    pub text: String,
    pub executor: String,
    pub due_on: NaiveDate,
    pub status: InstructionStatus,
    pub answered_on: Option<NaiveDate>,
    pub answer_summary: String,
    pub answer_doc_no: String,
}

/// What the protocol form produces for one appeal.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProtocolDraft {
    pub appeal_id: i64,
    pub official_id: Option<i64>,
    pub held_on: Option<NaiveDate>,
    pub decision: String,
    /// Outcome code from the profile.
    pub outcome: Option<String>,
    pub instructions: Vec<InstructionDraft>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InstructionDraft {
    pub text: String,
    pub executor: String,
    pub due_on: Option<NaiveDate>,
}

/// A stored protocol of a reception.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Protocol {
    pub id: i64,
    pub appeal_id: i64,
    pub official_id: i64,
    pub held_on: NaiveDate,
    pub decision: String,
    pub outcome: Option<String>,
    pub instructions: Vec<Instruction>,
}

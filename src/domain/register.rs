//! Checking a registration form (and an imported row) before anything is stored.
//! The form and the importer use this one function, so they accept exactly the
//! same appeals.
use super::model::{AppealDraft, ApplicantKind, Channel, InstructionDraft, ProtocolDraft};
use super::profile::Profile;
use super::text::{self, limits, TextError};
use super::validate::{self, IdError, NameError, PhoneError};

/// A field of the registration or protocol form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Kind,
    Surname,
    Name,
    Patronymic,
    Iin,
    Bin,
    OrgName,
    AuthorityDoc,
    Phone,
    Address,
    Category,
    Channel,
    Topic,
    Settlement,
    Essence,
    NationalRegNo,
    Official,
    Decision,
    Outcome,
    InstructionText(usize),
    Executor(usize),
    DueOn(usize),
}

/// What is wrong with a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    /// The essence of the question is mandatory (001 §5).
    EssenceMissing,
    Text(TextError),
    Name(NameError),
    Id(IdError),
    Phone(PhoneError),
    /// A code that is not in the regulation profile.
    Unknown,
    /// A due date before the reception date.
    DueInPast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

fn err(field: Field, problem: Problem) -> FieldError {
    FieldError { field, problem }
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn line(&mut self, field: Field, v: &mut String, max: usize) {
        match text::clean_line(v, max) {
            Ok(c) => *v = c,
            Err(e) => self.errors.push(err(field, Problem::Text(e))),
        }
    }
    fn multi(&mut self, field: Field, v: &mut String, max: usize) {
        match text::clean_text(v, max) {
            Ok(c) => *v = c,
            Err(e) => self.errors.push(err(field, Problem::Text(e))),
        }
    }
    fn person_name(&mut self, field: Field, v: &mut String, required: bool) {
        let before = self.errors.len();
        self.line(field, v, limits::NAME);
        if self.errors.len() > before {
            return;
        }
        if v.is_empty() {
            if required {
                self.errors.push(err(field, Problem::Required));
            }
            return;
        }
        if let Err(e) = validate::name(v) {
            self.errors.push(err(field, Problem::Name(e)));
        }
    }
}

/// Whether an appeal that came by `channel` may be registered without the essence of
/// the question. Walk-in and phone applicants are asked there and then, so the form
/// insists; a paper or electronic appeal may not be refused (001 §6): it is registered
/// as "not considered" and the applicant told why (001 §5).
pub fn may_lack_essence(channel: Option<Channel>) -> bool {
    matches!(channel, Some(Channel::Paper | Channel::Electronic))
}

/// Whether a checked draft is registered as "not considered" (001 §5): a paper or
/// electronic appeal without the essence of the question.
pub fn not_considered(draft: &AppealDraft) -> bool {
    may_lack_essence(draft.channel) && draft.essence.trim().is_empty()
}

/// What the essence column holds for an appeal registered without one (the status
/// `not_considered` says why; the mark is not a text in any language).
pub const NO_ESSENCE_MARK: &str = "—";

/// Checks and cleans a registration draft. On success the returned draft is what
/// gets stored: trimmed, invisible characters removed, phone normalised.
pub fn check_appeal(
    draft: &AppealDraft,
    profile: &Profile,
) -> Result<AppealDraft, Vec<FieldError>> {
    let mut d = draft.clone();
    let mut c = Checker { errors: Vec::new() };
    let a = &mut d.applicant;
    c.person_name(Field::Surname, &mut a.surname, true);
    c.person_name(Field::Name, &mut a.name, true);
    c.person_name(Field::Patronymic, &mut a.patronymic, false);
    let iin_digits: String = a.iin.chars().filter(|ch| !ch.is_whitespace()).collect();
    if !iin_digits.is_empty() {
        match validate::iin(&iin_digits) {
            Ok(v) => a.iin = v.digits,
            Err(e) => c.errors.push(err(Field::Iin, Problem::Id(e))),
        }
    } else {
        a.iin.clear();
    }
    if a.kind() == ApplicantKind::LegalRep {
        match validate::bin(&a.bin) {
            Ok(v) => a.bin = v,
            Err(IdError::Length) if a.bin.trim().is_empty() => {
                c.errors.push(err(Field::Bin, Problem::Required))
            }
            Err(e) => c.errors.push(err(Field::Bin, Problem::Id(e))),
        }
        c.line(Field::OrgName, &mut a.org_name, limits::ORG_NAME);
        if a.org_name.is_empty() && !c.errors.iter().any(|e| e.field == Field::OrgName) {
            c.errors.push(err(Field::OrgName, Problem::Required));
        }
        c.line(Field::AuthorityDoc, &mut a.authority_doc, limits::SHORT);
        if a.authority_doc.is_empty() && !c.errors.iter().any(|e| e.field == Field::AuthorityDoc) {
            c.errors.push(err(Field::AuthorityDoc, Problem::Required));
        }
    } else {
        a.bin.clear();
        a.org_name.clear();
        a.authority_doc.clear();
    }
    if a.phone.trim().is_empty() {
        a.phone.clear();
        if d.channel == Some(super::model::Channel::Phone) {
            c.errors.push(err(Field::Phone, Problem::Required));
        }
    } else {
        match validate::phone(&a.phone) {
            Ok(p) => a.phone = p,
            Err(e) => c.errors.push(err(Field::Phone, Problem::Phone(e))),
        }
    }
    c.line(Field::Address, &mut a.address, limits::ADDRESS);
    if let Some(cat) = &a.category {
        if cat.trim().is_empty() {
            a.category = None;
        } else if profile.category(cat.trim()).is_none() {
            c.errors.push(err(Field::Category, Problem::Unknown));
        } else {
            // Store the code itself: trim() also strips NEL (U+0085), a C1 control.
            a.category = Some(cat.trim().to_string());
        }
    }
    if d.channel.is_none() {
        c.errors.push(err(Field::Channel, Problem::Required));
    }
    if !d.topic.is_empty() && profile.topic(&d.topic).is_none() {
        c.errors.push(err(Field::Topic, Problem::Unknown));
    }
    c.line(Field::Settlement, &mut d.settlement, limits::SHORT);
    c.line(Field::NationalRegNo, &mut d.national_reg_no, limits::SHORT);
    let before = c.errors.len();
    c.multi(Field::Essence, &mut d.essence, limits::ESSENCE);
    if c.errors.len() == before && d.essence.trim().is_empty() && !may_lack_essence(d.channel) {
        c.errors.push(err(Field::Essence, Problem::EssenceMissing));
    }
    if c.errors.is_empty() {
        Ok(d)
    } else {
        Err(c.errors)
    }
}

/// Checks and cleans a protocol draft: an official, a decision, and for each
/// instruction its text, executor and a due date not before the reception.
pub fn check_protocol(
    draft: &ProtocolDraft,
    profile: &Profile,
) -> Result<ProtocolDraft, Vec<FieldError>> {
    let mut d = draft.clone();
    let mut c = Checker { errors: Vec::new() };
    if d.official_id.is_none() {
        c.errors.push(err(Field::Official, Problem::Required));
    }
    let before = c.errors.len();
    c.multi(Field::Decision, &mut d.decision, limits::DECISION);
    if c.errors.len() == before && d.decision.is_empty() {
        c.errors.push(err(Field::Decision, Problem::Required));
    }
    if let Some(o) = &d.outcome {
        if profile.outcome(o).is_none() {
            c.errors.push(err(Field::Outcome, Problem::Unknown));
        }
    }
    let held = d.held_on;
    let mut kept: Vec<InstructionDraft> = Vec::new();
    for (i, ins) in d.instructions.iter().enumerate() {
        let mut ins = ins.clone();
        let b = c.errors.len();
        c.multi(
            Field::InstructionText(i),
            &mut ins.text,
            limits::INSTRUCTION,
        );
        c.line(Field::Executor(i), &mut ins.executor, limits::SHORT);
        if c.errors.len() > b {
            kept.push(ins);
            continue;
        }
        if ins.text.is_empty() && ins.executor.is_empty() {
            // An empty row of the form is not an instruction.
            continue;
        }
        if ins.text.is_empty() {
            c.errors
                .push(err(Field::InstructionText(i), Problem::Required));
        }
        if ins.executor.is_empty() {
            c.errors.push(err(Field::Executor(i), Problem::Required));
        }
        match (ins.due_on, held) {
            (None, _) => c.errors.push(err(Field::DueOn(i), Problem::Required)),
            (Some(due), Some(h)) if due < h => {
                c.errors.push(err(Field::DueOn(i), Problem::DueInPast))
            }
            _ => {}
        }
        kept.push(ins);
    }
    d.instructions = kept;
    if c.errors.is_empty() {
        Ok(d)
    } else {
        Err(c.errors)
    }
}

/// How to look for earlier appeals of the same applicant on the same topic (a repeat
/// appeal: the clerk is told before registering). With a valid IIN the
/// applicant is found by it; without one by the name under the search folding
/// (Омирбекова = Өмірбекова), which may include namesakes: a possible repeat.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum RepeatQuery {
    /// No topic chosen: nothing to compare with.
    #[default]
    Nothing,
    ByIin {
        iin: String,
        topic: String,
    },
    ByName {
        surname: String,
        name: String,
        patronymic: String,
        topic: String,
    },
}

impl RepeatQuery {
    /// The query for what the clerk typed (spaces inside the IIN ignored).
    pub fn new(iin: &str, surname: &str, name: &str, patronymic: &str, topic: &str) -> RepeatQuery {
        let iin: String = iin.chars().filter(|c| !c.is_whitespace()).collect();
        if topic.trim().is_empty() {
            RepeatQuery::Nothing
        } else if super::validate::iin(&iin).is_ok() {
            RepeatQuery::ByIin {
                iin,
                topic: topic.to_string(),
            }
        } else {
            RepeatQuery::ByName {
                surname: surname.to_string(),
                name: name.to_string(),
                patronymic: patronymic.to_string(),
                topic: topic.to_string(),
            }
        }
    }

    /// Found by name only: a possible repeat (namesakes included).
    pub fn by_name(&self) -> bool {
        matches!(self, RepeatQuery::ByName { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Applicant, Channel};

    fn profile() -> Profile {
        crate::assets::default_profile()
    }

    fn good() -> AppealDraft {
        AppealDraft {
            applicant: Applicant {
                surname: " Өмірбекова ".into(),
                name: "Айгүл".into(),
                iin: "900515 400123".into(),
                phone: "8 701 234 56 78".into(),
                ..Default::default()
            },
            channel: Some(Channel::WalkIn),
            essence: "  Жер телімі  туралы ".into(),
            topic: "land".into(),
            ..Default::default()
        }
    }

    fn with_valid_iin(mut d: AppealDraft) -> AppealDraft {
        let first: Vec<u32> = "90051540012"
            .chars()
            .filter_map(|c| c.to_digit(10))
            .collect();
        let cd = validate::check_digit(&first).unwrap();
        d.applicant.iin = format!("90051540012{cd}");
        d
    }

    #[test]
    fn good_draft_is_cleaned() {
        let d = check_appeal(&with_valid_iin(good()), &profile()).unwrap();
        assert_eq!(d.applicant.surname, "Өмірбекова");
        assert_eq!(d.applicant.phone, "+7 701 234 56 78");
        assert_eq!(d.essence, "Жер телімі туралы");
    }

    #[test]
    fn essence_is_mandatory() {
        let mut d = with_valid_iin(good());
        d.essence = " \n\t ".into();
        let e = check_appeal(&d, &profile()).unwrap_err();
        assert_eq!(e, vec![err(Field::Essence, Problem::EssenceMissing)]);
    }

    #[test]
    fn paper_and_electronic_without_essence_are_not_considered() {
        for (channel, accepted) in [
            (Channel::WalkIn, false),
            (Channel::Phone, false),
            (Channel::Paper, true),
            (Channel::Electronic, true),
        ] {
            let mut d = with_valid_iin(good());
            d.channel = Some(channel);
            d.essence = "  ".into();
            match check_appeal(&d, &profile()) {
                Ok(ok) => {
                    assert!(accepted, "{channel:?}");
                    assert!(not_considered(&ok));
                }
                Err(e) => {
                    assert!(!accepted, "{channel:?}");
                    assert_eq!(e, vec![err(Field::Essence, Problem::EssenceMissing)]);
                }
            }
            d.essence = "Жер телімі".into();
            assert!(!not_considered(&check_appeal(&d, &profile()).unwrap()));
        }
    }

    #[test]
    fn bad_fields_are_all_reported() {
        let mut d = good();
        d.applicant.iin = "123".into();
        d.applicant.phone = "12".into();
        d.applicant.surname = "a\x1b[2J".into();
        d.applicant.category = Some("astronaut".into());
        d.channel = None;
        let fields: Vec<Field> = check_appeal(&d, &profile())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                Field::Surname,
                Field::Iin,
                Field::Phone,
                Field::Category,
                Field::Channel
            ]
        );
    }

    #[test]
    fn legal_representative_needs_bin_org_and_authority() {
        let mut d = with_valid_iin(good());
        d.applicant.kind = Some(ApplicantKind::LegalRep);
        let fields: Vec<Field> = check_appeal(&d, &profile())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![Field::Bin, Field::OrgName, Field::AuthorityDoc]
        );
    }

    #[test]
    fn protocol_rules() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let mut p = ProtocolDraft {
            appeal_id: 1,
            official_id: Some(1),
            held_on: Some(day),
            decision: "Қаралды".into(),
            outcome: Some("supported".into()),
            instructions: vec![
                InstructionDraft {
                    text: "Тексеру".into(),
                    executor: "Ахметов".into(),
                    due_on: day.succ_opt(),
                },
                InstructionDraft::default(),
            ],
        };
        let ok = check_protocol(&p, &profile()).unwrap();
        assert_eq!(ok.instructions.len(), 1);
        p.instructions[0].due_on = day.pred_opt();
        p.decision = " ".into();
        let fields: Vec<Field> = check_protocol(&p, &profile())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec![Field::Decision, Field::DueOn(0)]);
    }
}

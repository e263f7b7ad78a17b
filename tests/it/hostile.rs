//! Hostile input: arbitrary strings (control characters, escape sequences,
//! zero-width and bidi characters, mixed scripts, 10 000 characters) through the
//! validation, display and search folding. Nothing panics; nothing shown on a
//! terminal carries a control character; nothing accepted for storage does either.
use proptest::prelude::*;
use qabyldau::assets::default_profile;
use qabyldau::domain::fold::{digits, fold};
use qabyldau::domain::register::{check_appeal, Field};
use qabyldau::domain::text::display;
use qabyldau::domain::validate;
use qabyldau::domain::{AppealDraft, Applicant, ApplicantKind, Channel};

/// Characters an attacker or a broken import would use, and ordinary ones.
const POOL: &[char] = &[
    'a', 'Z', '0', '7', ' ', '-', '\'', '+', '(', 'Ә', 'қ', 'Ү', 'ё', 'Я', 'é', 'ß', '漢', '😀',
    '\u{0}', '\u{7}', '\u{8}', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{1b}', '[', ';', 'm',
    '\u{7f}', '\u{80}', '\u{85}', '\u{9b}', '\u{9d}', '\u{200b}', '\u{200d}', '\u{200e}',
    '\u{202e}', '\u{2066}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{ad}', '\u{fffd}', '\u{301}',
    '\u{e000}',
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(POOL), 0..40)
            .prop_map(|v| v.into_iter().collect::<String>()),
        2 => any::<String>(),
        1 => (proptest::sample::select(POOL), 9_000usize..10_001)
            .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect::<String>()),
        1 => proptest::collection::vec(proptest::sample::select(POOL), 9_000..10_001)
            .prop_map(|v| v.into_iter().collect::<String>()),
    ]
}

/// A code from the profile with something hostile around it.
fn code_like(codes: Vec<String>) -> impl Strategy<Value = String> {
    (
        proptest::sample::select(codes),
        proptest::collection::vec(proptest::sample::select(POOL), 0..3),
        proptest::collection::vec(proptest::sample::select(POOL), 0..3),
    )
        .prop_map(|(c, pre, post)| {
            let mut s: String = pre.into_iter().collect();
            s.push_str(&c);
            s.extend(post);
            s
        })
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// Controls that no field may carry (tabs, newlines and CR are white space).
fn has_forbidden_control(s: &str, multiline: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && c != '\t' && !(multiline && (c == '\n' || c == '\r')))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn display_never_shows_a_control_character(s in hostile()) {
        let shown = display(&s);
        prop_assert!(!has_control(&shown), "{:?}", shown);
        let invisible = ['\u{202e}', '\u{200b}', '\u{feff}'];
        prop_assert!(!shown.contains(invisible), "{:?}", shown);
    }

    #[test]
    fn folding_and_validators_never_panic(s in hostile()) {
        let f = fold(&s);
        prop_assert!(!has_control(&f) || has_control(&s));
        let d = digits(&s);
        prop_assert!(d.chars().all(|c| c.is_ascii_digit()));
        let _ = validate::iin(&s);
        let _ = validate::bin(&s);
        if let Ok(p) = validate::phone(&s) {
            prop_assert_eq!(p.chars().count(), 16);
            prop_assert!(!has_control(&p));
        }
        if validate::name(&s).is_ok() {
            prop_assert!(!has_control(s.trim()), "{:?}", s);
        }
    }

    /// Every field in turn gets the hostile value, the others stay valid, so
    /// acceptance is common and the property bites.
    #[test]
    fn check_appeal_never_accepts_control_characters(
        field in 0usize..13, value in hostile(), legal in any::<bool>(),
        topic in code_like(default_profile().topics.iter().map(|t| t.code.clone()).collect()),
        category in code_like(default_profile().categories.iter().map(|t| t.code.clone()).collect()),
    ) {
        let mut d = valid(legal);
        let a = &mut d.applicant;
        let (name, multiline) = match field {
            0 => { a.surname = value.clone(); (Field::Surname, false) }
            1 => { a.name = value.clone(); (Field::Name, false) }
            2 => { a.patronymic = value.clone(); (Field::Patronymic, false) }
            3 => { a.iin = value.clone(); (Field::Iin, false) }
            4 => { a.phone = value.clone(); (Field::Phone, false) }
            5 => { a.address = value.clone(); (Field::Address, false) }
            6 => { d.settlement = value.clone(); (Field::Settlement, false) }
            7 => { d.national_reg_no = value.clone(); (Field::NationalRegNo, false) }
            8 => { d.essence = value.clone(); (Field::Essence, true) }
            9 => { a.org_name = value.clone(); (Field::OrgName, false) }
            10 => { a.authority_doc = value.clone(); (Field::AuthorityDoc, false) }
            11 => { d.topic = topic.clone(); (Field::Topic, false) }
            _ => { a.category = Some(category.clone()); (Field::Category, false) }
        };
        // Organisation fields of an individual are cleared, not checked.
        let ignored = !legal && matches!(field, 9 | 10);
        let input = match field { 11 => topic, 12 => category, _ => value };
        match check_appeal(&d, &default_profile()) {
            Ok(ok) => {
                let b = &ok.applicant;
                for v in [&b.surname, &b.name, &b.patronymic, &b.iin, &b.phone, &b.address,
                          &b.bin, &b.org_name, &b.authority_doc, &ok.settlement,
                          &ok.national_reg_no, &ok.topic] {
                    prop_assert!(!has_control(v), "{:?}: accepted {:?}", name, v);
                }
                if let Some(c) = &b.category {
                    prop_assert!(!has_control(c), "accepted category {:?}", c);
                }
                prop_assert!(ok.essence.chars().all(|c| !c.is_control() || c == '\n'),
                    "accepted essence {:?}", ok.essence);
                // A control character in the input was refused, not silently dropped,
                // except where the value is rebuilt (IIN, phone: digits only; codes: trimmed).
                if !matches!(field, 3 | 4 | 12) && !ignored {
                    prop_assert!(!has_forbidden_control(&input, multiline),
                        "{:?} with a control character accepted: {:?}", name, input);
                }
            }
            Err(errors) => {
                if has_forbidden_control(&input, multiline)
                    && !ignored
                {
                    prop_assert!(errors.iter().any(|e| e.field == name),
                        "{:?} with a control character not reported: {:?}", name, errors);
                }
            }
        }
    }
}

fn valid(legal: bool) -> AppealDraft {
    let first: Vec<u32> = "90051540012"
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let cd = validate::check_digit(&first).unwrap();
    AppealDraft {
        applicant: Applicant {
            kind: Some(if legal {
                ApplicantKind::LegalRep
            } else {
                ApplicantKind::Individual
            }),
            surname: "Өмірбекова".into(),
            name: "Айгүл".into(),
            iin: format!("90051540012{cd}"),
            bin: bin(),
            org_name: "ЖШС Жол".into(),
            authority_doc: "Сенімхат 12".into(),
            phone: "+7 701 234 56 78".into(),
            ..Default::default()
        },
        channel: Some(Channel::WalkIn),
        essence: "Жер телімі".into(),
        topic: "land".into(),
        ..Default::default()
    }
}

/// A valid BIN (the type digit 4 in the 5th position: a legal entity).
fn bin() -> String {
    for serial in 0..100_000u32 {
        let first = format!("0501404{serial:04}");
        let d: Vec<u32> = first.chars().filter_map(|c| c.to_digit(10)).collect();
        if let Some(cd) = validate::check_digit(&d) {
            let b = format!("{first}{cd}");
            if validate::bin(&b).is_ok() {
                return b;
            }
        }
    }
    unreachable!("no valid BIN")
}

#[test]
fn a_category_code_with_a_trailing_control_character_is_refused() {
    // NEL (U+0085) is white space to trim() and a C1 control character.
    let mut d = AppealDraft {
        applicant: Applicant {
            surname: "Иванов".into(),
            name: "Пётр".into(),
            ..Default::default()
        },
        channel: Some(Channel::WalkIn),
        essence: "Жол".into(),
        ..Default::default()
    };
    let code = default_profile().categories[0].code.clone();
    d.applicant.category = Some(format!("{code}\u{85}"));
    match check_appeal(&d, &default_profile()) {
        Ok(ok) => assert_eq!(ok.applicant.category.as_deref(), Some(code.as_str())),
        Err(e) => assert!(e.iter().any(|e| e.field == Field::Category)),
    }
}

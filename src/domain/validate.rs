//! Validators for identifiers typed at the desk: IIN, BIN, Kazakhstan phone numbers
//! and personal names. Pure functions; the messages live in `crate::i18n`.
use chrono::NaiveDate;

/// Why an IIN or BIN is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("must be 12 digits")]
    Length,
    #[error("must contain digits only")]
    NotDigits,
    #[error("the date part is not a real date")]
    Date,
    #[error("the 7th digit (century and sex) is not 1-6")]
    Century,
    #[error("the check digit does not match")]
    Checksum,
    #[error("the type digits of a BIN are not valid")]
    BinType,
}

/// The check digit of the first 11 digits (two passes of weights, mod 11);
/// `None` when the number can have no valid check digit.
pub fn check_digit(d: &[u32]) -> Option<u32> {
    let pass = |w: &dyn Fn(usize) -> u32| {
        d.iter()
            .take(11)
            .enumerate()
            .map(|(i, x)| x * w(i))
            .sum::<u32>()
            % 11
    };
    let first = pass(&|i| i as u32 + 1);
    if first != 10 {
        return Some(first);
    }
    let second = pass(&|i| ((i as u32 + 2) % 11) + 1);
    if second != 10 {
        Some(second)
    } else {
        None
    }
}

fn twelve_digits(s: &str) -> Result<Vec<u32>, IdError> {
    let s = s.trim();
    if s.chars().any(|c| !c.is_ascii_digit() && c != ' ') {
        return Err(IdError::NotDigits);
    }
    let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 12 {
        return Err(IdError::Length);
    }
    Ok(d)
}

/// A valid IIN with what it encodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Iin {
    pub digits: String,
    pub birth_date: NaiveDate,
    /// `true` for a woman (even century digit).
    pub female: bool,
}

/// Validates an individual identification number: 12 digits, YYMMDD birth date,
/// century and sex digit 1-6, check digit.
pub fn iin(s: &str) -> Result<Iin, IdError> {
    let d = twelve_digits(s)?;
    let century = match d[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return Err(IdError::Century),
    };
    let year = century + (d[0] * 10 + d[1]) as i32;
    let birth_date =
        NaiveDate::from_ymd_opt(year, d[2] * 10 + d[3], d[4] * 10 + d[5]).ok_or(IdError::Date)?;
    if check_digit(&d) != Some(d[11]) {
        return Err(IdError::Checksum);
    }
    Ok(Iin {
        digits: d
            .iter()
            .map(|x| char::from_digit(*x, 10).unwrap_or('0'))
            .collect(),
        birth_date,
        female: d[6] % 2 == 0,
    })
}

/// Validates a business identification number: 12 digits, YYMM of registration,
/// entity type digit (4 resident, 5 non-resident, 6 sole entrepreneur in a joint
/// venture), division digit 0-3, check digit. Returns the digits.
pub fn bin(s: &str) -> Result<String, IdError> {
    let d = twelve_digits(s)?;
    let month = d[2] * 10 + d[3];
    if !(1..=12).contains(&month) {
        return Err(IdError::Date);
    }
    if !(4..=6).contains(&d[4]) || d[5] > 3 {
        return Err(IdError::BinType);
    }
    if check_digit(&d) != Some(d[11]) {
        return Err(IdError::Checksum);
    }
    Ok(d.iter()
        .map(|x| char::from_digit(*x, 10).unwrap_or('0'))
        .collect())
}

/// Why a phone number is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("not a phone number")]
    Chars,
    #[error("a Kazakhstan number has 10 digits after +7 / 8")]
    Length,
    #[error("a Kazakhstan number starts with +7 7 or +7 6")]
    Country,
}

/// Normalises a Kazakhstan phone number to `+7 7XX XXX XX XX`. Accepts `+7`, `7`,
/// `8` or no prefix, with spaces, dashes, dots and brackets.
pub fn phone(s: &str) -> Result<String, PhoneError> {
    let s = s.trim();
    if s.chars()
        .any(|c| !(c.is_ascii_digit() || " +-().".contains(c)))
    {
        return Err(PhoneError::Chars);
    }
    let d: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let national = match d.len() {
        10 => d.as_str(),
        11 if d.starts_with('7') || d.starts_with('8') => &d[1..],
        _ => return Err(PhoneError::Length),
    };
    if !(national.starts_with('7') || national.starts_with('6')) {
        return Err(PhoneError::Country);
    }
    Ok(format!(
        "+7 {} {} {} {}",
        &national[0..3],
        &national[3..6],
        &national[6..8],
        &national[8..10]
    ))
}

/// Why a personal name is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("empty")]
    Empty,
    #[error("only letters, hyphen, apostrophe and spaces")]
    Chars,
    #[error("letters of different alphabets mixed in one word")]
    MixedScript,
    #[error("too long")]
    TooLong,
}

fn script(c: char) -> u8 {
    if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
        1
    } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
        2
    } else {
        0
    }
}

/// Validates a surname, name or patronymic: Kazakh or Russian Cyrillic or Latin
/// letters, hyphen, apostrophe, single spaces; one alphabet within a word (a Latin
/// "a" hidden in a Cyrillic name breaks every search later).
pub fn name(s: &str) -> Result<(), NameError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(NameError::Empty);
    }
    if s.chars().count() > super::text::limits::NAME {
        return Err(NameError::TooLong);
    }
    for word in s.split([' ', '-']) {
        let mut seen = 0u8;
        for c in word.chars() {
            let sc = script(c);
            if sc == 0 {
                if c == '\'' || c == '’' || c == 'ʼ' {
                    continue;
                }
                return Err(NameError::Chars);
            }
            if seen != 0 && seen != sc {
                return Err(NameError::MixedScript);
            }
            seen = sc;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a valid IIN from its first 11 digits (test helper).
    pub fn with_check(first11: &str) -> Option<String> {
        let d: Vec<u32> = first11.chars().filter_map(|c| c.to_digit(10)).collect();
        check_digit(&d).map(|c| format!("{first11}{c}"))
    }

    #[test]
    fn iin_valid_and_decoded() {
        let n = with_check("90051530012").unwrap();
        let v = iin(&n).unwrap();
        assert_eq!(v.birth_date, NaiveDate::from_ymd_opt(1990, 5, 15).unwrap());
        assert!(!v.female);
        let w = iin(&with_check("05022360045").unwrap()).unwrap();
        assert_eq!(w.birth_date, NaiveDate::from_ymd_opt(2005, 2, 23).unwrap());
        assert!(w.female);
    }

    #[test]
    fn iin_invalid() {
        assert_eq!(iin("12345"), Err(IdError::Length));
        assert_eq!(iin("9005153001a2"), Err(IdError::NotDigits));
        let bad_date = with_check("90023130012").unwrap();
        assert_eq!(iin(&bad_date), Err(IdError::Date));
        let bad_century = with_check("90051570012").unwrap();
        assert_eq!(iin(&bad_century), Err(IdError::Century));
        let good = with_check("90051530012").unwrap();
        let last = good.chars().last().unwrap().to_digit(10).unwrap();
        let wrong = format!("{}{}", &good[..11], (last + 1) % 10);
        assert_eq!(iin(&wrong), Err(IdError::Checksum));
    }

    #[test]
    fn second_pass_check_digit() {
        // First pass gives 10 for these digits, so the second weights decide.
        let d = [0u32, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
        assert_eq!(
            d.iter()
                .enumerate()
                .map(|(i, x)| x * (i as u32 + 1))
                .sum::<u32>()
                % 11,
            10
        );
        assert_eq!(check_digit(&d), Some(1));
    }

    #[test]
    fn bin_rules() {
        let b = with_check("12034001234").unwrap();
        assert_eq!(bin(&b).unwrap(), b);
        assert_eq!(bin(&with_check("12134001234").unwrap()), Err(IdError::Date));
        assert_eq!(
            bin(&with_check("12031001234").unwrap()),
            Err(IdError::BinType)
        );
    }

    #[test]
    fn phones() {
        assert_eq!(phone("87012345678").unwrap(), "+7 701 234 56 78");
        assert_eq!(phone("+7 (701) 234-56-78").unwrap(), "+7 701 234 56 78");
        assert_eq!(phone("7012345678").unwrap(), "+7 701 234 56 78");
        assert_eq!(phone("+7 7172 55 66 77").unwrap(), "+7 717 255 66 77");
        assert_eq!(phone("123"), Err(PhoneError::Length));
        assert_eq!(phone("+7 901 234 56 78"), Err(PhoneError::Country));
        assert_eq!(phone("call me"), Err(PhoneError::Chars));
    }

    #[test]
    fn names() {
        assert!(name("Өмірбекова").is_ok());
        assert!(name("Нұрлан-Ұлы").is_ok());
        assert!(name("O'Brien").is_ok());
        assert!(name("Иванов").is_ok());
        assert_eq!(name("  "), Err(NameError::Empty));
        assert_eq!(name("Иван0в"), Err(NameError::Chars));
        // Latin "a" inside a Cyrillic word.
        assert_eq!(name("Ивaнов"), Err(NameError::MixedScript));
        assert_eq!(name(&"Ә".repeat(61)), Err(NameError::TooLong));
    }
}

//! Search folding: one loose, lower-case Latin skeleton for names typed in Kazakh,
//! Russian or Latin letters, so that "Кайрат", "Қайрат", "ҚАЙРАТ" and "Qairat" all
//! fold to `kairat`, and "Омирбекова" finds "Өмірбекова".
//!
//! SQLite's own `lower()`/`LIKE`/`NOCASE` are ASCII-only, so every search column is
//! folded here, in Rust, and queries are folded the same way.

/// Folds one character into its skeleton (possibly several letters, possibly none).
fn fold_char(c: char, out: &mut String) {
    let lower: String = c.to_lowercase().collect();
    for c in lower.chars() {
        let s: &str = match c {
            'а' | 'ә' | 'ä' | 'á' | 'à' | 'â' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' | 'ğ' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' | 'é' | 'è' | 'ê' => "e",
            'ж' | 'j' => "zh",
            'з' => "z",
            'и' | 'і' | 'й' | 'ы' | 'ı' | 'y' | 'í' | 'ï' => "i",
            'к' | 'қ' | 'q' | 'c' => "k",
            'л' => "l",
            'м' => "m",
            'н' | 'ң' | 'ñ' => "n",
            'о' | 'ө' | 'ö' | 'ó' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ұ' | 'ү' | 'ū' | 'ü' | 'w' | 'ú' => "u",
            'ф' => "f",
            'х' | 'һ' | 'x' => "h",
            'ц' => "ts",
            'ч' | 'ç' => "ch",
            'ш' | 'щ' | 'ş' => "sh",
            'ъ' | 'ь' | '\'' | '’' | 'ʼ' | '`' => "",
            'ю' => "iu",
            'я' => "ia",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                return;
            }
            c if c.is_alphanumeric() => {
                out.push(c);
                return;
            }
            _ => " ",
        };
        out.push_str(s);
    }
}

/// Folds a text into its search skeleton: lower-case Latin letters and digits,
/// words separated by single spaces. "kh" (Latin for х) folds to "h", and a
/// doubled letter counts once ("Сейітов" = "Seitov", "Ахметтов" = "Ахметов");
/// digits are kept as they are.
pub fn fold(text: &str) -> String {
    let mut raw = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut raw);
    }
    let raw = raw.replace("kh", "h");
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut prev = None;
        for c in word.chars() {
            if prev == Some(c) && c.is_alphabetic() {
                continue;
            }
            out.push(c);
            prev = Some(c);
        }
    }
    out
}

/// The folded names a person is recognised by without an IIN (the repeat-appeal
/// warning): `(surname name patronymic, surname name)`, both as the store's
/// `name_fold` holds them, and whether a patronymic was given. `None` until both
/// the surname and the name have letters.
pub fn person_keys(surname: &str, name: &str, patronymic: &str) -> Option<(String, String, bool)> {
    let (s, n, p) = (fold(surname), fold(name), fold(patronymic));
    if s.is_empty() || n.is_empty() {
        return None;
    }
    let short = format!("{s} {n}");
    let full = if p.is_empty() {
        short.clone()
    } else {
        format!("{short} {p}")
    };
    Some((full, short, !p.is_empty()))
}

/// Keeps only the digits of a text (for IIN, phone and number fragments).
pub fn digits(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_digit()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_russian_latin_and_case_fold_together() {
        for v in ["Кайрат", "Қайрат", "ҚАЙРАТ", "Qairat", "Kairat", "Kayrat"] {
            assert_eq!(fold(v), "kairat", "{v}");
        }
        assert_eq!(fold("Омирбекова"), fold("Өмірбекова"));
        assert_eq!(fold("Жандос"), fold("Jandos"));
        assert_eq!(fold("Хромтау"), fold("Khromtau"));
        assert_eq!(fold("Ұлан"), fold("Улан"));
        assert_eq!(fold("Сейітов"), "seitov");
        assert_eq!(fold("Ахметтов"), fold("Ахметов"));
        assert_eq!(fold("900511"), "900511");
        assert_eq!(
            fold("Ерғали Нұрлан-Ұлы"),
            "ergali nurlan ulі".replace('і', "i")
        );
    }

    #[test]
    fn a_person_is_known_by_the_folded_surname_and_name() {
        assert_eq!(
            person_keys("ӨМІРБЕКОВА", "Айгүл", ""),
            Some(("omirbekova aigul".into(), "omirbekova aigul".into(), false))
        );
        assert_eq!(
            person_keys("Омирбекова", "Айгуль", "Сериковна"),
            Some((
                "omirbekova aigul serikovna".into(),
                "omirbekova aigul".into(),
                true
            ))
        );
        assert_eq!(person_keys("Омирбекова", " - ", ""), None);
        assert_eq!(person_keys("", "Айгүл", ""), None);
    }

    #[test]
    fn punctuation_splits_words_and_digits_survive() {
        assert_eq!(fold("  KHR-2026-000123 "), "hr 2026 000123");
        assert_eq!(fold("+7 701 234 56 78"), "7 701 234 56 78");
        assert_eq!(digits("+7 (701) 234-56-78"), "77012345678");
    }
}

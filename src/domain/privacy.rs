//! Depersonalisation for material that leaves the office (media, 001 §37; Law 94-V).
//! Pure text rules.

/// Initials of a full name: "Өмірбекова Айгүл Жанқызы" -> "Ө. А. Ж.".
pub fn initials(full_name: &str) -> String {
    full_name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hides numbers that may identify a person in free text (IIN, phone numbers,
/// document numbers): every run of 5 or more digits, spaces, dashes, brackets and
/// pluses that holds at least 5 digits becomes "***".
pub fn scrub_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() || chars[i] == '+' {
            let mut j = i;
            let mut digits = 0;
            let mut last_digit = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || " -()+".contains(chars[j])) {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                    last_digit = j;
                }
                j += 1;
            }
            if digits >= 5 {
                out.push_str("***");
                i = last_digit + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Өмірбекова Айгүл Жанқызы"), "Ө. А. Ж.");
        assert_eq!(initials("  ivanov  petr "), "I. P.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn numbers_are_hidden() {
        assert_eq!(
            scrub_numbers("ЖСН 900515400123, тел. +7 (701) 234-56-78, үй 15."),
            "ЖСН ***, тел. ***, үй 15."
        );
        assert_eq!(scrub_numbers("2026 жылы 3 рет"), "2026 жылы 3 рет");
    }
}

//! Every user-facing string, in Kazakh and Russian.
pub use crate::domain::Lang;

pub mod board;
pub mod control;
pub mod rules;
pub mod ui;

/// Russian plural form: 1 заявление, 2 заявления, 5 заявлений, 21 заявление.
pub fn ru_plural<'a>(n: i64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.abs();
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        one
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        few
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn russian_plurals() {
        let f = |n| ru_plural(n, "заявление", "заявления", "заявлений");
        assert_eq!(f(1), "заявление");
        assert_eq!(f(2), "заявления");
        assert_eq!(f(5), "заявлений");
        assert_eq!(f(11), "заявлений");
        assert_eq!(f(21), "заявление");
        assert_eq!(f(112), "заявлений");
        assert_eq!(f(104), "заявления");
    }
}

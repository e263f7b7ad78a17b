//! Strings of the waiting-room board. The board shows both languages at once:
//! every text here is a (Kazakh, Russian) pair.

/// A bilingual label: (kk, ru).
pub type Pair = (&'static str, &'static str);

pub const TITLE: Pair = ("Азаматтарды қабылдау кезегі", "Очередь на прием граждан");
pub const NOW_CALLED: Pair = ("ШАҚЫРЫЛАДЫ", "ВЫЗЫВАЕТСЯ");
pub const TICKET: Pair = ("Талон", "Талон");
pub const NEXT: Pair = ("Келесі", "Следующие");
pub const ALSO_CALLED: Pair = ("Шақырылғандар", "Вызваны");
pub const PLEASE_WAIT: Pair = (
    "Күте тұрыңыз, сізді шақырады",
    "Пожалуйста, ожидайте вызова",
);
pub const NO_ONE_WAITING: Pair = ("Кезекте ешкім жоқ", "В очереди никого нет");
pub const RECONNECTING: Pair = (
    "Дерекқормен байланыс жоқ, қайта қосылуда...",
    "Нет связи с базой, переподключение...",
);
pub const QUIT_HINT: Pair = ("Esc/Q шығу", "Esc/Q выход");

/// "Room 12" in Kazakh and Russian. A room written as a bare number ("12",
/// "210а") gets the word; one written with its own words ("каб. 210", "Мәжіліс
/// залы") is shown as written, once.
pub fn room(room: &str) -> (String, String) {
    let room = room.trim();
    if room.starts_with(|c: char| c.is_ascii_digit()) {
        (format!("{room} кабинет"), format!("кабинет {room}"))
    } else {
        (room.to_string(), room.to_string())
    }
}

/// The message of `qabyldau board room ID TEXT`.
pub fn room_saved(official: &str, room: &str) -> String {
    let (kk, ru) = self::room(room);
    if kk == ru {
        format!("{official}: {kk}")
    } else {
        format!("{official}: {kk} / {ru}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_gets_the_word_only_when_written_as_a_number() {
        assert_eq!(
            room("12"),
            ("12 кабинет".to_string(), "кабинет 12".to_string())
        );
        assert_eq!(
            room(" 210а "),
            ("210а кабинет".into(), "кабинет 210а".into())
        );
        assert_eq!(room("каб. 210"), ("каб. 210".into(), "каб. 210".into()));
        assert_eq!(room_saved("Бекет А.", "каб. 210"), "Бекет А.: каб. 210");
        assert_eq!(
            room_saved("Бекет А.", "12"),
            "Бекет А.: 12 кабинет / кабинет 12"
        );
    }
}

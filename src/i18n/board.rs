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

/// "Room 12" in Kazakh and Russian.
pub fn room(room: &str) -> (String, String) {
    (format!("{room} кабинет"), format!("кабинет {room}"))
}

/// The message of `qabyldau board room ID TEXT`.
pub fn room_saved(official: &str, room: &str) -> String {
    format!("{official}: {room} кабинет / кабинет {room}")
}

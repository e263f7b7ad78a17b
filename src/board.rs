//! `qabyldau board`: the waiting-room board. A second process on the same database
//! (on the PC that holds it, see README "Several desks") showing, in large
//! characters readable across a room, the ticket now called, the official and the
//! room, and the next tickets, in Kazakh and Russian at once.
//!
//! It never polls in a busy loop: every 250 ms it asks SQLite for
//! `PRAGMA data_version` (no page read) and reloads the queue only when another
//! connection has committed; it redraws only when what it shows changed, the
//! minute changed or the terminal was resized. It holds its own connection and
//! reads only, so the desk may quit and start again meanwhile; if the database
//! goes away (a restore, a locked file) it says so and reconnects.
//!
//! Only ticket numbers are shown, never an applicant's name (the room is public).
use crate::domain::queue::{compare, next_to_call};
use crate::domain::{QueueEntry, QueueStatus};
use crate::i18n::board as txt;
use crate::store::{Actor, Store};
use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::path::Path;
use std::time::{Duration, Instant};

/// How often the board asks whether the database changed.
pub const CHECK_EVERY: Duration = Duration::from_millis(250);
/// How long a newly called ticket is shown highlighted.
pub const FLASH_FOR: Duration = Duration::from_secs(4);
/// How many next tickets are listed.
pub const NEXT_SHOWN: usize = 8;

/// The settings key of the room shown when the official has none (an official's
/// own room is the one of the schedule: `Store::official_room`).
pub const DEFAULT_ROOM_KEY: &str = "board_room";

/// A called ticket as the board shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalledTicket {
    pub entry_id: i64,
    pub ticket: u32,
    pub official: Option<String>,
    pub room: Option<String>,
    pub called_at: Option<NaiveDateTime>,
}

/// Everything the board shows; built from the store, drawn without I/O.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoardView {
    pub day: Option<NaiveDate>,
    /// The most recent call (or "call again"), shown big.
    pub now_called: Option<CalledTicket>,
    /// Other tickets called and not yet in reception, most recent first.
    pub also_called: Vec<CalledTicket>,
    /// The next waiting tickets, in the regulation's order.
    pub next: Vec<u32>,
    /// The last recall's audit row, so a "call again" counts as a new call.
    pub recall_mark: Option<i64>,
}

impl BoardView {
    /// What identifies "the current call": a change of it is a new call (flash, bell).
    pub fn call_mark(&self) -> Option<(i64, Option<NaiveDateTime>, Option<i64>)> {
        self.now_called
            .as_ref()
            .map(|c| (c.entry_id, c.called_at, self.recall_mark))
    }
}

/// Builds the board from the day's entries (pure). `who` gives an official's name
/// and room. `recall` is the last "call again" (audit row, entry, when): a recalled
/// entry still called counts as called at that moment.
pub fn view_of(
    day: NaiveDate,
    entries: &[QueueEntry],
    recall: Option<(i64, i64, NaiveDateTime)>,
    who: &dyn Fn(Option<i64>) -> (Option<String>, Option<String>),
) -> BoardView {
    let ticket = |e: &QueueEntry| {
        let (official, room) = who(e.official_id);
        CalledTicket {
            entry_id: e.id,
            ticket: e.ticket,
            official,
            room,
            called_at: e.called_at,
        }
    };
    let mut called: Vec<&QueueEntry> = entries
        .iter()
        .filter(|e| e.status == QueueStatus::Called)
        .collect();
    let last_call = |e: &QueueEntry| match recall {
        Some((_, id, when)) if id == e.id => e.called_at.max(Some(when)),
        _ => e.called_at,
    };
    called.sort_by(|a, b| last_call(b).cmp(&last_call(a)).then(b.id.cmp(&a.id)));
    let mut waiting: Vec<&QueueEntry> = entries
        .iter()
        .filter(|e| e.status == QueueStatus::Waiting && !e.on_hold)
        .collect();
    waiting.sort_by(|a, b| compare(a, b));
    debug_assert!(
        waiting.first().map(|e| e.id) == next_to_call(entries).map(|e| e.id),
        "the board's next ticket is the desk's next call"
    );
    BoardView {
        day: Some(day),
        now_called: called.first().map(|e| ticket(e)),
        also_called: called.iter().skip(1).map(|e| ticket(e)).collect(),
        next: waiting.iter().take(NEXT_SHOWN).map(|e| e.ticket).collect(),
        recall_mark: recall.map(|(a, _, _)| a),
    }
}

/// Reads the board of `day` from the store.
pub fn load(store: &Store, day: NaiveDate) -> crate::store::Result<BoardView> {
    let entries = store.queue_of(day)?;
    let recall = store.last_recall(day)?;
    let default_room = store
        .setting(DEFAULT_ROOM_KEY)?
        .filter(|s| !s.trim().is_empty());
    let mut people: std::collections::HashMap<i64, (Option<String>, Option<String>)> =
        std::collections::HashMap::new();
    for id in entries.iter().filter_map(|e| e.official_id) {
        if people.contains_key(&id) {
            continue;
        }
        let name = store.official(id).ok().map(|o| o.full_name());
        let room = Some(store.official_room(id).unwrap_or_default())
            .filter(|s| !s.trim().is_empty())
            .or_else(|| default_room.clone());
        people.insert(id, (name, room));
    }
    let who = |id: Option<i64>| match id {
        Some(id) => people.get(&id).cloned().unwrap_or((None, None)),
        None => (None, default_room.clone()),
    };
    Ok(view_of(day, &entries, recall, &who))
}

// ---------------------------------------------------------------------------
// The big-digit font: 5 rows, 4 columns per digit, drawn with the full block
// U+2588, which every Windows console font has (WGL4).

const GLYPH_H: usize = 5;
const GLYPH_W: usize = 4;

fn glyph(c: char) -> Option<[&'static str; GLYPH_H]> {
    Some(match c {
        '0' => ["####", "#  #", "#  #", "#  #", "####"],
        '1' => ["  # ", " ## ", "  # ", "  # ", " ###"],
        '2' => ["####", "   #", "####", "#   ", "####"],
        '3' => ["####", "   #", " ###", "   #", "####"],
        '4' => ["#  #", "#  #", "####", "   #", "   #"],
        '5' => ["####", "#   ", "####", "   #", "####"],
        '6' => ["####", "#   ", "####", "#  #", "####"],
        '7' => ["####", "   #", "  # ", " #  ", " #  "],
        '8' => ["####", "#  #", "####", "#  #", "####"],
        '9' => ["####", "#  #", "####", "   #", "####"],
        ' ' => ["    ", "    ", "    ", "    ", "    "],
        _ => return None,
    })
}

/// The width in columns of `text` drawn big at `scale`.
pub fn big_width(text: &str, scale: usize) -> usize {
    let n = text.chars().filter(|c| glyph(*c).is_some()).count();
    if n == 0 {
        return 0;
    }
    (n * GLYPH_W + (n - 1)) * scale
}

/// `text` (digits and spaces) drawn in big block characters, `scale` times wider
/// and taller: `5 * scale` lines of equal width.
pub fn big_text(text: &str, scale: usize) -> Vec<String> {
    let scale = scale.max(1);
    let glyphs: Vec<[&str; GLYPH_H]> = text.chars().filter_map(glyph).collect();
    let mut out = Vec::with_capacity(GLYPH_H * scale);
    for row in 0..GLYPH_H {
        let mut line = String::new();
        for (i, g) in glyphs.iter().enumerate() {
            if i > 0 {
                line.push_str(&" ".repeat(scale));
            }
            for ch in g[row].chars() {
                let cell = if ch == '#' { '█' } else { ' ' };
                for _ in 0..scale {
                    line.push(cell);
                }
            }
        }
        for _ in 0..scale {
            out.push(line.clone());
        }
    }
    out
}

/// The digits of big text at `scale` whose first glyph begins at column `x`.
fn read_from(rows: &[Vec<char>], mut x: usize, scale: usize) -> String {
    let mut out = String::new();
    loop {
        let cell = |r: usize, cx: usize| -> char {
            match rows[r].get(x + cx * scale) {
                Some('█') => '#',
                _ => ' ',
            }
        };
        let pattern: Vec<String> = (0..GLYPH_H)
            .map(|r| (0..GLYPH_W).map(|cx| cell(r, cx)).collect())
            .collect();
        let found = "0123456789"
            .chars()
            .find(|d| glyph(*d).is_some_and(|g| g.iter().zip(&pattern).all(|(a, b)| *a == b)));
        match found {
            Some(d) => out.push(d),
            None => return out,
        }
        x += (GLYPH_W + 1) * scale;
    }
}

/// Reads digits back from big text (for tests of the board in a terminal): the
/// inverse of [`big_text`] at scale 1..=4, wherever the text stands in the lines.
pub fn read_big(lines: &[String]) -> Option<String> {
    for scale in (1..=4).rev() {
        if lines.len() < GLYPH_H * scale {
            continue;
        }
        let rows: Vec<Vec<char>> = (0..GLYPH_H)
            .map(|r| lines[r * scale].chars().collect())
            .collect();
        let first = rows
            .iter()
            .filter_map(|r| r.iter().position(|c| *c == '█'))
            .min()?;
        // A glyph's first column may be blank (the "1"): try where it may begin.
        for back in 0..GLYPH_W {
            let Some(start) = first.checked_sub(back * scale) else {
                break;
            };
            let out = read_from(&rows, start, scale);
            if !out.is_empty() {
                return Some(out);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Drawing (no I/O).

/// The state of the screen beyond the data: the clock, the flash of a new call,
/// a lost connection.
#[derive(Clone, Debug, Default)]
pub struct Screen {
    pub now: Option<NaiveDateTime>,
    pub flash: bool,
    pub offline: bool,
    pub mono: bool,
}

fn both(p: txt::Pair) -> String {
    format!("{} / {}", p.0, p.1)
}

/// Draws the board into the frame.
pub fn draw(f: &mut Frame, view: &BoardView, s: &Screen) {
    let area = f.area();
    let (head_style, big_style, label_style, dim) = if s.mono {
        (
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            if s.flash {
                Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                Style::default().add_modifier(Modifier::BOLD)
            },
            Style::default().add_modifier(Modifier::BOLD),
            Style::default(),
        )
    } else {
        (
            Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            if s.flash {
                Style::default()
                    .bg(Color::Yellow)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD)
            },
            Style::default()
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            Style::default().fg(Color::Gray),
        )
    };
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let clock = s
        .now
        .map(|t| t.format("%d.%m.%Y  %H:%M").to_string())
        .unwrap_or_default();
    let title = both(txt::TITLE);
    let pad =
        (head.width as usize).saturating_sub(title.chars().count() + clock.chars().count() + 2);
    f.render_widget(
        Paragraph::new(format!(" {title}{}{clock} ", " ".repeat(pad))).style(head_style),
        head,
    );
    let foot_text = if s.offline {
        both(txt::RECONNECTING)
    } else {
        both(txt::QUIT_HINT)
    };
    f.render_widget(
        Paragraph::new(foot_text)
            .alignment(Alignment::Right)
            .style(if s.offline { label_style } else { dim }),
        foot,
    );

    // The body: the call (label, big number, official and room), then the lists.
    let next_line = if view.next.is_empty() {
        both(txt::NO_ONE_WAITING)
    } else {
        format!(
            "{}: {}",
            both(txt::NEXT),
            view.next
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join("   ")
        )
    };
    let also_line = (!view.also_called.is_empty()).then(|| {
        format!(
            "{}: {}",
            both(txt::ALSO_CALLED),
            view.also_called
                .iter()
                .map(|c| match &c.room {
                    Some(r) => format!("{} -> {r}", c.ticket),
                    None => c.ticket.to_string(),
                })
                .collect::<Vec<_>>()
                .join("   ")
        )
    });
    let lists = 2 + also_line.is_some() as u16;
    let [call_area, _, list_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(lists),
    ])
    .areas(body);

    let mut lines: Vec<Line> = Vec::new();
    match &view.now_called {
        Some(c) => {
            let number = c.ticket.to_string();
            // Label, official and room take 3 lines; the rest is for the number.
            let room_h = call_area.height.saturating_sub(4) as usize;
            let scale = (1..=4)
                .rev()
                .find(|k| {
                    big_width(&number, *k) <= call_area.width as usize && GLYPH_H * k <= room_h
                })
                .unwrap_or(0);
            lines.push(
                Line::from(format!(
                    "{}  {} {}",
                    both(txt::NOW_CALLED),
                    txt::TICKET.0,
                    c.ticket
                ))
                .style(label_style),
            );
            if scale > 0 {
                lines.push(Line::from(""));
                for l in big_text(&number, scale) {
                    lines.push(Line::from(l).style(big_style));
                }
            } else {
                lines.push(Line::from(number).style(big_style));
            }
            let mut who = Vec::new();
            if let Some(o) = &c.official {
                who.push(o.clone());
            }
            if let Some(r) = &c.room {
                let (kk, ru) = txt::room(r);
                who.push(if kk == ru { kk } else { format!("{kk} / {ru}") });
            }
            lines.push(Line::from(who.join("  -  ")).style(label_style));
        }
        None => {
            lines.push(Line::from(""));
            lines.push(Line::from(both(txt::PLEASE_WAIT)).style(label_style));
        }
    }
    let used = lines.len() as u16;
    let top = call_area.height.saturating_sub(used) / 2;
    let call_rect = Rect {
        y: call_area.y + top,
        height: call_area.height.saturating_sub(top),
        ..call_area
    };
    f.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        call_rect,
    );
    let mut list: Vec<Line> = vec![Line::from(next_line).style(label_style)];
    if let Some(a) = also_line {
        list.push(Line::from(a).style(dim));
    }
    f.render_widget(Paragraph::new(list).alignment(Alignment::Center), list_area);
}

// ---------------------------------------------------------------------------
// The process.

/// Options of `qabyldau board`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Ring the terminal bell on a new call.
    pub bell: bool,
    /// No highlight of a new call.
    pub no_flash: bool,
}

/// Why the board or its room setting could not run.
#[derive(Debug, PartialEq, Eq)]
pub enum BoardError {
    /// The request itself is wrong (no database there, not an official's id).
    Usage(String),
    /// The database or the terminal failed.
    Failed(String),
}

/// Runs the board on the database at `path` until Esc/Q.
pub fn run(path: &Path, o: &Options) -> Result<(), BoardError> {
    if !path.exists() {
        return Err(BoardError::Usage(format!(
            "board: no database at {}",
            path.display()
        )));
    }
    crate::log::init(&crate::paths::log_file(path));
    let store =
        Store::open(path).map_err(|e| BoardError::Failed(format!("{}: {e}", path.display())))?;
    run_loop(store, path, o).map_err(|e| BoardError::Failed(format!("board: {e}")))
}

/// `board room OFFICIAL ROOM`: the official's room (the schedule's, also on the
/// poster; an empty ROOM removes it); `board room default ROOM`: the room shown
/// for calls without an official's room (office settings). Audited. Returns the
/// line to print.
pub fn set_room(path: &Path, who: &str, room: &str) -> Result<String, BoardError> {
    let failed = |e: crate::store::StoreError| BoardError::Failed(e.to_string());
    let mut store = Store::open(path).map_err(failed)?;
    let now = crate::clock::clock_from_env().now();
    let actor = Actor::cli("board-room");
    let name = if who == "default" {
        store
            .set_setting(&actor, now, DEFAULT_ROOM_KEY, room.trim())
            .map_err(failed)?;
        who.to_string()
    } else {
        let id: i64 = who.parse().map_err(|_| {
            BoardError::Usage(format!("board room: '{who}' is not an official's id"))
        })?;
        let o = store
            .official(id)
            .map_err(|_| BoardError::Usage(format!("board room: no official with id {id}")))?;
        store
            .set_official_room(&actor, now, id, room)
            .map_err(failed)?;
        o.full_name()
    };
    Ok(txt::room_saved(&name, room.trim()))
}

fn run_loop(mut store: Store, path: &Path, o: &Options) -> std::io::Result<()> {
    let clock = crate::clock::clock_from_env();
    let theme = crate::ui::theme::Theme::detect(None);
    let mono = theme.is_mono();
    let mut guard = crate::ui::tui::TerminalGuard::new()?;
    let mut screen = Screen {
        mono,
        ..Screen::default()
    };
    let mut view = BoardView::default();
    let mut version: Option<i64> = None;
    let mut flash_until: Option<Instant> = None;
    let mut dirty = true;
    let mut first = true;
    let mut last_minute = None;
    let mut reconnect_at: Option<Instant> = None;
    loop {
        let now = clock.now();
        let today = now.date();
        let minute = now.format("%Y%m%d%H%M").to_string();
        if last_minute.as_ref() != Some(&minute) {
            last_minute = Some(minute);
            screen.now = Some(now);
            dirty = true;
            // A new day: the queue of the new day.
            if view.day != Some(today) {
                version = None;
            }
        }
        if let Some(at) = reconnect_at {
            if Instant::now() >= at {
                match Store::open(path) {
                    Ok(s) => {
                        store = s;
                        reconnect_at = None;
                        version = None;
                    }
                    Err(_) => reconnect_at = Some(Instant::now() + Duration::from_secs(2)),
                }
            }
        }
        if reconnect_at.is_none() {
            let changed = match store.data_version() {
                Ok(v) => {
                    let c = version != Some(v);
                    version = Some(v);
                    Ok(c)
                }
                Err(e) => Err(e),
            };
            let loaded = match changed {
                Ok(true) => load(&store, today).map(Some),
                Ok(false) => Ok(None),
                Err(e) => Err(e),
            };
            match loaded {
                Ok(Some(v)) => {
                    let new_call = v.call_mark().is_some() && v.call_mark() != view.call_mark();
                    if new_call && !first {
                        if !o.no_flash {
                            flash_until = Some(Instant::now() + FLASH_FOR);
                        }
                        if o.bell {
                            use std::io::Write;
                            let mut out = std::io::stdout();
                            let _ = out.write_all(b"\x07");
                            let _ = out.flush();
                        }
                    }
                    first = false;
                    if v != view || screen.offline {
                        view = v;
                        screen.offline = false;
                        dirty = true;
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    crate::log::log(crate::log::Level::Warn, &format!("board: {e}"));
                    screen.offline = true;
                    dirty = true;
                    reconnect_at = Some(Instant::now() + Duration::from_secs(1));
                }
            }
        }
        let flashing = flash_until.is_some_and(|t| Instant::now() < t);
        if flashing != screen.flash {
            screen.flash = flashing;
            dirty = true;
        }
        if dirty {
            guard.terminal.draw(|f| {
                draw(f, &view, &screen);
                theme.apply(f.buffer_mut());
            })?;
            dirty = false;
        }
        if event::poll(CHECK_EVERY)? {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    let quit =
                        matches!(k.code, KeyCode::Esc | KeyCode::Char('q' | 'Q' | 'й' | 'Й'))
                            || (k.code == KeyCode::Char('c')
                                && k.modifiers.contains(KeyModifiers::CONTROL));
                    if quit {
                        break;
                    }
                }
                Event::Resize(_, _) => {
                    guard.terminal.autoresize()?;
                    dirty = true;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 10)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn entry(id: i64, ticket: u32, status: QueueStatus, arrived: u32) -> QueueEntry {
        QueueEntry {
            id,
            day: at(9, 0).date(),
            ticket,
            appeal_id: id,
            reg_no: format!("R-{id}"),
            applicant_name: "Secret Name".into(),
            category: None,
            arrived_at: at(9, arrived),
            status,
            on_hold: false,
            official_id: Some(7),
            called_at: None,
            finished_at: None,
            out_of_order_reason: None,
            needs_interpreter: false,
            language: Lang::Kk,
        }
    }

    #[test]
    fn big_digits_round_trip_at_every_scale() {
        for n in ["0", "7", "12", "305", "1234567890"] {
            for scale in 1..=4 {
                let lines = big_text(n, scale);
                assert_eq!(lines.len(), 5 * scale);
                let w = big_width(n, scale);
                assert!(lines.iter().all(|l| l.chars().count() == w), "{n} x{scale}");
                assert_eq!(read_big(&lines).as_deref(), Some(n), "{n} x{scale}");
            }
        }
        assert!(big_text("8", 1)
            .concat()
            .chars()
            .all(|c| c == '█' || c == ' '));
    }

    #[test]
    fn the_latest_call_is_big_and_the_waiting_order_is_the_desks() {
        let mut e = vec![
            entry(1, 1, QueueStatus::Received, 0),
            entry(2, 2, QueueStatus::Called, 1),
            entry(3, 3, QueueStatus::Called, 2),
            entry(4, 4, QueueStatus::Waiting, 3),
            entry(5, 5, QueueStatus::Waiting, 4),
            entry(6, 6, QueueStatus::Waiting, 5),
        ];
        e[1].called_at = Some(at(10, 0));
        e[2].called_at = Some(at(10, 5));
        e[4].on_hold = true;
        e[5].category = Some("disability".into());
        let who = |_: Option<i64>| (Some("Official".to_string()), Some("12".to_string()));
        let v = view_of(at(9, 0).date(), &e, None, &who);
        let c = v.now_called.clone().unwrap();
        assert_eq!(c.ticket, 3);
        assert_eq!(c.room.as_deref(), Some("12"));
        assert_eq!(
            v.also_called.iter().map(|c| c.ticket).collect::<Vec<_>>(),
            [2]
        );
        // Out of turn first, on hold not listed.
        assert_eq!(v.next, [6, 4]);
        // A "call again" of ticket 2 makes it the big one and a new call...
        let r = view_of(at(9, 0).date(), &e, Some((99, 2, at(10, 7))), &who);
        assert_eq!(r.now_called.as_ref().unwrap().ticket, 2);
        assert_ne!(r.call_mark(), v.call_mark());
        // ... until a later call.
        let mut later = e.clone();
        later[3].status = QueueStatus::Called;
        later[3].called_at = Some(at(10, 9));
        let l = view_of(at(9, 0).date(), &later, Some((99, 2, at(10, 7))), &who);
        assert_eq!(l.now_called.as_ref().unwrap().ticket, 4);
        // No call: nothing big.
        let none = view_of(at(9, 0).date(), &e[3..], None, &who);
        assert!(none.now_called.is_none() && none.call_mark().is_none());
    }

    #[test]
    fn drawn_board_shows_the_number_both_languages_and_no_names() {
        let mut e = vec![entry(1, 42, QueueStatus::Called, 0)];
        e[0].called_at = Some(at(10, 0));
        e.push(entry(2, 43, QueueStatus::Waiting, 1));
        let who = |_: Option<i64>| (Some("Сейтқали Ә. Б.".to_string()), Some("12".to_string()));
        let v = view_of(at(9, 0).date(), &e, None, &who);
        for (w, h) in [(80u16, 24u16), (40, 12), (160, 48)] {
            let backend = ratatui::backend::TestBackend::new(w, h);
            let mut t = ratatui::Terminal::new(backend).unwrap();
            t.draw(|f| draw(f, &v, &Screen::default())).unwrap();
            let buf = t.backend().buffer().clone();
            let rows: Vec<String> = (0..h)
                .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
                .collect();
            let all = rows.join("\n");
            assert!(all.contains("ШАҚЫРЫЛАДЫ / ВЫЗЫВАЕТСЯ"), "{w}x{h}\n{all}");
            assert!(all.contains("42"), "{all}");
            assert!(!all.contains("Secret"), "no applicant names on the board");
            if h >= 24 {
                assert!(all.contains("12 кабинет / кабинет 12"), "{all}");
                assert!(all.contains("Сейтқали"), "{all}");
                assert!(all.contains("43"), "{all}");
                let big: Vec<String> = rows.iter().filter(|r| r.contains('█')).cloned().collect();
                assert_eq!(read_big(&big).as_deref(), Some("42"), "{all}");
            }
        }
    }
}

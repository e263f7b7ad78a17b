//! The order of the day's queue (001 §3, §12; 002 §11).
//!
//! Reception goes in order of arrival; applicants of an out-of-turn category are
//! received before everyone else, and among themselves also by arrival. Ties on the
//! arrival time are broken by the ticket number, which is handed out in arrival order.
use super::model::{QueueEntry, QueueStatus};
use std::cmp::Ordering;

/// Where an entry stands in the screen's list: the one being served first, then the
/// waiting order, then those on hold, then the finished ones.
fn band(e: &QueueEntry) -> u8 {
    match e.status {
        QueueStatus::InReception => 0,
        QueueStatus::Called => 1,
        QueueStatus::Waiting if !e.on_hold => 2,
        QueueStatus::Waiting => 3,
        _ => 4,
    }
}

/// Compares two entries in the regulation's order.
pub fn compare(a: &QueueEntry, b: &QueueEntry) -> Ordering {
    band(a)
        .cmp(&band(b))
        .then_with(|| {
            if band(a) == 4 {
                // Finished ones: most recently finished first is not useful at a desk;
                // keep them in ticket order so the day reads like a journal.
                return Ordering::Equal;
            }
            let pa = a.category.is_some();
            let pb = b.category.is_some();
            pb.cmp(&pa)
        })
        .then_with(|| a.arrived_at.cmp(&b.arrived_at))
        .then_with(|| a.ticket.cmp(&b.ticket))
}

/// Sorts a day's entries in place in the regulation's order.
pub fn order(entries: &mut [QueueEntry]) {
    entries.sort_by(compare);
}

/// The entry that "call next" should call: the first waiting entry not on hold.
pub fn next_to_call(entries: &[QueueEntry]) -> Option<&QueueEntry> {
    entries
        .iter()
        .filter(|e| e.status == QueueStatus::Waiting && !e.on_hold)
        .min_by(|a, b| compare(a, b))
}

/// Minutes an applicant has waited (until called, or until `now`).
pub fn waiting_minutes(e: &QueueEntry, now: chrono::NaiveDateTime) -> i64 {
    let end = match e.status {
        QueueStatus::Waiting => now,
        _ => e.called_at.or(e.finished_at).unwrap_or(now),
    };
    (end - e.arrived_at).num_minutes().max(0)
}

/// Whether a status change of a queue entry is allowed.
pub fn can_move(from: QueueStatus, to: QueueStatus) -> bool {
    use QueueStatus::*;
    matches!(
        (from, to),
        (Waiting, Called)
            | (Waiting, NoShow)
            | (Waiting, Left)
            | (Called, Waiting)
            | (Called, InReception)
            | (Called, NoShow)
            | (Called, Left)
            | (InReception, Received)
            | (InReception, Called)
            | (NoShow, Waiting)
            | (Left, Waiting)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use chrono::NaiveDate;

    fn entry(ticket: u32, hhmm: (u32, u32), cat: Option<&str>) -> QueueEntry {
        let day = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        QueueEntry {
            id: ticket as i64,
            day,
            ticket,
            appeal_id: ticket as i64,
            reg_no: format!("T-{ticket}"),
            applicant_name: format!("A{ticket}"),
            category: cat.map(str::to_string),
            arrived_at: day.and_hms_opt(hhmm.0, hhmm.1, 0).unwrap(),
            status: QueueStatus::Waiting,
            on_hold: false,
            official_id: None,
            called_at: None,
            finished_at: None,
            out_of_order_reason: None,
            needs_interpreter: false,
            language: Lang::Kk,
        }
    }

    fn tickets(v: &[QueueEntry]) -> Vec<u32> {
        v.iter().map(|e| e.ticket).collect()
    }

    #[test]
    fn out_of_turn_first_then_arrival() {
        let mut v = vec![
            entry(1, (9, 0), None),
            entry(2, (9, 5), Some("disability")),
            entry(3, (9, 10), None),
            entry(4, (9, 2), Some("pregnant")),
        ];
        order(&mut v);
        assert_eq!(tickets(&v), vec![4, 2, 1, 3]);
    }

    #[test]
    fn ties_on_arrival_go_by_ticket() {
        let mut v = vec![
            entry(3, (9, 0), None),
            entry(1, (9, 0), None),
            entry(2, (9, 0), Some("wwii_veteran")),
        ];
        order(&mut v);
        assert_eq!(tickets(&v), vec![2, 1, 3]);
    }

    #[test]
    fn served_first_hold_and_done_last() {
        let mut v = vec![
            entry(1, (9, 0), None),
            entry(2, (9, 1), None),
            entry(3, (9, 2), None),
            entry(4, (9, 3), Some("disability")),
            entry(5, (9, 4), None),
        ];
        v[0].status = QueueStatus::Received;
        v[1].on_hold = true;
        v[2].status = QueueStatus::InReception;
        order(&mut v);
        assert_eq!(tickets(&v), vec![3, 4, 5, 2, 1]);
        assert_eq!(next_to_call(&v).map(|e| e.ticket), Some(4));
    }

    #[test]
    fn nobody_to_call_when_all_held_or_done() {
        let mut v = vec![entry(1, (9, 0), None), entry(2, (9, 1), None)];
        v[0].on_hold = true;
        v[1].status = QueueStatus::Left;
        assert!(next_to_call(&v).is_none());
    }

    #[test]
    fn waiting_time_counts_until_called() {
        let mut e = entry(1, (9, 0), None);
        let now = e.day.and_hms_opt(9, 40, 0).unwrap();
        assert_eq!(waiting_minutes(&e, now), 40);
        e.status = QueueStatus::Called;
        e.called_at = Some(e.day.and_hms_opt(9, 25, 0).unwrap());
        assert_eq!(waiting_minutes(&e, now), 25);
    }

    #[test]
    fn queue_moves() {
        assert!(can_move(QueueStatus::Waiting, QueueStatus::Called));
        assert!(can_move(QueueStatus::Called, QueueStatus::Waiting));
        assert!(!can_move(QueueStatus::Received, QueueStatus::Waiting));
        assert!(!can_move(QueueStatus::Waiting, QueueStatus::Received));
    }
}

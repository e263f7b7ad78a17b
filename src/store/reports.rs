//! The report of the reception room for a period (at least quarterly, 001 §40;
//! content analysis for the appeals-control department, 004 §5-7). Every figure
//! is defined next to its field in [`Report`]; `docs::report` prints it.
use super::{Result, Store};
use crate::domain::period::year_before;
use crate::domain::profile::Profile;
use crate::domain::Channel;
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of a breakdown: a code with its labels, the count in the period and
/// in the same period a year before. The store fills the labels that are data (the
/// profile's topics, outcomes and categories, officials' names, settlements as typed)
/// and leaves the others empty; `docs::report::label` words those.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub code: String,
    pub kk: String,
    pub ru: String,
    pub count: i64,
    pub prev: i64,
}

/// Instructions due in the period and how many were answered in time.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DeadlineFigures {
    /// Instructions whose due date falls in the period.
    pub due: i64,
    /// Of those, answered on or before the due date.
    pub met: i64,
    /// `met / due` in per cent; none when nothing was due.
    pub percent: Option<f64>,
}

/// The queue of the period's days.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QueueFigures {
    /// Queue entries that were called.
    pub called: i64,
    /// Average of `called_at - arrived_at` in minutes over the called entries.
    pub avg_wait_minutes: Option<f64>,
}

/// Survey calls made in the period (by call date).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SurveyFigures {
    pub calls: i64,
    pub reached: i64,
    /// Calls with a score.
    pub scored: i64,
    /// Average score (1-5) over the scored calls.
    pub avg_score: Option<f64>,
}

/// Instructions on control as of a day.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ControlFigures {
    /// Instructions given on or before the day and not answered by that day.
    pub on_control: i64,
    /// Of those, due before the day.
    pub overdue: i64,
    /// Answers returned for rework in the period (004 §5(4)-(5)).
    pub returned_for_rework: i64,
    /// Instruction deadlines extended in the period.
    pub extensions: i64,
}

/// One official's receptions in the period (issue 15; 001 §7-8).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OfficialReception {
    pub official_id: i64,
    pub name: String,
    /// Sessions from the period's start to `as_of` (not after the end), not
    /// cancelled, on days the official was not marked absent.
    pub sessions_held: i64,
    /// Queue entries of the official in the period that ended "received".
    pub received: i64,
    /// Live bookings in held sessions before `as_of` (in the period) whose
    /// applicant never checked in, or whose queue entry ended "no-show".
    pub no_shows: i64,
    /// For an official who must receive (active, with a category): months of the
    /// period that ended by `as_of` without a held session, as (year, month).
    pub months_without: Vec<(i32, u32)>,
}

/// Receptions by format in the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormatFigures {
    pub format: crate::domain::schedule::SessionFormat,
    /// Held sessions (as in [`OfficialReception::sessions_held`]).
    pub sessions: i64,
    /// Received queue entries that came through a booking into a session of this
    /// format; walk-ins without a booking count as in person.
    pub received: i64,
}

/// Appeals by topic and settlement (004 §7(1)-(2)): registered in the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TopicSettlement {
    /// Settlements as typed (trimmed; "" = not stated), most appeals first.
    pub settlements: Vec<String>,
    /// One row per topic with any appeal: (code, kk, ru, counts per settlement);
    /// the labels of "" (not stated) are left empty for `docs::report::label`.
    pub rows: Vec<(String, String, String, Vec<i64>)>,
}

/// Reception figures of the period (issue 15).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReceptionFigures {
    /// Officials with a session or a received applicant in the period, or who must
    /// receive; in the Kazakh alphabetical order of their names.
    pub per_official: Vec<OfficialReception>,
    pub by_format: Vec<FormatFigures>,
    /// Appeals refused (001 §15, APPC art. 73), returned (001 §6) and redirected by
    /// competence (APPC art. 76): the step's date in the period.
    pub refused: i64,
    pub returned: i64,
    pub redirected: i64,
    /// Other bodies' refusals to take part, dated in the period (001 §20).
    pub participation_refusals: i64,
    pub topic_settlement: TopicSettlement,
}

/// The report of a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The same period a year before (the comparison columns).
    pub prev_from: NaiveDate,
    pub prev_to: NaiveDate,
    /// The day the control figures are taken on.
    pub as_of: NaiveDate,
    /// Appeals registered in the period / a year before.
    pub total: i64,
    pub total_prev: i64,
    /// By channel, every channel listed.
    pub by_channel: Vec<Line>,
    /// By topic of the profile (every topic listed), then codes not in the profile,
    /// then "" (topic not stated) when present.
    pub by_topic: Vec<Line>,
    /// By official: the one who held the first reception of the appeal, else the
    /// one it was requested to; "" = not assigned. Largest first.
    pub by_official: Vec<Line>,
    /// By outcome of the profile (every outcome listed); an appeal without an
    /// outcome counts as `pending`.
    pub by_outcome: Vec<Line>,
    /// By settlement as typed; "" = not stated. Largest first.
    pub by_settlement: Vec<Line>,
    /// By out-of-turn category of the applicant (every category of the profile);
    /// applicants without a category are not listed.
    pub by_category: Vec<Line>,
    /// Individuals and representatives of legal entities.
    pub by_applicant_kind: Vec<Line>,
    /// Appeals of the period whose applicant (same IIN) had an earlier appeal on
    /// the same topic that was received or answered (`store::REPEAT_STATUSES`).
    pub repeat_appeals: i64,
    pub repeat_appeals_prev: i64,
    /// Collective appeals (more than one signatory) registered in the period, and
    /// their signatories in all.
    pub collective_appeals: i64,
    pub signatories: i64,
    /// Appeals registered as not considered (no essence, 001 §5) in the period.
    pub not_considered: i64,
    pub deadlines: DeadlineFigures,
    pub queue: QueueFigures,
    pub survey: SurveyFigures,
    pub control: ControlFigures,
    pub reception: ReceptionFigures,
}

/// Change in per cent from `prev` to `cur`; none when `prev` is 0.
pub fn change_percent(cur: i64, prev: i64) -> Option<f64> {
    (prev != 0).then(|| (cur - prev) as f64 * 100.0 / prev as f64)
}

impl Store {
    fn group_counts(
        &self,
        expr: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<String, i64>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {expr}, count(*) FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.registered_on BETWEEN ?1 AND ?2 GROUP BY 1"
        ))?;
        let mut out = BTreeMap::new();
        let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
        while let Some(r) = rows.next()? {
            let code: Option<String> = r.get(0)?;
            *out.entry(code.unwrap_or_default()).or_default() += r.get::<_, i64>(1)?;
        }
        Ok(out)
    }

    /// Both periods of one breakdown.
    fn both(
        &self,
        expr: &str,
        r: &Report,
    ) -> Result<(BTreeMap<String, i64>, BTreeMap<String, i64>)> {
        Ok((
            self.group_counts(expr, r.from, r.to)?,
            self.group_counts(expr, r.prev_from, r.prev_to)?,
        ))
    }

    /// The plan matters: applicants by the partial IIN index (hence `q.iin <> ''`),
    /// then their appeals (`CROSS JOIN` keeps that order, `+b.topic` keeps the
    /// planner off the period index). The other plan took minutes on 50 000 appeals.
    fn repeat_count(&self, from: NaiveDate, to: NaiveDate) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM appeals a JOIN applicants p ON p.id = a.applicant_id
             WHERE a.registered_on BETWEEN ?1 AND ?2 AND p.iin <> '' AND a.topic <> ''
               AND EXISTS (SELECT 1 FROM applicants q CROSS JOIN appeals b ON b.applicant_id = q.id
                   WHERE q.iin = p.iin AND q.iin <> '' AND +b.topic = a.topic AND b.id <> a.id
                     AND (b.registered_on < a.registered_on
                          OR (b.registered_on = a.registered_on AND b.id < a.id))
                     AND b.status IN ('received','on_control','answered','closed'))",
            )?
            .query_row(params![from.to_string(), to.to_string()], |r| r.get(0))?)
    }

    /// Computes the report of the appeals registered from `from` to `to`
    /// (inclusive), compared with the same dates a year before; control figures
    /// are taken as of `as_of` (pass the report's end, or today when earlier).
    /// Labels that are data come from `profile` (topics, outcomes, categories) and
    /// the officials; the rest are left empty for `docs::report::label` (the desk and
    /// the command line call `Store::report`, which labels).
    pub fn report_figures(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        as_of: NaiveDate,
        profile: &Profile,
    ) -> Result<Report> {
        let (prev_from, prev_to) = year_before(from, to);
        let mut r = Report {
            from,
            to,
            prev_from,
            prev_to,
            as_of,
            total: 0,
            total_prev: 0,
            by_channel: Vec::new(),
            by_topic: Vec::new(),
            by_official: Vec::new(),
            by_outcome: Vec::new(),
            by_settlement: Vec::new(),
            by_category: Vec::new(),
            by_applicant_kind: Vec::new(),
            repeat_appeals: 0,
            repeat_appeals_prev: 0,
            collective_appeals: 0,
            signatories: 0,
            not_considered: 0,
            deadlines: DeadlineFigures::default(),
            queue: QueueFigures::default(),
            survey: SurveyFigures::default(),
            control: ControlFigures::default(),
            reception: ReceptionFigures::default(),
        };
        let (cur, prev) = self.both("'all'", &r)?;
        r.total = cur.values().sum();
        r.total_prev = prev.values().sum();

        let (cur, prev) = self.both("a.channel", &r)?;
        r.by_channel = coded_lines(
            Channel::ALL
                .iter()
                .map(|c| (c.code().to_string(), String::new(), String::new())),
            &cur,
            &prev,
        );

        let labelled = |v: &[crate::domain::profile::Labelled]| -> Vec<(String, String, String)> {
            v.iter()
                .map(|l| (l.code.clone(), l.kk.clone(), l.ru.clone()))
                .collect()
        };
        let (cur, prev) = self.both("a.topic", &r)?;
        r.by_topic = coded_lines(labelled(&profile.topics), &cur, &prev);

        let (cur, prev) = self.both("COALESCE(a.outcome, 'pending')", &r)?;
        r.by_outcome = coded_lines(labelled(&profile.outcomes), &cur, &prev);

        let (mut cur, mut prev) = self.both("COALESCE(p.category, '')", &r)?;
        cur.remove("");
        prev.remove("");
        r.by_category = coded_lines(labelled(&profile.categories), &cur, &prev);

        let (cur, prev) = self.both("p.kind", &r)?;
        r.by_applicant_kind = coded_lines(
            ["individual", "legal"]
                .into_iter()
                .map(|c| (c.to_string(), String::new(), String::new())),
            &cur,
            &prev,
        );

        let (cur, prev) = self.both("trim(a.settlement)", &r)?;
        r.by_settlement = free_lines(&cur, &prev, |code| (code.to_string(), code.to_string()));

        let (cur, prev) = self.both(
            "CAST(COALESCE((SELECT pr.official_id FROM protocols pr WHERE pr.appeal_id = a.id
                             ORDER BY pr.id LIMIT 1), a.requested_official) AS TEXT)",
            &r,
        )?;
        let names: BTreeMap<String, String> = self
            .officials(false)?
            .into_iter()
            .map(|o| (o.id.to_string(), o.full_name()))
            .collect();
        r.by_official = free_lines(&cur, &prev, |code| match names.get(code) {
            Some(n) => (n.clone(), n.clone()),
            None if code.is_empty() => (String::new(), String::new()),
            None => (format!("#{code}"), format!("#{code}")),
        });

        r.repeat_appeals = self.repeat_count(from, to)?;
        r.repeat_appeals_prev = self.repeat_count(prev_from, prev_to)?;

        let (due, met): (i64, i64) = self.conn.prepare_cached(
            "SELECT count(*), COALESCE(sum(answered_on IS NOT NULL AND answered_on <= due_on), 0)
             FROM instructions WHERE due_on BETWEEN ?1 AND ?2",
        )?
        .query_row(params![from.to_string(), to.to_string()], |x| {
            Ok((x.get(0)?, x.get(1)?))
        })?;
        r.deadlines = DeadlineFigures {
            due,
            met,
            percent: (due > 0).then(|| met as f64 * 100.0 / due as f64),
        };

        let (called, avg): (i64, Option<f64>) = self
            .conn
            .prepare_cached(
                "SELECT count(*), avg((julianday(called_at) - julianday(arrived_at)) * 1440.0)
             FROM queue_entries WHERE day BETWEEN ?1 AND ?2 AND called_at IS NOT NULL",
            )?
            .query_row(params![from.to_string(), to.to_string()], |x| {
                Ok((x.get(0)?, x.get(1)?))
            })?;
        r.queue = QueueFigures {
            called,
            // julianday arithmetic is floating point: round to 1/1000 minute.
            avg_wait_minutes: avg.map(|m| (m * 1000.0).round() / 1000.0),
        };

        let (calls, reached, scored, avg): (i64, i64, i64, Option<f64>) = self.conn.prepare_cached(
            "SELECT count(*), COALESCE(sum(reached = 1), 0), count(score), avg(score)
             FROM survey_calls WHERE called_at IS NOT NULL AND substr(called_at, 1, 10) BETWEEN ?1 AND ?2",
        )?
        .query_row(params![from.to_string(), to.to_string()], |x| {
            Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?))
        })?;
        r.survey = SurveyFigures {
            calls,
            reached,
            scored,
            avg_score: avg,
        };

        let (on_control, overdue): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT count(*), COALESCE(sum(i.due_on < ?1), 0)
             FROM instructions i JOIN protocols pr ON pr.id = i.protocol_id
             WHERE pr.held_on <= ?1 AND (i.status = 'on_control' OR i.answered_on > ?1)",
            )?
            .query_row(params![as_of.to_string()], |x| Ok((x.get(0)?, x.get(1)?)))?;
        let (returned_for_rework, extensions) = self.round_counts(from, to)?;
        r.control = ControlFigures {
            on_control,
            overdue,
            returned_for_rework,
            extensions,
        };
        (r.collective_appeals, r.signatories) = self.collective_counts(from, to)?;
        r.not_considered = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM appeals WHERE status = 'not_considered'
                 AND registered_on BETWEEN ?1 AND ?2",
            )?
            .query_row(params![from.to_string(), to.to_string()], |x| x.get(0))?;
        r.reception = self.reception_figures(from, to, as_of, profile)?;
        Ok(r)
    }

    /// The reception figures of `from..=to` as of `as_of` (see [`ReceptionFigures`]).
    pub fn reception_figures(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        as_of: NaiveDate,
        profile: &Profile,
    ) -> Result<ReceptionFigures> {
        use crate::domain::schedule::{self as sched, SessionFormat};
        use chrono::Datelike;
        let (f, t) = (from.to_string(), to.to_string());
        let held_until = to.min(as_of).to_string();
        // Held sessions: (official, day, format).
        let held: Vec<(i64, NaiveDate, String)> = self
            .conn
            .prepare_cached(
                "SELECT s.official_id, s.day, s.format FROM reception_sessions s
                 WHERE s.cancelled = 0 AND s.day BETWEEN ?1 AND ?2
                   AND NOT EXISTS (SELECT 1 FROM absences x WHERE x.official_id = s.official_id
                                   AND s.day BETWEEN x.from_day AND x.to_day)",
            )?
            .query_map(params![f, held_until], |x| {
                Ok((
                    x.get(0)?,
                    super::parse_date(&x.get::<_, String>(1)?),
                    x.get(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let received: Vec<(Option<i64>, String)> = self
            .conn
            .prepare_cached(
                "SELECT q.official_id, COALESCE(s.format, 'in_person') FROM queue_entries q
                 LEFT JOIN bookings b ON b.id = q.booking_id
                 LEFT JOIN reception_sessions s ON s.id = b.session_id
                 WHERE q.status = 'received' AND q.day BETWEEN ?1 AND ?2",
            )?
            .query_map(params![f, t], |x| Ok((x.get(0)?, x.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let no_shows: BTreeMap<i64, i64> = self
            .conn
            .prepare_cached(
                "SELECT s.official_id, count(*) FROM bookings b
                 JOIN reception_sessions s ON s.id = b.session_id
                 LEFT JOIN queue_entries q ON q.id = b.queue_entry_id
                 WHERE b.status = 'booked' AND s.cancelled = 0 AND s.day BETWEEN ?1 AND ?2
                   AND s.day < ?3 AND (q.id IS NULL OR q.status = 'no_show')
                   AND NOT EXISTS (SELECT 1 FROM absences x WHERE x.official_id = s.official_id
                                   AND s.day BETWEEN x.from_day AND x.to_day)
                 GROUP BY 1",
            )?
            .query_map(params![f, t, as_of.to_string()], |x| {
                Ok((x.get(0)?, x.get(1)?))
            })?
            .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
        // Months of the period that ended by as_of.
        let mut months = Vec::new();
        let (mut y, mut m) = (from.year(), from.month());
        while (y, m) <= (to.year(), to.month()) {
            if let Some((_, last)) = sched::month_bounds(y, m) {
                if last <= as_of {
                    months.push((y, m));
                }
            }
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        let mut per_official = Vec::new();
        for o in self.officials(false)? {
            let mine: Vec<&(i64, NaiveDate, String)> =
                held.iter().filter(|h| h.0 == o.id).collect();
            let rec = received.iter().filter(|x| x.0 == Some(o.id)).count() as i64;
            let ns = no_shows.get(&o.id).copied().unwrap_or(0);
            let must = sched::must_receive(o.category, o.active);
            let months_without: Vec<(i32, u32)> = if must {
                // Months that ended before the official was added do not count
                // (an official added in March owed no reception in January).
                let added: Option<NaiveDate> = self
                    .conn
                    .prepare_cached(
                        "SELECT min(at) FROM audit_log
                         WHERE entity = 'official' AND entity_id = ?1 AND action = 'create'",
                    )?
                    .query_row([o.id], |r| r.get::<_, Option<String>>(0))?
                    .map(|at| super::parse_ts(&at).date());
                months
                    .iter()
                    .copied()
                    .filter(|(y, m)| {
                        added.is_none_or(|d| {
                            sched::month_bounds(*y, *m).is_none_or(|(_, last)| last >= d)
                        })
                    })
                    .filter(|(y, m)| !mine.iter().any(|h| h.1.year() == *y && h.1.month() == *m))
                    .collect()
            } else {
                vec![]
            };
            if mine.is_empty() && rec == 0 && ns == 0 && !must {
                continue;
            }
            per_official.push(OfficialReception {
                official_id: o.id,
                name: o.full_name(),
                sessions_held: mine.len() as i64,
                received: rec,
                no_shows: ns,
                months_without,
            });
        }
        let by_format = SessionFormat::ALL
            .iter()
            .map(|fmt| FormatFigures {
                format: *fmt,
                sessions: held.iter().filter(|h| h.2 == fmt.code()).count() as i64,
                received: received.iter().filter(|x| x.1 == fmt.code()).count() as i64,
            })
            .collect();
        let count = |sql: &str| -> Result<i64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(params![f, t], |x| x.get(0))?)
        };
        let refused = count(
            "SELECT count(DISTINCT appeal_id) FROM appeal_events
             WHERE to_status = 'refused' AND substr(at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        let returned = count(
            "SELECT count(DISTINCT appeal_id) FROM appeal_events
             WHERE to_status = 'returned' AND substr(at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        let redirected = count(
            "SELECT count(DISTINCT appeal_id) FROM appeal_events
             WHERE json_extract(data, '$.step') = 'redirect' AND substr(at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        let participation_refusals =
            count("SELECT count(*) FROM participants WHERE refused_on BETWEEN ?1 AND ?2")?;
        // Topic x settlement.
        let mut cells: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut by_settlement: BTreeMap<String, i64> = BTreeMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.topic, trim(a.settlement), count(*) FROM appeals a
                 WHERE a.registered_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            )?;
            let mut rows = stmt.query(params![f, t])?;
            while let Some(x) = rows.next()? {
                let topic: String = x.get(0)?;
                let settlement: String = x.get(1)?;
                let n: i64 = x.get(2)?;
                *by_settlement.entry(settlement.clone()).or_default() += n;
                *cells.entry((topic, settlement)).or_default() += n;
            }
        }
        let mut settlements: Vec<String> = by_settlement.keys().cloned().collect();
        settlements.sort_by(|a, b| {
            by_settlement[b]
                .cmp(&by_settlement[a])
                .then(a.is_empty().cmp(&b.is_empty()))
                .then_with(|| super::kk_collate(a, b))
        });
        let mut topics: Vec<(String, String, String)> = profile
            .topics
            .iter()
            .map(|l| (l.code.clone(), l.kk.clone(), l.ru.clone()))
            .collect();
        let mut unknown: Vec<&String> = cells.keys().map(|(tp, _)| tp).collect();
        unknown.sort();
        unknown.dedup();
        for code in unknown {
            if !topics.iter().any(|x| &x.0 == code) {
                // "" (not stated) is worded by docs::report::label.
                topics.push((code.clone(), code.clone(), code.clone()));
            }
        }
        let rows = topics
            .into_iter()
            .map(|(code, kk, ru)| {
                let counts: Vec<i64> = settlements
                    .iter()
                    .map(|st| cells.get(&(code.clone(), st.clone())).copied().unwrap_or(0))
                    .collect();
                (code, kk, ru, counts)
            })
            .filter(|r| r.3.iter().any(|n| *n > 0))
            .collect();
        Ok(ReceptionFigures {
            per_official,
            by_format,
            refused,
            returned,
            redirected,
            participation_refusals,
            topic_settlement: TopicSettlement { settlements, rows },
        })
    }
}

/// Lines for every known code in order, then unknown codes found, then "" if found.
fn coded_lines(
    known: impl IntoIterator<Item = (String, String, String)>,
    cur: &BTreeMap<String, i64>,
    prev: &BTreeMap<String, i64>,
) -> Vec<Line> {
    let mut out: Vec<Line> = known
        .into_iter()
        .map(|(code, kk, ru)| Line {
            count: cur.get(&code).copied().unwrap_or(0),
            prev: prev.get(&code).copied().unwrap_or(0),
            code,
            kk,
            ru,
        })
        .collect();
    let mut extra: Vec<&String> = cur.keys().chain(prev.keys()).collect();
    extra.sort();
    extra.dedup();
    extra.sort_by_key(|c| c.is_empty());
    for code in extra {
        if out.iter().any(|l| &l.code == code) {
            continue;
        }
        let (kk, ru) = if code.is_empty() {
            (String::new(), String::new())
        } else {
            (code.clone(), code.clone())
        };
        out.push(Line {
            code: code.clone(),
            kk,
            ru,
            count: cur.get(code).copied().unwrap_or(0),
            prev: prev.get(code).copied().unwrap_or(0),
        });
    }
    out
}

/// Lines for free codes (settlements, officials): largest count first, then by
/// label ([`sort_free_lines`]; labels still empty are sorted again once worded).
fn free_lines(
    cur: &BTreeMap<String, i64>,
    prev: &BTreeMap<String, i64>,
    label: impl Fn(&str) -> (String, String),
) -> Vec<Line> {
    let mut codes: Vec<&String> = cur.keys().chain(prev.keys()).collect();
    codes.sort();
    codes.dedup();
    let mut out: Vec<Line> = codes
        .into_iter()
        .map(|code| {
            let (kk, ru) = label(code);
            Line {
                code: code.clone(),
                kk,
                ru,
                count: cur.get(code).copied().unwrap_or(0),
                prev: prev.get(code).copied().unwrap_or(0),
            }
        })
        .collect();
    sort_free_lines(&mut out);
    out
}

/// Largest count first, then the larger count a year before, then by the Russian
/// label in Kazakh alphabetical order.
pub fn sort_free_lines(lines: &mut [Line]) {
    lines.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.prev.cmp(&a.prev))
            .then_with(|| super::kk_collate(&a.ru, &b.ru))
    });
}

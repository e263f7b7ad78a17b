//! One appeal: all its fields, protocols with instructions, and its history.
use crate::domain::text::display;
use crate::domain::{Appeal, Protocol};
use crate::i18n::ui::{appeal_status, channel, Msg};
use crate::store::{Store, StoreError};
use crate::ui::app::App;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

#[derive(Clone, Debug)]
pub struct CardView {
    pub appeal: Appeal,
    pub protocols: Vec<Protocol>,
    pub events: Vec<crate::store::AppealEvent>,
    pub registered_by: Option<String>,
    pub registered_by_position: (String, String),
    pub ticket: Option<u32>,
    /// The appeal's rows of the audit trail: who did what and when.
    pub audit: Vec<crate::store::AuditEntry>,
    pub next_due: Option<(
        Option<crate::domain::lifecycle::NextAction>,
        chrono::NaiveDate,
    )>,
}

impl CardView {
    pub fn load(store: &Store, id: i64) -> Result<CardView, StoreError> {
        let appeal = store.appeal(id)?;
        let protocols = store.protocols_of(id)?;
        let events = store.appeal_events(id)?;
        let op = appeal.registered_by.and_then(|o| store.operator(o).ok());
        let ticket = store
            .queue_of(appeal.registered_at.date())?
            .into_iter()
            .find(|e| e.appeal_id == id)
            .map(|e| e.ticket);
        let next_due = store.next_due_of(id)?;
        let audit = store.audit_of("appeal", id)?;
        Ok(CardView {
            audit,
            next_due,
            registered_by: op.as_ref().map(|o| o.full_name.clone()),
            registered_by_position: op
                .map(|o| (o.position_kk, o.position_ru))
                .unwrap_or_default(),
            appeal,
            protocols,
            events,
            ticket,
        })
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let Some(c) = &app.card else { return };
    let a = &c.appeal;
    let p = &a.applicant;
    let [top, rest] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(3)]).areas(area);
    let mut lines = vec![
        Line::styled(
            format!(
                "{}  {}  {}",
                a.reg_no,
                a.registered_on.format("%d.%m.%Y"),
                channel(lang, a.channel)
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::from(format!(
            "{}: {}",
            Msg::ColName.text(lang),
            display(&p.full_name())
        )),
        Line::from(format!(
            "{}: {}   {}: {}",
            Msg::ColIin.text(lang),
            display(&p.iin),
            Msg::ColPhone.text(lang),
            display(&p.phone)
        )),
    ];
    if !p.org_name.is_empty() {
        lines.push(Line::from(format!(
            "{}: {} ({} {})",
            Msg::FieldOrgName.text(lang),
            display(&p.org_name),
            Msg::FieldBin.text(lang),
            p.bin
        )));
    }
    if let Some(cat) = p.category.as_deref().and_then(|c| app.profile.category(c)) {
        lines.push(Line::from(format!(
            "{}: {}",
            Msg::FieldCategory.text(lang),
            cat.label(lang)
        )));
    }
    let topic = app
        .profile
        .topic(&a.topic)
        .map(|t| t.label(lang))
        .unwrap_or("");
    lines.push(Line::from(format!(
        "{}: {}   {}: {}",
        Msg::ColTopic.text(lang),
        topic,
        Msg::FieldSettlement.text(lang),
        display(&a.settlement)
    )));
    let outcome = a
        .outcome
        .as_deref()
        .and_then(|o| app.profile.outcome(o))
        .map(|o| o.label(lang))
        .unwrap_or("");
    lines.push(Line::from(format!(
        "{}: {}   {}: {}{}",
        Msg::Status.text(lang),
        appeal_status(lang, &a.status),
        Msg::Outcome.text(lang),
        outcome,
        if a.from_personal_reception {
            format!("   [{}]", Msg::FromReceptionMark.text(lang))
        } else {
            String::new()
        }
    )));
    if let Some((action, due)) = c.next_due {
        let state = crate::domain::deadlines::due_state(
            due,
            app.now().date(),
            &app.calendar,
            crate::domain::deadlines::SOON,
        );
        let style = match state {
            crate::domain::deadlines::DueState::Overdue(_) => Style::default()
                .fg(ratatui::style::Color::Red)
                .add_modifier(Modifier::BOLD),
            crate::domain::deadlines::DueState::DueToday
            | crate::domain::deadlines::DueState::DueSoon(_) => {
                Style::default().fg(ratatui::style::Color::Yellow)
            }
            _ => Style::default(),
        };
        lines.push(Line::styled(
            format!(
                "{}: {} {} ({})",
                Msg::NextDue.text(lang),
                action
                    .map(|a| crate::i18n::rules::next_action(lang, a))
                    .unwrap_or_default(),
                due.format("%d.%m.%Y"),
                crate::i18n::rules::due_state(lang, state)
            ),
            style,
        ));
    }
    if !a.national_reg_no.is_empty() {
        lines.push(Line::from(format!(
            "{}: {}",
            Msg::FieldNationalRegNo.text(lang),
            display(&a.national_reg_no)
        )));
    }
    lines.push(Line::from(format!(
        "{}: {}",
        Msg::Essence.text(lang),
        display(&a.essence)
    )));
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::ScreenCard.text(lang)),
        ),
        top,
    );
    let [prot, hist] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Min(10)]).areas(rest);
    let mut pl = Vec::new();
    for pr in &c.protocols {
        let who = app
            .officials
            .iter()
            .find(|o| o.id == pr.official_id)
            .map(|o| o.full_name())
            .unwrap_or_default();
        pl.push(Line::styled(
            format!(
                "{} {}: {}",
                pr.held_on.format("%d.%m.%Y"),
                display(&who),
                display(&pr.decision)
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        for i in &pr.instructions {
            pl.push(Line::from(format!(
                " - {} ({}, {} {})",
                display(&i.text),
                display(&i.executor),
                Msg::ColDue.text(lang),
                i.due_on.format("%d.%m.%Y")
            )));
        }
    }
    f.render_widget(
        Paragraph::new(pl).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::ProtocolsTitle.text(lang)),
        ),
        prot,
    );
    // The history is read from the audit trail (who, when, what), newest first.
    let hl: Vec<Line> = c
        .audit
        .iter()
        .rev()
        .map(|r| {
            let status = r
                .after
                .as_deref()
                .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                .and_then(|v| {
                    v.get("status")
                        .and_then(|s| s.as_str())
                        .map(|s| appeal_status(lang, s))
                });
            let what = match (r.action.as_str(), status) {
                ("status", Some(s)) => s,
                ("create", _) => appeal_status(lang, "registered"),
                (a, _) => a.to_string(),
            };
            Line::from(format!(
                "{} {} {}",
                r.at.format("%d.%m %H:%M"),
                display(r.actor.trim_start_matches("op:")),
                what
            ))
        })
        .collect();
    f.render_widget(
        Paragraph::new(hl).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::HistoryTitle.text(lang)),
        ),
        hist,
    );
}

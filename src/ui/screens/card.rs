//! One appeal: all its fields, protocols with instructions, and its history.
use crate::docs::talon::Talon;
use crate::domain::permissions::Permission;
use crate::domain::text::display;
use crate::domain::{Appeal, Protocol};
use crate::i18n::ui::{appeal_status, channel, Msg};
use crate::services::ServiceError;
use crate::store::{Store, StoreError};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::popup::Popup;
use crate::ui::screen::{Open, Outcome, Screen};
use crate::ui::screens::step::apply_step;
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
    /// The wording of an imported journal kept with the appeal: (field, text).
    pub originals: Vec<(String, String)>,
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
        let originals = store.appeal_originals(id)?;
        Ok(CardView {
            originals,
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

fn draw(c: &CardView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let [top, rest] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(3)]).areas(area);
    draw_fields(c, f, top, ctx);
    let [prot, hist] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Min(10)]).areas(rest);
    draw_protocols(c, f, prot, ctx);
    draw_history(c, f, hist, ctx.lang());
}

/// The appeal's fields and its next due action.
fn draw_fields(c: &CardView, f: &mut Frame, top: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let a = &c.appeal;
    let mut lines = applicant_lines(c, ctx);
    let topic = ctx
        .office
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
        .and_then(|o| ctx.office.profile.outcome(o))
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
        lines.push(next_due_line(action, due, ctx));
    }
    if let Some(line) = booking_line(a.id, ctx) {
        lines.push(line);
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
    // The journal's own words for the topic (kept as "other") and the result of an
    // appeal brought in finished; a category's wording is not shown (personal).
    let journal: Vec<String> = c
        .originals
        .iter()
        .filter_map(|(field, text)| {
            let label = match field.as_str() {
                "topic" => Msg::ColTopic,
                "outcome" => Msg::Outcome,
                _ => return None,
            };
            Some(format!("{}: «{}»", label.text(lang), display(text)))
        })
        .collect();
    if !journal.is_empty() {
        lines.push(Line::from(format!(
            "{}: {}",
            Msg::JournalWording.text(lang),
            journal.join("; ")
        )));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::ScreenCard.text(lang)),
        ),
        top,
    );
}

/// The protocols of the appeal's receptions with their instructions.
/// The appeal's booking in the reception schedule: day, slot, official, told.
fn booking_line(appeal_id: i64, ctx: &Ctx) -> Option<Line<'static>> {
    let b = ctx.store.booking_of_appeal(appeal_id).ok().flatten()?;
    let official = ctx
        .officials
        .iter()
        .find(|o| o.id == b.official_id)
        .map(|o| o.full_name())
        .unwrap_or_default();
    let told = if b.told_at.is_some() {
        Msg::Yes
    } else {
        Msg::No
    };
    Some(Line::from(format!(
        "{}: {} {}  {}  {}: {}",
        ctx.t(Msg::KeySchedule),
        crate::i18n::schedule::day_label(ctx.lang(), b.day),
        b.slot_time.format("%H:%M"),
        display(&official),
        ctx.t(Msg::ColTold),
        ctx.t(told)
    )))
}

fn draw_protocols(c: &CardView, f: &mut Frame, prot: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let mut pl = Vec::new();
    for pr in &c.protocols {
        let who = ctx
            .officials
            .iter()
            .find(|o| o.id == pr.official_id)
            .map(|o| o.full_name())
            .unwrap_or_default();
        pl.push(Line::styled(
            format!(
                "{} {}: {}",
                crate::domain::dates::format_date(pr.held_on),
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
                crate::domain::dates::format_date(i.due_on)
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
}

/// The history, read from the audit trail (who, when, what), newest first.
fn draw_history(c: &CardView, f: &mut Frame, hist: Rect, lang: crate::domain::Lang) {
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
    // A line longer than the pane ends with "…" at its display width.
    let hl = crate::ui::widgets::table::cut_lines(hl, hist.width.saturating_sub(2));
    f.render_widget(
        Paragraph::new(hl).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Msg::HistoryTitle.text(lang)),
        ),
        hist,
    );
}

/// The next due action with its urgency.
fn next_due_line(
    action: Option<crate::domain::lifecycle::NextAction>,
    due: chrono::NaiveDate,
    ctx: &Ctx,
) -> Line<'static> {
    let lang = ctx.lang();
    let state = crate::domain::deadlines::due_state(
        due,
        ctx.now().date(),
        &ctx.office.calendar,
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
    Line::styled(
        format!(
            "{}: {} {} ({})",
            Msg::NextDue.text(lang),
            action
                .map(|a| crate::i18n::rules::next_action(lang, a))
                .unwrap_or_default(),
            crate::domain::dates::format_date(due),
            crate::i18n::rules::due_state(lang, state)
        ),
        style,
    )
}

/// The card screen: the appeal last opened.
#[derive(Default)]
pub struct CardScreen {
    pub card: Option<CardView>,
}

impl CardScreen {
    /// Reads an appeal; viewing a full record with personal data is logged (Law
    /// 94-V), other roles see it masked.
    pub fn load(&mut self, ctx: &mut Ctx, appeal_id: i64) -> Result<(), StoreError> {
        let mut card = CardView::load(&ctx.store, appeal_id)?;
        let role = ctx.session.operator.role;
        if ctx.allows(Permission::ViewFullPersonalData) {
            let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
            ctx.store.log_access(
                &actor,
                now,
                crate::store::Access::View,
                "appeal",
                Some(appeal_id),
            )?;
        } else {
            let a = &mut card.appeal.applicant;
            a.iin = crate::domain::permissions::iin_for(role, &a.iin);
            a.phone = crate::domain::permissions::phone_for(role, &a.phone);
            a.address = String::new();
        }
        self.card = Some(card);
        Ok(())
    }

    /// Puts the appeal into today's queue of its requested official; a unit head
    /// (or another authorised official) receives a walk-in the same day only with
    /// the applicant's consent (001 §3): `consent` is the answer, `None` asks.
    fn queue_appeal(
        &mut self,
        ctx: &mut Ctx,
        consent: Option<bool>,
    ) -> Result<Outcome, StoreError> {
        let Some(a) = self.card.as_ref().map(|c| c.appeal.clone()) else {
            return Ok(Outcome::Stay);
        };
        let queued = ctx
            .store
            .queue_of(ctx.today())?
            .iter()
            .any(|e| e.appeal_id == a.id && !e.status.is_done());
        if queued {
            ctx.info(ctx.t(Msg::AlreadyQueued));
            return Ok(Outcome::Stay);
        }
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        let unit_head = a
            .requested_official
            .and_then(|id| ctx.officials.iter().find(|o| o.id == id))
            .filter(|o| crate::domain::schedule::needs_same_day_consent(o.category))
            .map(|o| (o.id, o.full_name()));
        let ticket = match (unit_head, consent) {
            (Some((_, official)), None) => return Ok(Outcome::Popup(Popup::SameDay { official })),
            (Some(_), Some(false)) => {
                ctx.info(ctx.t(Msg::SameDayNotQueued));
                return Ok(Outcome::Stay);
            }
            (Some((id, _)), Some(true)) => ctx.store.walk_in_for(&actor, now, a.id, id, true)?,
            (None, _) => ctx.store.enqueue_appeal(
                &actor,
                now,
                a.id,
                a.applicant.category.as_deref(),
                a.requested_official,
            )?,
        };
        ctx.changes.today = true;
        ctx.info(format!("{}{ticket}", ctx.t(Msg::Queued)));
        Ok(Outcome::Stay)
    }

    /// The talon of the appeal, written as a document and shown.
    fn print_talon(&self, ctx: &mut Ctx) -> Outcome {
        let Some(c) = &self.card else {
            return Outcome::Stay;
        };
        let talon = Talon {
            reg_no: c.appeal.reg_no.clone(),
            at: c.appeal.registered_at,
            receiver_name: c.registered_by.clone().unwrap_or_default(),
            receiver_position_kk: c.registered_by_position.0.clone(),
            receiver_position_ru: c.registered_by_position.1.clone(),
            ticket: c.ticket,
            applicant_short: c.appeal.applicant.short_name(),
            office_kk: ctx.office_name(crate::domain::Lang::Kk),
            office_ru: ctx.office_name(crate::domain::Lang::Ru),
        };
        let name = format!("talon-{}.html", talon.reg_no);
        let Some(path) = ctx.write_document(&name, crate::docs::talon::html(&talon)) else {
            return Outcome::Stay;
        };
        ctx.print(&path, Some(&talon), "talon", Some(c.appeal.id));
        Outcome::Popup(Popup::Talon {
            talon,
            saved_to: Some(path),
            appeal: Some(c.appeal.id),
        })
    }

    fn print_protocol(&self, ctx: &mut Ctx) {
        let Some(card) = &self.card else { return };
        let Some(p) = card.protocols.last() else {
            ctx.info(ctx.t(Msg::NoProtocol));
            return;
        };
        let html = crate::docs::protocol::html(&crate::docs::protocol::ProtocolDoc {
            office_kk: &ctx.office_name(crate::domain::Lang::Kk),
            office_ru: &ctx.office_name(crate::domain::Lang::Ru),
            appeal: &card.appeal,
            protocol: p,
            official: ctx.officials.iter().find(|o| o.id == p.official_id),
            profile: &ctx.office.profile,
        });
        let name = format!("protocol-{}-{}.html", card.appeal.reg_no, p.id);
        if let Some(path) = ctx.write_document(&name, &html) {
            ctx.print(&path, None, "appeal", Some(card.appeal.id));
        }
    }

    fn step_menu(&self, ctx: &mut Ctx) -> Outcome {
        let Some(card) = &self.card else {
            return Outcome::Stay;
        };
        // The steps the office's regulation allows now (an oblast-2025 office also
        // sees the notice of inclusion).
        let steps = match crate::services::lifecycle::available_steps(
            &ctx.store,
            &ctx.office,
            card.appeal.id,
        ) {
            Ok(s) => s,
            Err(e) => {
                ctx.service_error(&e);
                return Outcome::Stay;
            }
        };
        if steps.is_empty() {
            ctx.info(ctx.t(Msg::NoSteps));
            Outcome::Stay
        } else {
            Outcome::Popup(Popup::Steps { steps, selected: 0 })
        }
    }
}

impl Screen for CardScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Card
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(appeal) = self.card.as_ref().map(|c| c.appeal.clone()) else {
            return Ok(Outcome::Pass(action));
        };
        Ok(match action {
            Action::EditAppeal => Outcome::Open(Open::EditAppeal(Box::new(appeal))),
            Action::QueueAppeal => self.queue_appeal(ctx, None)?,
            Action::SameDayConsent(yes) => self.queue_appeal(ctx, Some(yes))?,
            Action::ReceptionForAppeal => Outcome::Open(Open::Reception {
                appeal: appeal.id,
                official: appeal.requested_official,
            }),
            Action::PrintTalon => self.print_talon(ctx),
            Action::PrintProtocol => {
                self.print_protocol(ctx);
                Outcome::Stay
            }
            Action::StepMenu => self.step_menu(ctx),
            Action::WriteLetter => Outcome::Open(Open::Letter(appeal.id)),
            Action::ChooseStep(step) => match step.without_facts() {
                Some(t) => Outcome::Popup(Popup::Confirm {
                    text: Msg::ConfirmStep,
                    yes: Action::ApplyStep(t),
                }),
                None => Outcome::Open(Open::Step(step, Box::new(appeal))),
            },
            Action::ApplyStep(t) => {
                if apply_step(ctx, &appeal, &t)? {
                    Outcome::Open(Open::Card(appeal.id))
                } else {
                    Outcome::Stay
                }
            }
            other => Outcome::Pass(other),
        })
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        if let Some(c) = &self.card {
            draw(c, f, area, ctx)
        }
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Appeals)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        match action {
            Action::EditAppeal
            | Action::StepMenu
            | Action::ChooseStep(_)
            | Action::ApplyStep(_) => Some(Permission::EditAppeal),
            Action::QueueAppeal | Action::SameDayConsent(_) => Some(Permission::ManageQueue),
            Action::ReceptionForAppeal => Some(Permission::RecordProtocol),
            _ => None,
        }
    }

    fn open(&mut self, what: Open, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        match what {
            Open::Card(id) => {
                self.load(ctx, id)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

/// The registration line and the applicant's lines of the card.
fn applicant_lines(c: &CardView, ctx: &Ctx) -> Vec<Line<'static>> {
    let lang = ctx.lang();
    let a = &c.appeal;
    let p = &a.applicant;
    let mut lines = vec![
        Line::styled(
            format!(
                "{}  {}  {}",
                a.reg_no,
                crate::domain::dates::format_date(a.registered_on),
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
    if let Some(cat) = p
        .category
        .as_deref()
        .and_then(|c| ctx.office.profile.category(c))
    {
        lines.push(Line::from(format!(
            "{}: {}",
            Msg::FieldCategory.text(lang),
            cat.label(lang)
        )));
    }
    lines
}

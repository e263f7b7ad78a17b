//! Operators of the desk (the administrator's screen): who may log in and with
//! which role; add, edit, set a new password, deactivate and reactivate. The
//! form's checks are also those of the first-run administrator.
use crate::domain::permissions::Permission;
use crate::domain::text::{self, display, limits};
use crate::domain::{Lang, Operator, Role};
use crate::i18n::ui::Msg;
use crate::services::ServiceError;
use crate::store::{Account, Store, StoreError};
use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::popup::Popup;
use crate::ui::screen::{move_delta, Open, Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crate::ui::widgets::table;
use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Row, Table, TableState};
use ratatui::Frame;

/// The list of operators.
#[derive(Default)]
pub struct OperatorsView {
    pub list: Vec<Account>,
    pub state: TableState,
    /// The operators whose password an administrator set (to be changed at
    /// their next login).
    pub temporary: std::collections::HashSet<i64>,
}

/// The fields of an operator form (also the login and first-run forms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperatorField {
    FullName,
    PositionKk,
    PositionRu,
    Login,
    Role,
    Password,
    Password2,
}

/// The form of one operator (new or edited).
#[derive(Default)]
pub struct OperatorForm {
    pub form: Form<OperatorField>,
    /// The operator being edited; `None` means a new one.
    pub editing: Option<i64>,
}

/// What the operator form holds once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperatorInput {
    pub full_name: String,
    pub position_kk: String,
    pub position_ru: String,
    pub login: String,
    pub role: Role,
    /// A new password; `None` when the fields were left empty while editing.
    pub password: Option<String>,
}

/// Label of a role.
pub fn role_label(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Admin => Msg::RoleAdmin,
        Role::Clerk => Msg::RoleClerk,
        Role::Control => Msg::RoleControl,
        Role::Viewer => Msg::RoleViewer,
    }
    .text(lang)
}

/// A login: 3-32 Latin letters, digits, '.', '_' or '-'.
pub fn login_ok(login: &str) -> bool {
    (3..=32).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

/// Checks the fields of an operator form (`full_name`, `position_kk`,
/// `position_ru`, `login`, `password`, `password2`, and `role` when the form has
/// one); errors go next to the fields. The password is required when
/// `password_required`, else it may stay empty (unchanged).
pub fn check_operator_form(
    f: &mut Form<OperatorField>,
    lang: Lang,
    password_required: bool,
) -> Option<OperatorInput> {
    f.clear_errors();
    let mut errors: Vec<(OperatorField, String)> = Vec::new();
    let line = |id: OperatorField, required: bool, errors: &mut Vec<_>| -> String {
        match text::clean_line(&f.text(id), limits::SHORT) {
            Ok(v) if v.is_empty() && required => {
                errors.push((id, Msg::ErrRequired.text(lang).to_string()));
                v
            }
            Ok(v) => v,
            Err(e) => {
                errors.push((
                    id,
                    crate::i18n::ui::problem(lang, crate::domain::register::Problem::Text(e)),
                ));
                String::new()
            }
        }
    };
    let full_name = line(OperatorField::FullName, true, &mut errors);
    let position_kk = line(OperatorField::PositionKk, false, &mut errors);
    let position_ru = line(OperatorField::PositionRu, false, &mut errors);
    let login = f.text(OperatorField::Login).trim().to_string();
    if !login_ok(&login) {
        errors.push((OperatorField::Login, Msg::ErrLoginTaken.text(lang).into()));
    }
    let (password, again) = (
        f.text(OperatorField::Password),
        f.text(OperatorField::Password2),
    );
    let password = if password.is_empty() && again.is_empty() && !password_required {
        None
    } else {
        match crate::auth::check_new_password(&login, &password) {
            Err(crate::auth::PasswordError::TooShort) => errors.push((
                OperatorField::Password,
                Msg::ErrPasswordShort.text(lang).into(),
            )),
            Err(crate::auth::PasswordError::SameAsLogin) => errors.push((
                OperatorField::Password,
                Msg::ErrPasswordSame.text(lang).into(),
            )),
            Ok(()) if password != again => errors.push((
                OperatorField::Password2,
                Msg::ErrPasswordMismatch.text(lang).into(),
            )),
            Ok(()) => {}
        }
        Some(password)
    };
    let role = if f.has(OperatorField::Role) {
        Role::from_code(&f.choice(OperatorField::Role)).unwrap_or(Role::Viewer)
    } else {
        Role::Admin
    };
    if !errors.is_empty() {
        for (id, m) in errors {
            f.set_error(id, m);
        }
        f.focus_first_error();
        return None;
    }
    Some(OperatorInput {
        full_name,
        position_kk,
        position_ru,
        login,
        role,
        password,
    })
}

/// The password fields of an operator form.
pub fn password_fields() -> [Field<OperatorField>; 2] {
    let mut pw = Field::text(OperatorField::Password, Msg::FieldPassword);
    pw.secret = true;
    let mut pw2 = Field::text(OperatorField::Password2, Msg::FieldPasswordAgain);
    pw2.secret = true;
    [pw, pw2]
}

impl OperatorsView {
    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        self.list = store.accounts()?;
        self.temporary.clear();
        for a in &self.list {
            if store.must_change_password(a.operator.id)? {
                self.temporary.insert(a.operator.id);
            }
        }
        table::clamp(&mut self.state, self.list.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&Account> {
        self.state.selected().and_then(|i| self.list.get(i))
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.list.len(), delta);
    }
}

impl OperatorForm {
    /// Opens the form, filled from `a` (its login fixed, the password fields
    /// empty: typed only to set a new one) or empty for a new operator.
    pub fn open_form(&mut self, a: Option<&Account>) {
        let roles = Role::ALL
            .iter()
            .map(|r| {
                (
                    r.code().to_string(),
                    role_label(Lang::Kk, *r).to_string(),
                    role_label(Lang::Ru, *r).to_string(),
                )
            })
            .collect();
        let [pw, pw2] = password_fields();
        let mut f = Form::new(vec![
            Field::text(OperatorField::FullName, Msg::FieldFullName),
            Field::text(OperatorField::PositionKk, Msg::FieldPositionKk),
            Field::text(OperatorField::PositionRu, Msg::FieldPositionRu),
            Field::text(OperatorField::Login, Msg::FieldLogin),
            Field::choice(OperatorField::Role, Msg::FieldRole, roles),
            pw,
            pw2,
        ]);
        match a {
            Some(a) => {
                let o = &a.operator;
                f.set_text(OperatorField::FullName, &o.full_name);
                f.set_text(OperatorField::PositionKk, &o.position_kk);
                f.set_text(OperatorField::PositionRu, &o.position_ru);
                f.set_text(OperatorField::Login, &o.login);
                // The login is how the audit trail names the operator: it stays.
                f.hide(OperatorField::Login);
                f.set_choice(OperatorField::Role, o.role.code());
            }
            None => f.set_choice(OperatorField::Role, Role::Clerk.code()),
        }
        f.dirty = false;
        self.editing = a.map(|a| a.operator.id);
        self.form = f;
    }
}

/// The state of an account as the list shows it (`temporary`: its password
/// was set by an administrator).
fn state_label(lang: Lang, a: &Account, now: NaiveDateTime, temporary: bool) -> String {
    if !a.active {
        Msg::AccountInactive.text(lang).to_string()
    } else if let Some(u) = a.locked_until.filter(|u| *u > now) {
        format!(
            "{} {}",
            Msg::AccountLocked.text(lang),
            u.format("%d.%m %H:%M")
        )
    } else if a.no_password {
        Msg::AccountNoPassword.text(lang).to_string()
    } else if temporary {
        Msg::AccountTemporaryPassword.text(lang).to_string()
    } else {
        Msg::AccountActive.text(lang).to_string()
    }
}

fn draw_list(v: &mut OperatorsView, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let now = ctx.now();
    let me = ctx.session.operator.id;
    let rows = v.list.iter().map(|a| {
        let style = if a.active {
            Style::default()
        } else {
            Style::default().fg(Color::DarkGray)
        };
        let mut name = display(&a.operator.full_name).into_owned();
        if a.operator.id == me {
            name.push_str(" *");
        }
        Row::new(vec![
            display(&a.operator.login).into_owned(),
            name,
            role_label(lang, a.operator.role).to_string(),
            state_label(lang, a, now, v.temporary.contains(&a.operator.id)),
        ])
        .style(style)
    });
    let t = Table::new(
        rows,
        [
            Constraint::Length(16),
            Constraint::Min(20),
            Constraint::Length(20),
            Constraint::Length(22),
        ],
    )
    .header(
        Row::new(vec![
            Msg::FieldLogin.text(lang),
            Msg::FieldFullName.text(lang),
            Msg::FieldRole.text(lang),
            Msg::ColState.text(lang),
        ])
        .style(Style::default().add_modifier(Modifier::UNDERLINED)),
    )
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(Msg::ScreenOperators.text(lang)),
    );
    f.render_stateful_widget(t, area, &mut v.state);
}

fn draw_form(v: &OperatorForm, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let lang = ctx.lang();
    let title = if v.editing.is_some() {
        format!(
            "{}: {}",
            Msg::OperatorEditTitle.text(lang),
            display(&v.form.text(OperatorField::Login))
        )
    } else {
        Msg::OperatorNewTitle.text(lang).to_string()
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    v.form.draw(f, inner, lang);
}

/// The operator to store from checked input (`id` 0 for a new one).
pub fn operator_of(id: i64, i: &OperatorInput) -> Operator {
    Operator {
        id,
        login: i.login.clone(),
        full_name: i.full_name.clone(),
        position_kk: i.position_kk.clone(),
        position_ru: i.position_ru.clone(),
        role: i.role,
    }
}

impl OperatorsView {
    /// Asks before deactivating the selected operator; reactivates at once.
    fn toggle_active(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let Some(a) = self.selected().cloned() else {
            return Ok(Outcome::Stay);
        };
        if a.active {
            if a.operator.id == ctx.session.operator.id {
                ctx.error(ctx.t(Msg::ErrSelf));
                return Ok(Outcome::Stay);
            }
            return Ok(Outcome::Popup(Popup::Confirm {
                text: Msg::ConfirmDeactivate,
                yes: Action::DeactivateNow(a.operator.id),
            }));
        }
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        ctx.store
            .set_operator_active(&actor, now, a.operator.id, true)?;
        self.refresh(&ctx.store)?;
        ctx.info(ctx.t(Msg::OperatorReactivated));
        Ok(Outcome::Stay)
    }

    fn deactivate(&mut self, ctx: &mut Ctx, id: i64) -> Result<(), StoreError> {
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        match ctx.store.set_operator_active(&actor, now, id, false) {
            Err(StoreError::Invalid(m)) if m == crate::store::LAST_ADMIN => {
                ctx.error(ctx.t(Msg::ErrLastAdmin))
            }
            Err(e) => return Err(e),
            Ok(()) => {
                self.refresh(&ctx.store)?;
                ctx.info(ctx.t(Msg::OperatorDeactivated));
            }
        }
        Ok(())
    }
}

impl Screen for OperatorsView {
    fn id(&self) -> ScreenId {
        ScreenId::Operators
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        if let Some(d) = move_delta(&action) {
            self.step(d);
            return Ok(Outcome::Stay);
        }
        Ok(match action {
            Action::OpenSelected => match self.selected() {
                Some(a) => Outcome::Open(Open::OperatorForm(Some(Box::new(a.clone())))),
                None => Outcome::Stay,
            },
            Action::AddNew => Outcome::Open(Open::OperatorForm(None)),
            Action::ToggleActive => self.toggle_active(ctx)?,
            Action::DeactivateNow(id) => {
                self.deactivate(ctx, id)?;
                Outcome::Stay
            }
            other => Outcome::Pass(other),
        })
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_list(self, f, area, ctx)
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Officials)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        matches!(
            action,
            Action::OpenSelected | Action::AddNew | Action::ToggleActive | Action::DeactivateNow(_)
        )
        .then_some(Permission::ManageOperators)
    }

    fn enter(&mut self, _from: ScreenId, ctx: &mut Ctx) -> Result<bool, ServiceError> {
        self.refresh(&ctx.store)?;
        Ok(true)
    }
}

impl OperatorForm {
    /// Refuses the form with a message next to `field`.
    fn refuse(&mut self, ctx: &mut Ctx, field: OperatorField, m: Msg) -> Outcome {
        self.form.set_error(field, ctx.t(m).into());
        self.form.focus_first_error();
        ctx.error(ctx.t(m));
        Outcome::Stay
    }

    fn save(&mut self, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        let editing = self.editing;
        let Some(input) = check_operator_form(&mut self.form, ctx.lang(), editing.is_none()) else {
            ctx.error(ctx.t(Msg::FormHasErrors));
            return Ok(Outcome::Stay);
        };
        let (actor, now) = (ctx.actor(), ctx.now_for_write()?);
        if editing.is_none() && ctx.store.operator_by_login(&input.login)?.is_some() {
            return Ok(self.refuse(ctx, OperatorField::Login, Msg::ErrLoginExists));
        }
        let hash = input.password.as_deref().map(crate::auth::hash_password);
        let op = operator_of(editing.unwrap_or(0), &input);
        // The record and a new password in one transaction.
        match crate::services::operators::save_operator(
            &mut ctx.store,
            &actor,
            now,
            &op,
            hash.as_deref(),
        ) {
            Err(StoreError::Invalid(m)) if m == crate::store::LAST_ADMIN => {
                return Ok(self.refuse(ctx, OperatorField::Role, Msg::ErrLastAdmin));
            }
            r => r?,
        };
        if editing == Some(ctx.session.operator.id) {
            ctx.session.operator = ctx.store.operator(op.id)?;
        }
        self.form.dirty = false;
        ctx.info(ctx.t(Msg::Saved));
        // An admin who gave up their own admin role cannot manage operators any more.
        Ok(Outcome::Go(if ctx.allows(Permission::ManageOperators) {
            ScreenId::Operators
        } else {
            ScreenId::Today
        }))
    }
}

impl Screen for OperatorForm {
    fn id(&self) -> ScreenId {
        ScreenId::OperatorForm
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        match action {
            Action::Save => return self.save(ctx),
            Action::NextField => self.form.next(),
            Action::PrevField => self.form.prev(),
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn input(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Result<(), ServiceError> {
        self.form.input(key);
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw_form(self, f, area, ctx)
    }

    fn has_unsaved(&self) -> bool {
        self.form.dirty
    }

    fn discard(&mut self, _ctx: &Ctx) {
        self.form.dirty = false;
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Operators)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        (*action == Action::Save).then_some(Permission::ManageOperators)
    }

    fn open(&mut self, what: Open, _from: ScreenId, _ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let Open::OperatorForm(a) = what else {
            return Ok(false);
        };
        self.open_form(a.as_deref());
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}

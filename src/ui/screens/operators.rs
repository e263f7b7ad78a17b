//! Operators of the desk (the administrator's screen): who may log in and with
//! which role; add, edit, set a new password, deactivate and reactivate. The
//! form's checks are also those of the first-run administrator.
use crate::domain::text::{self, display, limits};
use crate::domain::{Lang, Operator, Role};
use crate::i18n::ui::Msg;
use crate::store::{Account, Store, StoreError};
use crate::ui::app::App;
use crate::ui::widgets::form::{Field, Form};
use crate::ui::widgets::table;
use chrono::NaiveDateTime;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Row, Table, TableState};
use ratatui::Frame;

#[derive(Default)]
pub struct OperatorsView {
    pub list: Vec<Account>,
    pub state: TableState,
    pub form: Form,
    /// The operator being edited; `None` with an open form means a new one.
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
    f: &mut Form,
    lang: Lang,
    password_required: bool,
) -> Option<OperatorInput> {
    f.clear_errors();
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    let line = |id: &'static str, required: bool, errors: &mut Vec<_>| -> String {
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
    let full_name = line("full_name", true, &mut errors);
    let position_kk = line("position_kk", false, &mut errors);
    let position_ru = line("position_ru", false, &mut errors);
    let login = f.text("login").trim().to_string();
    if !login_ok(&login) {
        errors.push(("login", Msg::ErrLoginTaken.text(lang).into()));
    }
    let (password, again) = (f.text("password"), f.text("password2"));
    let password = if password.is_empty() && again.is_empty() && !password_required {
        None
    } else {
        match crate::auth::check_new_password(&login, &password) {
            Err(crate::auth::PasswordError::TooShort) => {
                errors.push(("password", Msg::ErrPasswordShort.text(lang).into()))
            }
            Err(crate::auth::PasswordError::SameAsLogin) => {
                errors.push(("password", Msg::ErrPasswordSame.text(lang).into()))
            }
            Ok(()) if password != again => {
                errors.push(("password2", Msg::ErrPasswordMismatch.text(lang).into()))
            }
            Ok(()) => {}
        }
        Some(password)
    };
    let role = if f.has("role") {
        Role::from_code(&f.choice("role")).unwrap_or(Role::Viewer)
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
pub fn password_fields() -> [Field; 2] {
    let mut pw = Field::text("password", Msg::FieldPassword);
    pw.secret = true;
    let mut pw2 = Field::text("password2", Msg::FieldPasswordAgain);
    pw2.secret = true;
    [pw, pw2]
}

impl OperatorsView {
    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        self.list = store.accounts()?;
        table::clamp(&mut self.state, self.list.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&Account> {
        self.state.selected().and_then(|i| self.list.get(i))
    }

    pub fn step(&mut self, delta: isize) {
        table::step(&mut self.state, self.list.len(), delta);
    }

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
            Field::text("full_name", Msg::FieldFullName),
            Field::text("position_kk", Msg::FieldPositionKk),
            Field::text("position_ru", Msg::FieldPositionRu),
            Field::text("login", Msg::FieldLogin),
            Field::choice("role", Msg::FieldRole, roles),
            pw,
            pw2,
        ]);
        match a {
            Some(a) => {
                let o = &a.operator;
                f.set_text("full_name", &o.full_name);
                f.set_text("position_kk", &o.position_kk);
                f.set_text("position_ru", &o.position_ru);
                f.set_text("login", &o.login);
                // The login is how the audit trail names the operator: it stays.
                f.hide("login");
                f.set_choice("role", o.role.code());
            }
            None => f.set_choice("role", Role::Clerk.code()),
        }
        f.dirty = false;
        self.editing = a.map(|a| a.operator.id);
        self.form = f;
    }
}

/// The state of an account as the list shows it.
fn state_label(lang: Lang, a: &Account, now: NaiveDateTime) -> String {
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
    } else {
        Msg::AccountActive.text(lang).to_string()
    }
}

pub fn draw_list(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let now = app.now();
    let me = app.operator.id;
    let v = &mut app.operators_view;
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
            state_label(lang, a, now),
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

pub fn draw_form(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let v = &app.operators_view;
    let title = if v.editing.is_some() {
        format!(
            "{}: {}",
            Msg::OperatorEditTitle.text(lang),
            display(&v.form.text("login"))
        )
    } else {
        Msg::OperatorNewTitle.text(lang).to_string()
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    app.operators_view.form.draw(f, inner, lang);
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

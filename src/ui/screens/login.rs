//! The login (and, on the first run, the creation of the administrator), and the
//! screen lock after an idle period.
use crate::i18n::ui::Msg;
use crate::ui::app::App;
use crate::ui::widgets::form::{Field, Form};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Login,
    /// No operator yet: create the administrator.
    FirstAdmin,
    /// Logged in with a password someone else set (an administrator, `operator
    /// reset`): a new one of the operator's own before anything else.
    ChangePassword,
}

#[derive(Default)]
pub struct LoginView {
    pub mode: Mode,
    pub form: Form,
}

impl LoginView {
    pub fn login(prefill: &str) -> LoginView {
        let mut pw = Field::text("password", Msg::FieldPassword);
        pw.secret = true;
        let mut form = Form::new(vec![Field::text("login", Msg::FieldLogin), pw]);
        form.set_text("login", prefill);
        form.focus_on(if prefill.is_empty() {
            "login"
        } else {
            "password"
        });
        form.dirty = false;
        LoginView {
            mode: Mode::Login,
            form,
        }
    }

    /// The new password of the operator who just logged in (typed twice).
    pub fn change_password() -> LoginView {
        let mut pw = Field::text("password", Msg::FieldPassword);
        pw.secret = true;
        let mut pw2 = Field::text("password2", Msg::FieldPasswordAgain);
        pw2.secret = true;
        LoginView {
            mode: Mode::ChangePassword,
            form: Form::new(vec![pw, pw2]),
        }
    }

    pub fn first_admin() -> LoginView {
        let mut pw = Field::text("password", Msg::FieldPassword);
        pw.secret = true;
        let mut pw2 = Field::text("password2", Msg::FieldPasswordAgain);
        pw2.secret = true;
        let form = Form::new(vec![
            Field::text("full_name", Msg::FieldFullName),
            Field::text("position_kk", Msg::FieldPositionKk),
            Field::text("position_ru", Msg::FieldPositionRu),
            Field::text("login", Msg::FieldLogin),
            pw,
            pw2,
        ]);
        LoginView {
            mode: Mode::FirstAdmin,
            form,
        }
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &mut App) {
    let lang = app.lang;
    let v = &mut app.login;
    let (title, hint) = match v.mode {
        Mode::Login => (Msg::LoginTitle, Msg::LoginHint),
        Mode::FirstAdmin => (Msg::FirstAdminTitle, Msg::FirstAdminHint),
        Mode::ChangePassword => (Msg::ChangePasswordTitle, Msg::ChangePasswordHint),
    };
    let w = area.width.min(76);
    let h = area.height.min(14);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title.text(lang));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(2)]).areas(inner);
    f.render_widget(
        Paragraph::new(hint.text(lang))
            .wrap(Wrap { trim: true })
            .style(Style::default().add_modifier(Modifier::ITALIC)),
        head,
    );
    v.form.draw(f, body, lang);
}

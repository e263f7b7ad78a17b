//! Import of appeals from a file: a dry run first (nothing written), shown in a
//! popup; Y imports for real.
use crate::domain::permissions::Permission;
use crate::i18n::ui::Msg;
use crate::services::ServiceError;

use crate::ui::action::{Action, ScreenId};
use crate::ui::ctx::Ctx;
use crate::ui::popup::Popup;
use crate::ui::screen::{Outcome, Screen};
use crate::ui::widgets::form::{Field, Form};
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use std::path::{Path, PathBuf};

/// The fields of the import form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportField {
    Path,
}

#[derive(Default)]
pub struct ImportScreen {
    pub form: Form<ImportField>,
}

impl ImportScreen {
    /// Checks the file named in the form (a dry run: nothing is written) and shows
    /// what an import would do.
    fn check(&mut self, ctx: &mut Ctx) -> Outcome {
        let raw = self.form.text(ImportField::Path);
        let path = PathBuf::from(raw.trim());
        match run_import(ctx, &path, true) {
            Ok(r) => {
                let lines = r.lines();
                Outcome::Popup(if r.imported > 0 {
                    Popup::ImportPreview { lines, path }
                } else {
                    Popup::Message(lines.join("\n"))
                })
            }
            Err(e) => {
                self.form.set_error(ImportField::Path, e.clone());
                ctx.error(e);
                Outcome::Stay
            }
        }
    }

    fn import(&mut self, ctx: &mut Ctx, path: &Path) {
        match run_import(ctx, path, false) {
            Ok(r) => {
                ctx.changes.today = true;
                ctx.changes.appeals = true;
                ctx.info(format!("{} {}", ctx.t(Msg::ImportDone), r.imported));
            }
            Err(e) => ctx.error(e),
        }
    }
}

fn run_import(
    ctx: &mut Ctx,
    path: &Path,
    dry_run: bool,
) -> Result<crate::import::ImportReport, String> {
    let (actor, now) = (ctx.actor(), ctx.now());
    crate::import::import_file_as(
        &mut ctx.store,
        &ctx.office,
        &actor,
        path,
        dry_run,
        now,
        &mut |_, _| {},
    )
    .map_err(|e| e.to_string())
}

impl Screen for ImportScreen {
    fn id(&self) -> ScreenId {
        ScreenId::Import
    }

    fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Result<Outcome, ServiceError> {
        match action {
            Action::Save => return Ok(self.check(ctx)),
            Action::ImportNow(path) => self.import(ctx, &path),
            other => return Ok(Outcome::Pass(other)),
        }
        Ok(Outcome::Stay)
    }

    fn input(&mut self, key: &KeyEvent, _ctx: &mut Ctx) -> Result<(), ServiceError> {
        self.form.input(key);
        Ok(())
    }

    fn draw(&mut self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang();
        let [hint, rest] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
        f.render_widget(
            Paragraph::new(Msg::ImportHint.text(lang)).wrap(Wrap { trim: true }),
            hint,
        );
        self.form.draw(f, rest, lang);
    }

    fn back(&self) -> Outcome {
        Outcome::Go(ScreenId::Officials)
    }

    fn permission(&self, action: &Action) -> Option<Permission> {
        matches!(action, Action::ImportNow(_)).then_some(Permission::RegisterAppeal)
    }

    /// A fresh form that keeps the path typed last.
    fn enter(&mut self, _from: ScreenId, _ctx: &mut Ctx) -> Result<bool, ServiceError> {
        let keep = self.form.text(ImportField::Path);
        self.form = Form::new(vec![Field::text(ImportField::Path, Msg::FieldImportPath)]);
        self.form.set_text(ImportField::Path, &keep);
        Ok(true)
    }

    fn language_changed(&mut self, _ctx: &Ctx) {
        self.form.clear_errors();
    }
}

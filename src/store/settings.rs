//! Key-value settings of the office (language, office prefix, profile, ...).
use super::{Actor, Result, Store};
use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        key: &str,
        value: &str,
    ) -> Result<()> {
        let before = self.setting(key)?;
        if before.as_deref() == Some(value) {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        super::audit::record(
            &tx,
            actor,
            now,
            "update",
            &format!("setting:{key}"),
            None,
            before.map(serde_json::Value::String).as_ref(),
            Some(&serde_json::Value::String(value.to_string())),
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// The office's settings, typed, with their defaults in one place
/// ([`OfficeSettings::default`]). Stored as key-value rows; the keys are known here only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficeSettings {
    /// Registration-number prefix (`QBL-2026-000001`).
    pub prefix: String,
    /// The office's name in Kazakh and in Russian; empty: the generic name
    /// (`i18n::office_name`).
    pub name_kk: String,
    pub name_ru: String,
    /// The regulation profile; `None`: the shipped default.
    pub profile_id: Option<String>,
    /// The desk's language code chosen last (`kk`, `ru`); `None`: not chosen yet.
    pub ui_lang: Option<String>,
    /// How many years personal data is kept after an appeal is closed.
    pub retention_years: i32,
}

impl Default for OfficeSettings {
    fn default() -> Self {
        OfficeSettings {
            prefix: "QBL".into(),
            name_kk: String::new(),
            name_ru: String::new(),
            profile_id: None,
            ui_lang: None,
            retention_years: 5,
        }
    }
}

const PREFIX: &str = "office_prefix";
const NAME_KK: &str = "office_name_kk";
const NAME_RU: &str = "office_name_ru";
const PROFILE_ID: &str = "profile_id";
const UI_LANG: &str = "ui_lang";
const RETENTION_YEARS: &str = "retention_years";

impl Store {
    /// The office's settings; a setting not stored (or not valid) takes its default.
    pub fn office_settings(&self) -> Result<OfficeSettings> {
        let d = OfficeSettings::default();
        let text = |key: &str| -> Result<Option<String>> {
            Ok(self.setting(key)?.filter(|v| !v.trim().is_empty()))
        };
        Ok(OfficeSettings {
            prefix: text(PREFIX)?.unwrap_or(d.prefix),
            name_kk: text(NAME_KK)?.unwrap_or(d.name_kk),
            name_ru: text(NAME_RU)?.unwrap_or(d.name_ru),
            profile_id: text(PROFILE_ID)?,
            ui_lang: text(UI_LANG)?,
            retention_years: text(RETENTION_YEARS)?
                .and_then(|v| v.trim().parse().ok())
                .filter(|y: &i32| *y > 0)
                .unwrap_or(d.retention_years),
        })
    }

    /// Saves the settings that differ from the stored ones, in one transaction with
    /// one audit row per changed key. `None` values leave their key as it is.
    pub fn save_office_settings(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
        s: &OfficeSettings,
    ) -> Result<()> {
        let d = OfficeSettings::default();
        let (retention, default_retention) =
            (s.retention_years.to_string(), d.retention_years.to_string());
        // (key, value, the default a missing row reads as)
        let wanted: [(&str, Option<&str>, &str); 6] = [
            (PREFIX, Some(s.prefix.as_str()), d.prefix.as_str()),
            (NAME_KK, Some(s.name_kk.as_str()), ""),
            (NAME_RU, Some(s.name_ru.as_str()), ""),
            (PROFILE_ID, s.profile_id.as_deref(), ""),
            (UI_LANG, s.ui_lang.as_deref(), ""),
            (
                RETENTION_YEARS,
                Some(retention.as_str()),
                default_retention.as_str(),
            ),
        ];
        let tx = self.conn.transaction()?;
        for (key, value, default) in wanted {
            let Some(value) = value else { continue };
            let before: Option<String> = tx
                .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?;
            // Unchanged, or a missing row that already reads as this value.
            if before.as_deref() == Some(value) || (before.is_none() && value == default) {
                continue;
            }
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            super::audit::record(
                &tx,
                actor,
                now,
                "update",
                &format!("setting:{key}"),
                None,
                before.map(serde_json::Value::String).as_ref(),
                Some(&serde_json::Value::String(value.to_string())),
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

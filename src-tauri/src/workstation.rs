//! 本机设置: what belongs to this workstation rather than to the ledger. Before accounts (issue
//! 17) the window asked for an operator's name (操作人) and kept it here; it is still read, so a
//! ledger without accounts records the creation of its first 管理员 under that name, but the
//! window no longer asks for it: the signed-in account signs every change. It also remembers the
//! ledger the window opened last (设置 → 关于 → 打开其他台账 / 新建台账). Kept in a small JSON
//! file in the app's config folder (`GONGKAI_CONFIG_DIR` overrides it, as `GONGKAI_DB` does the
//! ledger).

use std::path::{Path, PathBuf};

use gongkai_core::AppError;
use serde::{Deserialize, Serialize};

const FILE: &str = "workstation.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    #[serde(default)]
    operator: Option<String>,
    /// The ledger the window opened last, when the clerk chose one in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_ledger: Option<PathBuf>,
}

fn load(dir: &Path) -> Option<Settings> {
    let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
    serde_json::from_str(&text)
        .map_err(|e| tracing::warn!(error = %e, "workstation settings unreadable, asking again"))
        .ok()
}

/// Writes `settings` whole (a temporary file renamed over the old one).
fn store(dir: &Path, settings: &Settings, what: &str) -> Result<(), AppError> {
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{FILE}.tmp"));
        let json = serde_json::to_string_pretty(settings).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, dir.join(FILE))
    };
    write().map_err(|e| {
        tracing::error!(error = %e, dir = %dir.display(), "cannot save workstation settings");
        AppError::internal(format!("无法保存本机设置（{what}），请检查用户配置文件夹是否可写"))
    })
}

/// The folder of this workstation's settings for the build's identifier.
pub fn config_dir(identifier: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os("GONGKAI_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::config_dir().unwrap_or_else(|| PathBuf::from(".")).join(identifier)
}

/// The stored operator, if one was entered and is still valid.
pub fn load_operator(dir: &Path) -> Option<String> {
    gongkai_ledger::audit::check_operator_name(load(dir)?.operator.as_deref()?).ok()
}

/// The ledger the window opened last, if it still exists.
pub fn last_ledger(dir: &Path) -> Option<PathBuf> {
    load(dir)?.last_ledger.filter(|p| p.is_file())
}

/// Remembers `path` as the ledger the window opens next time (unless `--db` or `GONGKAI_DB` names one).
pub fn save_last_ledger(dir: &Path, path: &Path) -> Result<(), AppError> {
    let mut settings = load(dir).unwrap_or_default();
    settings.last_ledger = Some(path.to_path_buf());
    store(dir, &settings, "上次打开的台账")
}

/// Where the window's ledger came from: which one wins, and what 设置 → 关于 says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerSource {
    /// `--db` on the command line or the `GONGKAI_DB` environment variable.
    Given,
    /// The one the window opened last (本机设置).
    Remembered,
    /// The app-data folder's `ledger.db`.
    Default,
    /// Opened or created from 设置 → 关于 in this session.
    Chosen,
}

impl LedgerSource {
    pub fn describe(self) -> &'static str {
        match self {
            LedgerSource::Given => "本次由启动参数 --db 或环境变量 GONGKAI_DB 指定",
            LedgerSource::Remembered => "上次在窗口中打开的台账（本机记住）",
            LedgerSource::Default => "默认位置（本机应用数据文件夹）",
            LedgerSource::Chosen => "本次在窗口中打开；下次启动仍打开它",
        }
    }
}

/// The window's ledger: `--db` / `GONGKAI_DB` first, else the one the window opened last (if it
/// still exists), else the default place.
pub fn window_ledger(given: Option<PathBuf>, config_dir: &Path, default: PathBuf) -> (PathBuf, LedgerSource) {
    if let Some(p) = given {
        return (p, LedgerSource::Given);
    }
    match last_ledger(config_dir) {
        Some(p) => (p, LedgerSource::Remembered),
        None => (default, LedgerSource::Default),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_is_read_when_valid() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("cfg");
        assert_eq!(load_operator(&sub), None, "a fresh workstation has no operator");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(FILE), r#"{"operator": "  王五 "}"#).unwrap();
        assert_eq!(load_operator(&sub).as_deref(), Some("王五"));
        for bad in ["", "   ", "系统", "张\\u0007三"] {
            std::fs::write(sub.join(FILE), format!(r#"{{"operator": "{bad}"}}"#)).unwrap();
            assert_eq!(load_operator(&sub), None, "{bad:?} is not a name");
        }
        std::fs::write(sub.join(FILE), "{ not json").unwrap();
        assert_eq!(load_operator(&sub), None, "a damaged file is ignored");
    }

    #[test]
    fn the_last_ledger_is_remembered_and_db_wins() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("cfg");
        let default = dir.path().join("default.db");
        let other = dir.path().join("其他台账.db");
        assert_eq!(window_ledger(None, &cfg, default.clone()), (default.clone(), LedgerSource::Default));
        std::fs::create_dir_all(&cfg).unwrap();
        std::fs::write(cfg.join(FILE), r#"{"operator": "王五"}"#).unwrap();
        save_last_ledger(&cfg, &other).unwrap();
        assert_eq!(window_ledger(None, &cfg, default.clone()), (default.clone(), LedgerSource::Default), "a remembered ledger that is gone is not opened (nor created)");
        std::fs::write(&other, b"").unwrap();
        assert_eq!(window_ledger(None, &cfg, default.clone()), (other.clone(), LedgerSource::Remembered));
        let given = dir.path().join("given.db");
        assert_eq!(window_ledger(Some(given.clone()), &cfg, default.clone()), (given, LedgerSource::Given), "--db / GONGKAI_DB keep priority");
        assert_eq!(load_operator(&cfg).as_deref(), Some("王五"), "remembering the ledger keeps the pre-accounts operator");
    }
}

//! 本机设置: what belongs to this workstation rather than to the ledger — the operator's name
//! (操作人) that the window records on every change. Kept in a small JSON file in the app's
//! config folder (`GONGKAI_CONFIG_DIR` overrides it, as `GONGKAI_DB` does the ledger).

use std::path::{Path, PathBuf};

use gongkai_core::AppError;
use serde::{Deserialize, Serialize};

const FILE: &str = "workstation.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    operator: Option<String>,
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
    let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
    let settings: Settings = serde_json::from_str(&text)
        .map_err(|e| tracing::warn!(error = %e, "workstation settings unreadable, asking again"))
        .ok()?;
    gongkai_ledger::audit::check_operator_name(settings.operator.as_deref()?).ok()
}

/// Checks and stores the operator's name; returns it as stored.
pub fn save_operator(dir: &Path, name: &str) -> Result<String, AppError> {
    let name = gongkai_ledger::audit::check_operator_name(name).map_err(|e| e.to_app_error())?;
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{FILE}.tmp"));
        let json = serde_json::to_string_pretty(&Settings { operator: Some(name.clone()) }).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, dir.join(FILE))
    };
    write().map_err(|e| {
        tracing::error!(error = %e, dir = %dir.display(), "cannot save workstation settings");
        AppError::internal("无法保存本机设置（操作人姓名），请检查用户配置文件夹是否可写")
    })?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_round_trip_and_refusals() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("cfg");
        assert_eq!(load_operator(&sub), None, "a fresh workstation has no operator");
        assert_eq!(save_operator(&sub, "  王五 ").unwrap(), "王五");
        assert_eq!(load_operator(&sub).as_deref(), Some("王五"));
        for bad in ["", "   ", "系统", "张\u{7}三"] {
            let e = save_operator(&sub, bad).unwrap_err();
            assert!(e.message.contains("操作人"), "{bad:?}: {}", e.message);
        }
        assert_eq!(load_operator(&sub).as_deref(), Some("王五"), "a refused name changes nothing");
        std::fs::write(sub.join(FILE), "{ not json").unwrap();
        assert_eq!(load_operator(&sub), None, "a damaged file means asking again");
    }
}

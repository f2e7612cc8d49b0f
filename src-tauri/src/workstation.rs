//! 本机设置: what belongs to this workstation rather than to the ledger. Before accounts (issue
//! 17) the window asked for an operator's name (操作人) and kept it here; it is still read, so a
//! ledger without accounts records the creation of its first 管理员 under that name, but the
//! window no longer asks for it: the signed-in account signs every change. Kept in a small JSON
//! file in the app's config folder (`GONGKAI_CONFIG_DIR` overrides it, as `GONGKAI_DB` does the
//! ledger).

use std::path::{Path, PathBuf};

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
}

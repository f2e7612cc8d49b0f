//! What 设置 shows about the ledger file itself.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Ledger, Result, LATEST_VERSION};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LedgerInfo {
    /// 台账文件路径
    pub path: String,
    /// Bytes of the main file plus its WAL.
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// 结构版本 recorded in the file.
    pub schema_version: u32,
    /// The newest schema this build knows.
    pub supported_version: u32,
    /// 程序版本
    pub app_version: String,
}

pub fn ledger_info(ledger: &Ledger, app_version: &str) -> Result<LedgerInfo> {
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let main = ledger.path();
    let mut wal = main.as_os_str().to_owned();
    wal.push("-wal");
    Ok(LedgerInfo {
        path: main.display().to_string(),
        size_bytes: size(main) + size(std::path::Path::new(&wal)),
        schema_version: ledger.schema_version()?,
        supported_version: LATEST_VERSION,
        app_version: app_version.to_string(),
    })
}

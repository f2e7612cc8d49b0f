//! What the window (`src-tauri`) and the command line (`gongkai-cli`) share beyond the ledger's
//! API: the annual report's export gate, preview and PDF body font (`report`), the body font's
//! candidates and checks (`fonts`), personal data leaving the ledger with its trace (`access`),
//! the private print folder (`print`), what 设置 → 关于 shows (`about`), and the TypeScript types of every IPC DTO (`bindings`).
//! It composes the ledger with the layout crates, which the ledger itself never depends on; it
//! knows nothing of windows, IPC or argument parsing.

pub mod about;
pub mod access;
pub mod bindings;
pub mod consolidation;
pub mod fonts;
pub mod print;
pub mod report;

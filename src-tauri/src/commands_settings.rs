//! IPC for 设置: the ledger's identity (机关名称, 部门) and the working-day calendar. DTO in, one
//! ledger call, DTO out; errors cross as `{code, message}`.

use gongkai_ledger::calendar::{self, CalendarEntryInput, CalendarRow, CalendarSource, DueResult};
use gongkai_ledger::info::{self, LedgerInfo};
use gongkai_ledger::settings::{self, OrganSettings};
use tauri::State;

use crate::state::{LedgerState, Res};


#[tauri::command(async)]
pub fn ledger_info(state: State<'_, LedgerState>) -> Res<LedgerInfo> {
    state.with(|l| info::ledger_info(l, env!("CARGO_PKG_VERSION")))
}

#[tauri::command(async)]
pub fn organ_settings(state: State<'_, LedgerState>) -> Res<OrganSettings> {
    state.with(|l| settings::organ_settings(l))
}

#[tauri::command(async)]
pub fn save_organ_name(state: State<'_, LedgerState>, name: String) -> Res<OrganSettings> {
    state.with(|l| {
        settings::save_organ_name(l, &name)?;
        settings::organ_settings(l)
    })
}

/// 复议机关 and 人民法院 (机关信息), named in every 答复书's remedy paragraph.
#[tauri::command(async)]
pub fn save_review_bodies(state: State<'_, LedgerState>, review_organ: String, court: String) -> Res<OrganSettings> {
    state.with(|l| {
        settings::save_review_organ(l, &review_organ)?;
        settings::save_court(l, &court)?;
        settings::organ_settings(l)
    })
}

/// 机关地址 and 联系电话 (机关信息), printed where a letter says "与本机关联系".
#[tauri::command(async)]
pub fn save_organ_contact(state: State<'_, LedgerState>, address: String, telephone: String) -> Res<OrganSettings> {
    state.with(|l| {
        settings::save_address(l, &address)?;
        settings::save_telephone(l, &telephone)?;
        settings::organ_settings(l)
    })
}

/// What the 开始使用 checklist ticks by itself.
#[tauri::command(async)]
pub fn first_start(state: State<'_, LedgerState>) -> Res<settings::FirstStart> {
    state.with(|l| settings::first_start(l, chrono::Local::now().date_naive()))
}

/// The years whose notice is marked 已录入完整.
#[tauri::command(async)]
pub fn calendar_confirmed_years(state: State<'_, LedgerState>) -> Res<Vec<i32>> {
    state.with(|l| calendar::confirmed_years(l))
}

/// Marks a year's notice 已录入完整: its deadlines are no longer 预计.
#[tauri::command(async)]
pub fn calendar_confirm_year(state: State<'_, LedgerState>, year: i32) -> Res<Vec<i32>> {
    state.with(|l| {
        calendar::confirm_year(l, year)?;
        calendar::confirmed_years(l)
    })
}

#[tauri::command(async)]
pub fn save_departments(state: State<'_, LedgerState>, names: Vec<String>) -> Res<OrganSettings> {
    state.with(|l| {
        settings::save_departments(l, &names)?;
        settings::organ_settings(l)
    })
}

#[tauri::command(async)]
pub fn calendar_rows(state: State<'_, LedgerState>) -> Res<Vec<CalendarRow>> {
    state.with(|l| calendar::rows(l))
}

#[tauri::command(async)]
pub fn calendar_upsert(
    state: State<'_, LedgerState>,
    entries: Vec<CalendarEntryInput>,
    source: CalendarSource,
) -> Res<Vec<CalendarRow>> {
    state.with(|l| {
        calendar::upsert_inputs(l, &entries, source)?;
        calendar::rows(l)
    })
}

#[tauri::command(async)]
pub fn calendar_remove(state: State<'_, LedgerState>, date: String) -> Res<Vec<CalendarRow>> {
    state.with(|l| {
        calendar::remove(l, calendar::parse_date("日期", &date)?)?;
        calendar::rows(l)
    })
}

#[tauri::command(async)]
pub fn calendar_import(state: State<'_, LedgerState>, text: String, source: CalendarSource) -> Res<Vec<CalendarRow>> {
    // Read before the ledger's lock is taken; only the write holds it.
    let entries = calendar::parse_table(&text).map_err(|e| e.to_app_error())?;
    state.with(|l| {
        calendar::upsert(l, &entries, source)?;
        calendar::rows(l)
    })
}

#[tauri::command(async)]
pub fn calendar_due(state: State<'_, LedgerState>, date: String, workdays: u32) -> Res<DueResult> {
    state.with(|l| calendar::due(l, &date, workdays))
}

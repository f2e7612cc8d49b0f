//! `gongkai settings list` and `gongkai settings set 名称 值`: the settings a deployment configures
//! on every PC, by the Chinese names the window shows, each saved through the very ledger call
//! (and so the very validation) the window's 设置 page uses.

use std::path::Path;

use clap::Subcommand;
use gongkai_ledger::{letters, report, requests, settings, Ledger, Result};

use crate::commands::{CmdResult, Failure, Io};

/// `gongkai settings …`
#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// 列出各项设置，每行“名称=值”
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    List,
    /// 修改一项设置（校验与窗口中的“设置”相同），例如：gongkai settings set 机关名称 某某区人民政府办公室
    #[command(help_template = crate::SUB_HELP_TEMPLATE, next_help_heading = "选项")]
    Set {
        /// 设置名称：机关名称、复议机关、人民法院、机关地址、联系电话、受理编号格式、文书编号格式、机关代字（文书编号中的 {机关代字}）、盖章处圆圈（是/否，默认否）、缴费期限（工作日数）、报告截止日期（01-31 或 03-31）、自动备份间隔（小时数）、无操作锁定（分钟数）、答复须经审核签发（是/否）
        #[arg(value_name = "名称")]
        name: String,
        /// 新的值
        #[arg(value_name = "值", allow_hyphen_values = true)]
        value: String,
    },
}

/// One setting: the name a clerk types, what it means, how it is read and how it is saved.
struct Setting {
    name: &'static str,
    /// The stored key, accepted as a name too (scripts, the documentation).
    key: &'static str,
    get: fn(&Ledger) -> Result<String>,
    set: fn(&mut Ledger, &str) -> std::result::Result<(), Failure>,
}

fn whole_number(name: &str, value: &str) -> std::result::Result<u32, Failure> {
    value.trim().parse::<u32>().map_err(|_| Failure::usage(format!("“{name}”应为整数，“{value}”不是")))
}

fn yes_no(name: &str, value: &str) -> std::result::Result<bool, Failure> {
    match value.trim() {
        "是" | "1" | "开" => Ok(true),
        "否" | "0" | "关" => Ok(false),
        other => Err(Failure::usage(format!("“{name}”应为“是”或“否”，“{other}”不是"))),
    }
}

const SETTINGS: [Setting; 14] = [
    Setting {
        name: "机关名称",
        key: settings::KEY_ORGAN_NAME,
        get: |l| Ok(settings::organ_settings(l)?.organ_name),
        set: |l, v| Ok(settings::save_organ_name(l, v)?),
    },
    Setting {
        name: "复议机关",
        key: settings::KEY_REVIEW_ORGAN,
        get: |l| Ok(settings::organ_settings(l)?.review_organ),
        set: |l, v| Ok(settings::save_review_organ(l, v)?),
    },
    Setting {
        name: "人民法院",
        key: settings::KEY_COURT,
        get: |l| Ok(settings::organ_settings(l)?.court),
        set: |l, v| Ok(settings::save_court(l, v)?),
    },
    Setting {
        name: "机关地址",
        key: settings::KEY_ORGAN_ADDRESS,
        get: |l| Ok(settings::organ_settings(l)?.address),
        set: |l, v| Ok(settings::save_address(l, v)?),
    },
    Setting {
        name: "联系电话",
        key: settings::KEY_ORGAN_PHONE,
        get: |l| Ok(settings::organ_settings(l)?.telephone),
        set: |l, v| Ok(settings::save_telephone(l, v)?),
    },
    Setting {
        name: "受理编号格式",
        key: requests::KEY_NUMBER_PATTERN,
        get: |l| Ok(requests::options(l)?.number_pattern),
        set: |l, v| Ok(requests::save_number_pattern(l, v)?),
    },
    Setting {
        name: "文书编号格式",
        key: letters::KEY_LETTER_NUMBER_PATTERN,
        get: |l| Ok(letters::settings_view(l)?.settings.number_pattern),
        set: |l, v| {
            let mut s = letters::settings_view(l)?.settings;
            s.number_pattern = v.to_string();
            Ok(letters::save_letter_settings(l, &s)?)
        },
    },
    Setting {
        name: "机关代字",
        key: letters::KEY_ORGAN_CODE,
        get: |l| Ok(letters::settings_view(l)?.settings.organ_code),
        set: |l, v| {
            let mut s = letters::settings_view(l)?.settings;
            s.organ_code = v.to_string();
            Ok(letters::save_letter_settings(l, &s)?)
        },
    },
    Setting {
        name: "盖章处圆圈",
        key: settings::KEY_SEAL_CIRCLE,
        get: |l| Ok(if letters::settings_view(l)?.settings.seal_circle { "是" } else { "否" }.into()),
        set: |l, v| {
            let mut s = letters::settings_view(l)?.settings;
            s.seal_circle = yes_no("盖章处圆圈", v)?;
            Ok(letters::save_letter_settings(l, &s)?)
        },
    },
    Setting {
        name: "缴费期限",
        key: letters::KEY_FEE_PAYMENT_WORKDAYS,
        get: |l| Ok(letters::settings_view(l)?.settings.fee_payment_workdays.to_string()),
        set: |l, v| {
            let mut s = letters::settings_view(l)?.settings;
            s.fee_payment_workdays = whole_number("缴费期限", v)?;
            Ok(letters::save_letter_settings(l, &s)?)
        },
    },
    Setting {
        name: "报告截止日期",
        key: report::KEY_REPORT_DUE,
        get: |l| Ok(report::report_deadline(l, chrono::Local::now().date_naive())?.setting),
        set: |l, v| {
            let v = match v.trim() {
                "1月31日" | "1-31" => "01-31",
                "3月31日" | "3-31" => "03-31",
                other => other,
            };
            Ok(report::save_report_due(l, v)?)
        },
    },
    Setting {
        name: "自动备份间隔",
        key: settings::KEY_BACKUP_INTERVAL_HOURS,
        get: |l| Ok(settings::backup_interval_hours(l)?.to_string()),
        set: |l, v| Ok(settings::save_backup_interval_hours(l, whole_number("自动备份间隔", v)?)?),
    },
    Setting {
        name: "无操作锁定",
        key: settings::KEY_IDLE_LOCK_MINUTES,
        get: |l| Ok(settings::idle_lock_minutes(l)?.to_string()),
        set: |l, v| Ok(settings::save_idle_lock_minutes(l, whole_number("无操作锁定", v)?)?),
    },
    Setting {
        name: "答复须经审核签发",
        key: settings::KEY_REPLY_SIGNOFF,
        get: |l| Ok(if settings::reply_needs_signoff(l)? { "是" } else { "否" }.into()),
        set: |l, v| {
            Ok(settings::save_reply_needs_signoff(l, yes_no("答复须经审核签发", v)?)?)
        },
    },
];

pub fn run(command: &SettingsCommand, db: &Path, io: &mut Io<'_>) -> CmdResult {
    match command {
        SettingsCommand::List => {
            let ledger = Ledger::open(db)?;
            for s in &SETTINGS {
                let value = (s.get)(&ledger)?;
                let _ = writeln!(io.out, "{}={value}", s.name);
            }
            Ok(())
        }
        SettingsCommand::Set { name, value } => {
            let wanted = name.trim();
            let Some(setting) = SETTINGS.iter().find(|s| s.name == wanted || s.key == wanted) else {
                let names: Vec<&str> = SETTINGS.iter().map(|s| s.name).collect();
                return Err(Failure::usage(format!("没有名为“{wanted}”的设置；可设置的有：{}", names.join("、"))));
            };
            let mut ledger = Ledger::open(db)?;
            (setting.set)(&mut ledger, value)?;
            let _ = writeln!(io.out, "{}={}", setting.name, (setting.get)(&ledger)?);
            Ok(())
        }
    }
}

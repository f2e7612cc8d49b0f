//! `gongkai letter 受理编号 种类 --out FILE.pdf`: a 告知书 for a request, filled from the ledger
//! with the template in use, numbered from the year's counter, kept with the request (text, PDF,
//! timeline event) and written to FILE. `--preview` writes the PDF without numbering or recording.

use std::path::Path;

use gongkai_core::letter::{LetterKind, LetterPrint};
use gongkai_ledger::{letters, Ledger};
use gongkai_report::letter::render_letter_with;

use crate::commands::{CmdResult, Failure, Io};
use crate::LetterArgs;

pub fn run(args: &LetterArgs, db: &Path, io: &mut Io<'_>) -> CmdResult {
    let kind = LetterKind::from_label(&args.kind).ok_or_else(|| {
        Failure::usage(format!("告知书种类“{}”无效，应为：{}", args.kind.trim(), LetterKind::names()))
    })?;
    if args.number.trim().is_empty() {
        return Err(Failure::usage("请给出受理编号"));
    }
    let mut ledger = Ledger::open(db)?;
    let now = chrono::Local::now().naive_local();
    let font = gongkai_app::report::body_font(&ledger);
    let render = |p: &LetterPrint| render_letter_with(p, font.as_ref());
    // A 预计 deadline and the date the letter gives instead: never silent.
    if let Ok(d) = letters::draft(&ledger, &args.number, kind, now.date()) {
        for w in &d.warnings {
            let _ = writeln!(io.err, "提示：{w}");
        }
    }
    let (bytes, letter_number) = if args.preview {
        let draft = letters::draft(&ledger, &args.number, kind, now.date())?;
        let print = LetterPrint {
            title: draft.text.title,
            letter_number: draft.letter_number.clone(),
            addressee: draft.text.addressee,
            body: draft.text.body,
            organ: draft.organ,
            date: now.date(),
            // A preview records nothing, so there is no audit entry to cite.
            anchor: String::new(),
            seal_circle: letters::settings_view(&ledger)?.settings.seal_circle,
        };
        (render(&print).map_err(|m| Failure { message: m, exit_code: 1 })?, format!("预览，未编号：{}", draft.letter_number))
    } else {
        let actor = gongkai_ledger::requests::Actor { operator: gongkai_ledger::default_operator(), now };
        let (issued, _) = letters::issue(&mut ledger, &args.number, kind, None, &actor, &render)?;
        let (_, bytes) = gongkai_ledger::requests::open_attachment(&ledger, issued.attachment_id)?;
        (bytes, issued.letter_number)
    };
    if gongkai_ledger::settings::organ_settings(&ledger)?.organ_name.trim().is_empty() {
        let _ = writeln!(io.err, "提示：尚未设置机关名称，告知书中显示为占位文字");
    }
    std::fs::write(&args.out, &bytes)
        .map_err(|e| Failure { message: format!("无法写入“{}”：{e}", args.out.display()), exit_code: 1 })?;
    let _ = writeln!(io.out, "已生成{}（{letter_number}）：{}", kind.label(), args.out.display());
    Ok(())
}

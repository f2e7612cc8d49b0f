//! Issuing a letter in one transaction (the year's next 文书编号, the kept text, the PDF as an attachment, a `LetterIssued` event) and reading issued letters back for printing.

use chrono::Datelike;
use gongkai_core::letter::{
    self, FilledLetter, LetterKind, LetterPrint,
};
use gongkai_core::request::{EventDetail, RequestEvent};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::audit::Head;
use crate::requests::{self, Actor, Append};
use crate::{Error, Ledger, Result};
use super::draft::{draft_case, load_case, names_review_organ};
use super::templates::number_pattern_in;

pub(super) fn next_seq(conn: &Connection, year: i32) -> Result<u32> {
    conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM letter WHERE year = ?1", [year], |r| r.get(0))
        .map_err(|e| Error::sqlite("读取文书编号", e))
}

/// A letter that was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IssuedLetter {
    #[ts(type = "number")]
    pub id: i64,
    pub request_number: String,
    pub kind: LetterKind,
    pub kind_label: String,
    pub letter_number: String,
    pub title: String,
    pub issued_date: String,
    pub operator: String,
    /// The PDF, kept as an attachment of the request.
    #[ts(type = "number")]
    pub attachment_id: i64,
}

/// Renders a letter to PDF bytes; the error is a Chinese message.
pub type Render<'a> = &'a dyn Fn(&LetterPrint) -> std::result::Result<Vec<u8>, String>;

fn check_text(t: &FilledLetter) -> Result<()> {
    if t.title.trim().is_empty() {
        return Err(Error::Validation("告知书标题不能为空".into()));
    }
    if t.body.trim().is_empty() {
        return Err(Error::Validation("告知书正文不能为空".into()));
    }
    if t.title.chars().count() > 60 {
        return Err(Error::Validation("告知书标题不能超过 60 个字".into()));
    }
    if t.body.chars().count() > 20_000 {
        return Err(Error::Validation("告知书正文不能超过 20000 个字".into()));
    }
    if let Ok(uses) = letter::uses("正文", &t.body) {
        if let Some(u) = uses.first() {
            return Err(Error::Validation(format!("正文中还有未填写的占位符“{{{}}}”", u.name)));
        }
    }
    Ok(())
}

/// Issues letter `kind` for request `number` with the clerk's final `text` (or the draft's when
/// `None`): takes the next number of the year, renders the PDF, keeps text and PDF with the
/// request and records a `LetterIssued` event, all in one transaction.
pub fn issue(
    ledger: &mut Ledger,
    number: &str,
    kind: LetterKind,
    text: Option<&FilledLetter>,
    actor: &Actor,
    render: Render<'_>,
) -> Result<(IssuedLetter, LetterPrint)> {
    crate::accounts::require(ledger, gongkai_core::account::Role::Clerk)?;
    let signed = crate::accounts::signed(ledger, actor);
    let actor = &signed;
    let today = actor.today();
    // A reply's 答复书 waits for 审核 and 签发 where accounts ask for them; it then names both.
    if kind == LetterKind::Reply {
        requests::signoff::reply_gate(ledger, number)?;
    }
    let case = load_case(ledger.conn(), number)?;
    let draft = draft_case(ledger, &case, kind, today)?;
    // The letter fits the request (draft_case said so). 行政复议法第二十条: a decision that does
    // not name the 复议机关 lets the 60 days run up to a year, so none is issued without it.
    if names_review_organ(kind) && crate::settings::review_organ_in(ledger.conn())?.is_none() {
        return Err(Error::Validation(format!(
            "不能出具{}：尚未设置“复议机关”。答复须告知申请人复议机关，请先在“设置 → 机关信息”中填写复议机关（或运行 gongkai settings set 复议机关 机关名称）",
            kind.label()
        )));
    }
    // A letter is numbered and kept for good: never signed 【机关名称未设置】.
    crate::settings::require_organ_name(ledger, &format!("出具{}", kind.label()))?;
    let text = text.cloned().unwrap_or_else(|| draft.text.clone());
    check_text(&text)?;
    if text.body.contains(gongkai_core::letter::REVIEW_ORGAN_PLACEHOLDER) {
        return Err(Error::Validation(format!(
            "不能出具{}：正文中仍有“{}”，请先在“设置 → 机关信息”中填写复议机关",
            kind.label(),
            gongkai_core::letter::REVIEW_ORGAN_PLACEHOLDER
        )));
    }
    let (pattern, _) = number_pattern_in(ledger.conn())?;
    let dir = requests::attachment_dir(ledger);
    let mut stored: Option<requests::StoredFile> = None;
    let result = ledger.with_tx(|tx| {
        let seq = next_seq(tx, today.year())?;
        let letter_number = pattern.format(today, seq);
        // The draft showed the number the counter stood at; another letter may have taken it since.
        let swap = |s: &str| s.replace(&draft.letter_number, &letter_number);
        let mut print = LetterPrint {
            title: swap(text.title.trim()),
            letter_number: letter_number.clone(),
            addressee: swap(text.addressee.trim()),
            body: swap(text.body.trim()),
            organ: draft.organ.clone(),
            date: today,
            anchor: String::new(),
            seal_circle: crate::settings::seal_circle_in(tx)?,
        };
        // The PDF carries the code of the audit entry that records the letter, so the letter row
        // goes in first. It names its PDF's attachment, which can only be stored once the PDF is
        // rendered: the row takes the id the attachment will get (the next rowid, nobody else
        // writes inside this IMMEDIATE transaction), and the foreign key is checked at commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON").map_err(|e| Error::sqlite("登记告知书", e))?;
        let attachment_id: i64 = tx
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM attachment", [], |r| r.get(0))
            .map_err(|e| Error::sqlite("登记告知书", e))?;
        tx.execute(
            "INSERT INTO letter (request_id, kind, template_key, year, seq, number, issued_date, title, addressee,
                                 body, organ, attachment_id, operator, issued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                case.id,
                kind.code(),
                draft.template_key,
                today.year(),
                seq,
                letter_number,
                requests::ymd(today),
                print.title,
                print.addressee,
                print.body,
                print.organ,
                attachment_id,
                actor.operator,
                actor.stamp()
            ],
        )
        .map_err(|e| Error::sqlite("登记告知书", e))?;
        let id = tx.last_insert_rowid();
        print.anchor = format!("{}{}", signoff_line(tx, id)?, letter_anchor(tx, id)?.map(|h| h.printed()).unwrap_or_default());
        let bytes = render(&print).map_err(Error::Validation)?;
        let file_name = format!("{}{}.pdf", kind.label(), requests::safe_file_name(&letter_number));
        let file = requests::store_attachment(tx, &dir, case.id, &file_name, &bytes, actor)?;
        let stored_id = file.id;
        stored = Some(file);
        if stored_id != attachment_id {
            return Err(Error::App(gongkai_core::AppError::internal(format!("告知书的 PDF 登记为附件 {stored_id}，而非预定的 {attachment_id}"))));
        }
        let event = RequestEvent::new(
            today,
            EventDetail::LetterIssued { letter: kind, letter_number: letter_number.clone(), title: print.title.clone() },
        );
        requests::append_in_tx(tx, case.id, event, actor, Append::Checked)?;
        Ok((
            IssuedLetter {
                id,
                request_number: case.record.number.clone(),
                kind,
                kind_label: kind.label().into(),
                letter_number,
                title: print.title.clone(),
                issued_date: requests::ymd(today),
                operator: actor.operator.clone(),
                attachment_id,
            },
            print,
        ))
    });
    if result.is_err() {
        if let Some(file) = stored {
            file.discard();
        }
    }
    result
}

fn issued_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<IssuedLetter> {
    let code: String = r.get(2)?;
    let kind = LetterKind::from_code(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, format!("letter kind {code}").into())
    })?;
    Ok(IssuedLetter {
        id: r.get(0)?,
        request_number: r.get(1)?,
        kind,
        kind_label: kind.label().into(),
        letter_number: r.get(3)?,
        title: r.get(4)?,
        issued_date: r.get(5)?,
        operator: r.get(6)?,
        attachment_id: r.get(7)?,
    })
}

const ISSUED_COLUMNS: &str = "l.id, r.number, l.kind, l.number, l.title, l.issued_date, l.operator, l.attachment_id";

/// The letters issued for request `number`, oldest first.
pub fn issued_for(ledger: &Ledger, number: &str) -> Result<Vec<IssuedLetter>> {
    let conn = ledger.conn();
    let id = requests::request_id(conn, number)?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {ISSUED_COLUMNS} FROM letter l JOIN request r ON r.id = l.request_id WHERE l.request_id = ?1 ORDER BY l.id"
        ))
        .map_err(|e| Error::sqlite("读取告知书", e))?;
    let rows = stmt.query_map([id], issued_from_row).map_err(|e| Error::sqlite("读取告知书", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| Error::sqlite("读取告知书", e))
}

/// The printed form of an issued letter, exactly as issued (for reprinting in a batch).
pub fn issued_print(ledger: &Ledger, letter_id: i64) -> Result<LetterPrint> {
    ledger
        .conn()
        .query_row(
            "SELECT title, number, addressee, body, organ, issued_date FROM letter WHERE id = ?1",
            [letter_id],
            |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?))
            },
        )
        .optional()
        .map_err(|e| Error::sqlite("读取告知书", e))?
        .ok_or_else(|| Error::NotFound("该告知书不存在".into()))
        .and_then(|(title, letter_number, addressee, body, organ, date)| {
            let date = crate::calendar::parse_date("出具日期", &date)?;
            let anchor = format!(
                "{}{}",
                signoff_line(ledger.conn(), letter_id)?,
                letter_anchor(ledger.conn(), letter_id)?.map(|h| h.printed()).unwrap_or_default()
            );
            // The circle is a way of printing, not part of the letter: today's setting.
            let seal_circle = crate::settings::seal_circle_in(ledger.conn())?;
            Ok(LetterPrint { title, letter_number, addressee, body, organ, date, anchor, seal_circle })
        })
}

/// "审核 X · 签发 Y · " for a 答复书 whose reply was reviewed and signed before it was issued, else
/// "": read from the request's events up to the letter's issue, so the issue and every reprint
/// say the same.
fn signoff_line(conn: &Connection, letter_id: i64) -> Result<String> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT e.kind, e.operator FROM request_event e JOIN letter l ON l.request_id = e.request_id
             WHERE l.id = ?1 AND l.kind = 'reply' AND e.recorded_at <= l.issued_at
               AND e.kind IN ('replied', 'reply_sent_back', 'reply_reviewed', 'reply_signed')
             ORDER BY e.seq",
        )
        .map_err(|e| Error::sqlite("读取审核签发", e))?;
    let rows = stmt
        .query_map([letter_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| Error::sqlite("读取审核签发", e))?;
    let (mut reviewer, mut signer) = (None, None);
    for (kind, operator) in rows {
        match kind.as_str() {
            "reply_reviewed" => reviewer = Some(operator),
            "reply_signed" if reviewer.is_some() => signer = Some(operator),
            _ => (reviewer, signer) = (None, None),
        }
    }
    Ok(match (reviewer, signer) {
        (Some(r), Some(s)) => format!("审核 {r} · 签发 {s} · "),
        _ => String::new(),
    })
}

/// The audit entry that recorded letter `letter_id`'s issue: the code its PDF carries.
pub fn issued_anchor(ledger: &Ledger, letter_id: i64) -> Result<Option<Head>> {
    letter_anchor(ledger.conn(), letter_id)
}

fn letter_anchor(conn: &Connection, letter_id: i64) -> Result<Option<Head>> {
    conn.query_row(
        "SELECT id, hash FROM audit_log WHERE table_name = 'letter' AND row_id = ?1 AND action = 'insert'",
        [letter_id],
        |r| Ok(Head { entry: r.get(0)?, hash: r.get(1)? }),
    )
    .optional()
    .map_err(|e| Error::sqlite("读取审计日志", e))
}

/// An issued letter's stored PDF (file name, bytes), checked against its SHA-256, for printing.
pub fn issued_pdf(ledger: &Ledger, letter_id: i64) -> Result<(String, Vec<u8>)> {
    let attachment = ledger
        .conn()
        .query_row("SELECT attachment_id FROM letter WHERE id = ?1", [letter_id], |r| r.get::<_, i64>(0))
        .optional()
        .map_err(|e| Error::sqlite("读取告知书", e))?
        .ok_or_else(|| Error::NotFound("该告知书不存在".into()))?;
    crate::requests::open_attachment(ledger, attachment)
}

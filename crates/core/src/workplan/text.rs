//! The text layout: parts headed 一、, items headed （一） or 1. (whichever comes first under a
//! part; the other kind is then the item's own text), and after each item a responsibility line
//! (责任部门：…, 责任单位：…, 牵头单位：…；配合单位：…) or the same in parentheses closing the item.
//! What comes before the first part is the covering notice's front matter; what follows the last
//! task's responsibility line is the 落款. A responsibility line broken by a page break is joined.

use super::{header_facts, item_heading, part_heading, parse_units, ItemKind, Line, ParsedPlan, PlanLayout, PlanLine, PlanPart, PlanTask, UnitRefs};

/// Labels of a responsibility line and whether each names the 牵头 (lead) units.
const LABELS: &[(&str, bool)] = &[
    ("牵头单位", true),
    ("牵头部门", true),
    ("主办单位", true),
    ("责任单位", false),
    ("责任部门", false),
    ("配合单位", false),
    ("配合部门", false),
    ("协办单位", false),
    ("参与单位", false),
    ("完成时限", false),
    ("完成时间", false),
];

/// One responsibility statement: lead units, responsible units, a deadline.
#[derive(Debug, Default, Clone)]
pub(crate) struct Responsibility {
    pub lead: UnitRefs,
    pub responsible: UnitRefs,
    pub deadline: String,
    /// Raw text of each list, so that a continuation line can be joined onto the last one.
    pub last_raw: String,
    pub last_is_lead: bool,
    /// A unit label was read (its list may still be empty).
    pub units_seen: bool,
}

/// Reads "责任部门：A、B" or "牵头单位：A；配合单位：B" (also with ":" and blanks); None when the
/// text does not start with a label.
pub(crate) fn responsibility(text: &str) -> Option<Responsibility> {
    let starts = label_positions(text);
    if starts.first().map(|(at, ..)| *at) != Some(0) {
        return None;
    }
    let mut r = Responsibility::default();
    for (i, (at, label, colon_len)) in starts.iter().enumerate() {
        let from = at + label.len() + colon_len;
        let to = starts.get(i + 1).map(|(a, ..)| *a).unwrap_or(text.len());
        let value = text[from..to].trim_matches(|c: char| super::is_blank(c) || matches!(c, '；' | ';' | '，' | ',' | '。' | '）' | ')'));
        if label.starts_with("完成") {
            r.deadline = value.to_string();
            continue;
        }
        let lead = LABELS.iter().any(|(l, is_lead)| l == label && *is_lead);
        r.units_seen = true;
        let units = parse_units(value);
        if lead {
            r.lead.extend(units);
        } else {
            r.responsible.extend(units);
        }
        r.last_raw = value.to_string();
        r.last_is_lead = lead;
    }
    Some(r)
}

/// (byte offset, label, length of the colon) of every "label：" in `text`.
fn label_positions(text: &str) -> Vec<(usize, &'static str, usize)> {
    let mut out = Vec::new();
    for (at, _) in text.char_indices() {
        for (label, _) in LABELS {
            if text[at..].starts_with(label) {
                let after = &text[at + label.len()..];
                let after_trim = after.trim_start_matches(super::is_blank);
                let skipped = after.len() - after_trim.len();
                if let Some(c) = after_trim.chars().next().filter(|c| matches!(c, '：' | ':')) {
                    out.push((at, *label, skipped + c.len_utf8()));
                }
            }
        }
    }
    out
}

/// "…做好工作。（责任单位：A、B）" → ("…做好工作。", the responsibility).
pub(crate) fn trailing_responsibility(text: &str) -> Option<(String, Responsibility)> {
    let trimmed = text.trim_end_matches(|c: char| super::is_blank(c) || c == '。' || c == '；' || c == ';');
    let body = trimmed.strip_suffix('）').or_else(|| trimmed.strip_suffix(')'))?;
    let open = body.rfind(['（', '('])?;
    let inner = &body[open + body[open..].chars().next()?.len_utf8()..];
    let r = responsibility(inner.trim())?;
    Some((text[..open].trim_end().to_string(), r))
}

/// A line that continues a responsibility line broken by a page break: it names units (a list
/// with 、 or a short name) and is not a sentence, a heading or another label line.
fn continues_units(prev_raw: &str, text: &str) -> bool {
    if part_heading(text).is_some() || item_heading(text).is_some() || responsibility(text).is_some() {
        return false;
    }
    if text.contains('。') || text.contains('：') || text.contains(':') {
        return false;
    }
    let prev_open = prev_raw.ends_with(['、', '，', ',']);
    let starts_list = text.starts_with(['、', '，', ',']);
    prev_open || starts_list || text.contains('、')
}

struct TaskDraft {
    task: PlanTask,
    /// The responsibility has been read (line or parentheses).
    has_units: bool,
    /// The raw text of the last unit list read, and whether it was the lead list.
    last_raw: String,
    last_is_lead: bool,
}

impl TaskDraft {
    fn new(part: usize, label: String, title: String, requirement: String, line: usize) -> TaskDraft {
        TaskDraft {
            task: PlanTask {
                part,
                seq: 0,
                label,
                title,
                requirement,
                lead: UnitRefs::default(),
                responsible: UnitRefs::default(),
                deadline: String::new(),
                line,
            },
            has_units: false,
            last_raw: String::new(),
            last_is_lead: false,
        }
    }
}

pub(crate) fn parse(lines: &[Line]) -> ParsedPlan {
    let mut plan = ParsedPlan {
        layout: PlanLayout::Text,
        doc_number: String::new(),
        title: String::new(),
        header: Vec::new(),
        footer: Vec::new(),
        parts: Vec::new(),
        tasks: Vec::new(),
        unparsed: Vec::new(),
    };
    let has_parts = lines.iter().any(|l| !l.tabbed && part_heading(&l.text).is_some());
    let mut item_kind: Option<ItemKind> = None;
    let mut draft: Option<TaskDraft> = None;
    // Lines after a task's responsibility, not (yet) placed: the 落款 if nothing follows.
    let mut trailing: Vec<&Line> = Vec::new();
    let mut started = false;

    let close = |draft: &mut Option<TaskDraft>, plan: &mut ParsedPlan| {
        if let Some(d) = draft.take() {
            let mut task = d.task;
            task.seq = plan.tasks.len() as u32 + 1;
            plan.tasks.push(task);
        }
    };
    let flush_trailing = |trailing: &mut Vec<&Line>, plan: &mut ParsedPlan| {
        for l in trailing.drain(..) {
            plan.unparsed.push(PlanLine {
                line: l.no,
                text: l.text.clone(),
                reason: "位于任务的责任单位之后、下一个标题之前，未归入任何任务".into(),
            });
        }
    };

    for line in lines {
        let text = line.text.replace('\t', " ");
        let text = text.trim();
        if let Some((label, title)) = part_heading(text) {
            flush_trailing(&mut trailing, &mut plan);
            close(&mut draft, &mut plan);
            started = true;
            item_kind = None;
            plan.parts.push(PlanPart { heading: format!("{label}{title}"), intro: String::new() });
            continue;
        }
        if !started {
            match item_heading(text) {
                // A plan without parts starts at its first item.
                Some(_) if !has_parts => {
                    started = true;
                    plan.parts.push(PlanPart { heading: String::new(), intro: String::new() });
                }
                _ => {
                    plan.header.push(text.to_string());
                    continue;
                }
            }
        }
        if let Some((kind, label, rest)) = item_heading(text) {
            if item_kind.is_none() || item_kind == Some(kind) {
                flush_trailing(&mut trailing, &mut plan);
                close(&mut draft, &mut plan);
                item_kind = Some(kind);
                let mut d = TaskDraft::new(plan.parts.len() - 1, label, String::new(), String::new(), line.no);
                let mut body = rest;
                if let Some((before, r)) = trailing_responsibility(&body) {
                    apply(&mut d, r);
                    body = before;
                }
                // The heading is the task; text after its first 。 is the requirement.
                match body.find('。') {
                    Some(at) if at + '。'.len_utf8() < body.len() => {
                        d.task.title = body[..at].to_string();
                        d.task.requirement = body[at + '。'.len_utf8()..].trim().to_string();
                    }
                    _ => d.task.title = body.trim_end_matches('。').to_string(),
                }
                draft = Some(d);
                continue;
            }
        }
        if let Some(r) = responsibility(text) {
            flush_trailing(&mut trailing, &mut plan);
            if draft.as_ref().is_some_and(|d| d.has_units) {
                // A second line for the same task (牵头单位 then 配合单位 on its own line).
                let d = draft.as_mut().expect("checked");
                apply(d, r);
                continue;
            }
            if draft.is_none() {
                // A part heading that carries its own task: the part's text is the task.
                let part = plan.parts.len() - 1;
                let p = &mut plan.parts[part];
                let (label, title) = part_heading(&p.heading).unwrap_or_default();
                draft = Some(TaskDraft::new(part, label, title, std::mem::take(&mut p.intro), line.no));
            }
            apply(draft.as_mut().expect("set above"), r);
            continue;
        }
        match draft.as_mut() {
            Some(d) if d.has_units => {
                if trailing.is_empty() && continues_units(&d.last_raw, text) {
                    // Joined without a separator: a page break splits a name ("净月公" / "安分局").
                    let joined = format!("{}{}", d.last_raw, text);
                    let units = parse_units(&joined);
                    if d.last_is_lead {
                        d.task.lead = units;
                    } else {
                        d.task.responsible = units;
                    }
                    d.last_raw = joined;
                } else {
                    trailing.push(line);
                }
            }
            Some(d) => {
                let mut body = text.to_string();
                if let Some((before, r)) = trailing_responsibility(&body) {
                    apply(d, r);
                    body = before;
                }
                push_text(&mut d.task.requirement, &body);
            }
            None => {
                let part = plan.parts.last_mut().expect("started means a part exists");
                if let Some((before, r)) = trailing_responsibility(text) {
                    // The part's own text closed by （责任单位：…）: the part is the task.
                    push_text(&mut part.intro, &before);
                    let (label, title) = part_heading(&part.heading).unwrap_or_default();
                    let intro = std::mem::take(&mut plan.parts.last_mut().expect("exists").intro);
                    let mut d = TaskDraft::new(plan.parts.len() - 1, label, title, intro, line.no);
                    apply(&mut d, r);
                    draft = Some(d);
                } else {
                    push_text(&mut part.intro, text);
                }
            }
        }
    }
    // What follows the last task's responsibility is the 落款.
    plan.footer = trailing.iter().map(|l| l.text.clone()).collect();
    if let Some(d) = draft.as_ref() {
        if !d.has_units {
            plan.unparsed.push(PlanLine {
                line: d.task.line,
                text: format!("{}{}", d.task.label, d.task.title),
                reason: "任务没有责任单位（责任部门、责任单位或牵头单位）".into(),
            });
        }
    }
    close(&mut draft, &mut plan);
    for t in &plan.tasks {
        if !t.has_no_units() || plan.unparsed.iter().any(|u| u.line == t.line) {
            continue;
        }
        plan.unparsed.push(PlanLine {
            line: t.line,
            text: format!("{}{}", t.label, t.title),
            reason: "任务没有责任单位（责任部门、责任单位或牵头单位）".into(),
        });
    }
    plan.unparsed.sort_by_key(|u| u.line);
    let (doc_number, title) = header_facts(&plan.header);
    plan.doc_number = doc_number;
    plan.title = title;
    plan
}

fn apply(d: &mut TaskDraft, r: Responsibility) {
    d.task.lead.extend(r.lead);
    d.task.responsible.extend(r.responsible);
    if !r.deadline.is_empty() {
        d.task.deadline = r.deadline;
    }
    if r.units_seen {
        d.last_raw = r.last_raw;
        d.last_is_lead = r.last_is_lead;
        d.has_units = true;
    }
}

/// Appends a paragraph; a paragraph broken by a page break mid-sentence is joined without a gap.
fn push_text(into: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !into.is_empty() && into.ends_with(['。', '！', '？', '；', '：']) {
        into.push('\n');
    }
    into.push_str(text);
}

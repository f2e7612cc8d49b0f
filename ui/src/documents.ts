// 文件台账的中文词表 and small helpers shared by the register page, 工作台 and the tests.
import { STATUS_CHANGE_TO, STATUS_NEEDS_CHANGE_DATE } from './bindings'
import type { Document, DocumentFilter, DocumentInput, Status } from './bindings'

/** The vocabularies' Chinese labels, generated from the Rust enums (gongkai_core::document). */
export { CATEGORY_LABEL, DISCLOSURE_LABEL, FORM_LABEL, MODE_LABEL, PORTAL_LABEL, STATUS_LABEL } from './bindings'

/** Status changes a clerk can record (尚未生效 is only a starting status): the ledger's rule. */
export const CHANGE_TO: readonly Status[] = STATUS_CHANGE_TO

/** Statuses that need the date they took effect: the ledger's rule. */
export function needsChangeDate(s: Status | null | undefined): boolean {
  return s != null && STATUS_NEEDS_CHANGE_DATE.includes(s)
}

/** The list's count as the clerk reads it: "1,000+" when a search matched more than were counted. */
export function totalText(total: number, capped: boolean): string {
  const n = total.toLocaleString('en-US')
  return capped ? `${n}+` : n
}

export function emptyFilter(): DocumentFilter {
  return {
    query: '',
    category: null,
    status: null,
    year: null,
    department_id: null,
    complete: null,
    sort: 'published_on',
    descending: true,
    page: 1,
    page_size: 20,
    exact_total: false,
  }
}

export function emptyInput(issuer = ''): DocumentInput {
  return {
    title: '',
    doc_number: '',
    category: null,
    issuer,
    drafting_department: '',
    written_on: null,
    published_on: null,
    effective_on: null,
    valid_until: null,
    status: 'in_force',
    status_date: null,
    disclosure: null,
    disclosure_reason: '',
    disclosure_mode: null,
    secrecy_reviewed: null,
    secrecy_reviewer: '',
    secrecy_reviewed_on: null,
    no_interpretation_reason: null,
    portal_published_on: null,
    portal_url: '',
    index_number: '',
    status_basis: '',
    note: '',
    interpretations: [],
  }
}

/** The edit form's model for a stored document. */
export function inputFrom(d: Document): DocumentInput {
  return {
    ...emptyInput(d.issuer),
    title: d.title,
    doc_number: d.doc_number,
    category: d.category,
    drafting_department: d.drafting_department ?? '',
    written_on: d.written_on,
    published_on: d.published_on,
    effective_on: d.effective_on,
    valid_until: d.valid_until,
    status: null,
    disclosure: d.disclosure,
    disclosure_reason: d.disclosure_reason,
    disclosure_mode: d.disclosure_mode,
    secrecy_reviewed: d.secrecy_reviewed,
    secrecy_reviewer: d.secrecy_reviewer,
    secrecy_reviewed_on: d.secrecy_reviewed_on,
    no_interpretation_reason: d.no_interpretation_reason,
    portal_published_on: d.portal_published_on,
    portal_url: d.portal_url,
    index_number: d.index_number,
    note: d.note,
  }
}

/** "文件台账-20250301.xlsx" */
export function exportName(prefix: string, today = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${prefix}-${today.getFullYear()}${p(today.getMonth() + 1)}${p(today.getDate())}.xlsx`
}

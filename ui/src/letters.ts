// 告知书 labels and small text helpers shared by the letter panel, the settings page and 工作台.
import { LETTER_KIND_LABEL, type LetterKind } from './bindings'

/** The kinds of letter in the ledger's order, with their Chinese names (generated from gongkai_core::letter::LetterKind). */
export const LETTER_KINDS: { kind: LetterKind; label: string }[] = (Object.keys(LETTER_KIND_LABEL) as LetterKind[]).map((kind) => ({
  kind,
  label: LETTER_KIND_LABEL[kind],
}))

/** The body as the PDF prints it: one paragraph per non-empty line, typed indents dropped. */
export function paragraphs(body: string): string[] {
  return body
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+/, '').trimEnd())
    .filter((l) => l.length > 0)
}

/** Placeholders used in a template text, `{名称}` or `{名称?}`, in order. */
export function placeholdersIn(text: string): string[] {
  return Array.from(text.matchAll(/\{([^{}\n]*)\}/g), (m) => m[1].trim().replace(/[?？]$/, '').trim())
}

/** The placeholders of `text` that are not in `known`: the Rust side refuses them on save too. */
export function unknownPlaceholders(text: string, known: string[]): string[] {
  return [...new Set(placeholdersIn(text).filter((p) => !known.includes(p)))]
}

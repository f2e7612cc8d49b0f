// 告知书 labels and small text helpers shared by the letter panel, the settings page and 工作台.
import type { LetterKind } from './bindings'

export const LETTER_KINDS: { kind: LetterKind; label: string }[] = [
  { kind: 'receipt', label: '登记回执' },
  { kind: 'correction_notice', label: '补正告知书' },
  { kind: 'extension_notice', label: '延期答复告知书' },
  { kind: 'third_party_consultation', label: '征求第三方意见书' },
  { kind: 'fee_notice', label: '收费通知' },
  { kind: 'reply', label: '答复书' },
]

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

// The first page's JavaScript in bytes, as crates/bench/src/bundle.rs counts it (issue 22: ≤ 400 KB),
// without building the bench: the entry script ui/dist/index.html names and its static imports, plus
// Dashboard-*.js (工作台) or LoginDialog-*.js (登录) with theirs. Dynamic import() is not counted.
// Usage: cd ui && npm run build && node scripts/first-page-size.mjs [--list]
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const entry = /<script[^>]*src="\/?([^"]+)"/.exec(html)?.[1]
if (!entry) throw new Error('index.html names no entry script')

// Same rule as bundle.rs: a "./x.js" string right after `from` or `import` (not after `(`).
const staticImports = (code) => [...code.matchAll(/(?<![A-Za-z0-9_$])(?:from|import)\s*(["'])(\.\/[^"']*?\.js)\1/g)].map((m) => m[2])

function closure(roots) {
  const seen = new Set()
  const todo = [...roots]
  while (todo.length) {
    const file = todo.pop()
    if (seen.has(file)) continue
    seen.add(file)
    const code = readFileSync(join(dist, file), 'utf8')
    for (const spec of staticImports(code)) todo.push(posix.join(posix.dirname(file), spec))
  }
  return seen
}

const chunk = (prefix) => {
  const found = readdirSync(join(dist, 'assets')).filter((n) => n.endsWith('.js') && n.startsWith(`${prefix}-`))
  if (found.length > 1) throw new Error(`several ${prefix} chunks: ${found.join(', ')}`)
  return found.length ? `assets/${found[0]}` : null
}
const size = (f) => statSync(join(dist, f)).size
// As the bench prints them: 1 KB = 1000 bytes, the target 400,000 bytes.
const TARGET = 400_000
const kb = (n) => `${(n / 1000).toFixed(1)} KB (${n} B)`
const entrySet = closure([entry])
const page = (first) => new Set([...entrySet, ...(first ? closure([first]) : [])])
const list = process.argv.includes('--list')
for (const [name, first] of [['工作台', chunk('Dashboard')], ['登录', chunk('LoginDialog')]]) {
  const files = page(first)
  const total = [...files].reduce((a, f) => a + size(f), 0)
  console.log(`${name}: ${kb(total)}${total <= TARGET ? '' : `  超过目标 ${kb(TARGET)}`}`)
  if (list) for (const f of [...files].sort((a, b) => size(b) - size(a))) console.log(`  ${String(size(f)).padStart(8)}  ${f}`)
}
console.log(`entry: ${kb([...entrySet].reduce((a, f) => a + size(f), 0))}`)

// Steps the end-to-end tests share: starting and closing the window, clicks that survive Element
// Plus's overlays on a slow machine, typing, reading text, waiting, screenshots and the CLI.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Session, sleep } from './webdriver.mjs'

/** The account the tests work as on a ledger the harness set up: every role, so that each test
 *  file exercises its own feature; accounts.test.mjs and audit.test.mjs test the roles and the
 *  first 管理员 themselves, on ledgers of their own. */
export const TESTER = { login: 'tester', name: '测试员', password: 'e2e-password-1' }
/** Ledgers on which the harness made TESTER: the command line then signs in as TESTER too. */
const withTester = new Set()

function run(args, env = {}) {
  return execFileSync(process.env.GONGKAI_BIN, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Gives ledger `db` the account TESTER (with every role) unless it has accounts already, turns
 *  答复须经审核签发 off there (replies are reviewed and signed in accounts.test.mjs, not in every
 *  file that records one) and names a 复议机关 and the 机关名称, as a deployment does. */
export function ensureTester(db) {
  if (withTester.has(db)) return
  const listed = run(['user', 'list', '--db', db])
  if (listed.split('\n').some((line) => line.split(/\s+/)[0] === TESTER.login)) {
    withTester.add(db) // an earlier test file (its own process) made it
    return
  }
  if (listed.trim()) return // the test made its own accounts
  run(['user', 'add', TESTER.login, '--name', TESTER.name, '--role', '登记员,审核人,负责人,管理员', '--db', db], { GONGKAI_NEW_PASSWORD: TESTER.password })
  withTester.add(db)
  run(['settings', 'set', '答复须经审核签发', '否', '--db', db, '--user', TESTER.login], { GONGKAI_PASSWORD: TESTER.password })
  // A deployment names its 复议机关 before replies go out (a 答复书 is refused without it).
  run(['settings', 'set', '复议机关', '测试区人民政府', '--db', db, '--user', TESTER.login], { GONGKAI_PASSWORD: TESTER.password })
  // Letters and the report PDF are refused while 机关名称 is unset (issue 23).
  run(['settings', 'set', '机关名称', '测试区人民政府办公室', '--db', db, '--user', TESTER.login], { GONGKAI_PASSWORD: TESTER.password })
}

/** Signs in on the window's login dialog as `login`, and waits until the header names it. */
export async function signIn(s, login, password) {
  await s.waitFor('[data-testid="login-dialog"] input')
  await type(s, '[data-testid="login-name"]', login)
  await type(s, '[data-testid="login-password"]', password)
  await jsClick(s, '[data-testid="login-submit"]')
  await waitUntil(`signed in as ${login}`, async () => (await s.execute('return document.querySelector(\'[data-testid="account"]\')?.textContent ?? ""')).includes(`（${login}）`))
  // The opaque overlay fades out after the dialog closes; until then it takes every click.
  await waitUntil('the login overlay gone', async () =>
    s.execute("return [...document.querySelectorAll('.login-overlay')].every((o) => getComputedStyle(o).display === 'none')"),
  )
}

/** Starts the window of the binary run.sh names (GONGKAI_BIN), with `args`, through tauri-driver,
 *  on the ledger `--db` names (else GONGKAI_DB). Unless `signIn` is false, the ledger gets TESTER
 *  (see ensureTester) and the window is signed in as TESTER before the test goes on. */
export async function startApp(args = [], { signIn: asTester = true } = {}) {
  const at = args.indexOf('--db')
  const db = at >= 0 ? args[at + 1] : process.env.GONGKAI_DB
  if (asTester) ensureTester(db)
  const s = await Session.start({ base: process.env.WEBDRIVER_URL, application: process.env.GONGKAI_BIN, args })
  if (asTester && withTester.has(db)) await signIn(s, TESTER.login, TESTER.password)
  return s
}

/** Saves a last screenshot (when named) and closes the window; nothing when it never started. */
export async function closeApp(s, lastShot) {
  if (!s) return
  if (lastShot) await shot(s, lastShot)
  await s.end()
}

let shots
/** Saves a PNG of the window into $GONGKAI_SHOTS (else a temporary folder), for a person to look at. */
export async function shot(s, name) {
  try {
    shots ??= process.env.GONGKAI_SHOTS || mkdtempSync(join(tmpdir(), 'gongkai-shots-'))
    mkdirSync(shots, { recursive: true })
    writeFileSync(join(shots, name), Buffer.from(await s.screenshot(), 'base64'))
  } catch {
    // a screenshot is a convenience, not a result
  }
}

/** The command line on the ledger `db`: `cliOn(db)('request', 'list')` runs `gongkai request list --db db`,
 *  signed in as TESTER once the harness gave the ledger that account. */
export function cliOn(db) {
  return (...args) => {
    const user = withTester.has(db) ? ['--user', TESTER.login] : []
    return execFileSync(process.env.GONGKAI_BIN, [...args, '--db', db, ...user], {
      encoding: 'utf8',
      env: { ...process.env, GONGKAI_PASSWORD: withTester.has(db) ? TESTER.password : '' },
    })
  }
}

/** Clicks like a user, retrying (40 times, 250 ms apart) while a closing dialog's overlay, a message
 *  or a loading mask intercepts the click or the element is not yet interactable. */
export async function click(s, css) {
  for (let attempt = 0; ; attempt++) {
    const [el] = await s.waitFor(css)
    try {
      return await el.click()
    } catch (e) {
      if (attempt >= 40 || !/intercepted|not interactable/.test(String(e.message))) throw e
      await sleep(250)
    }
  }
}

/** Closes every open drawer and waits until none is visible (its fade-out over), so that the next
 *  click reaches the page beneath rather than a drawer still on its way out. */
export async function closeDrawers(s) {
  await s.execute('document.querySelectorAll(".el-drawer__close-btn").forEach((b) => b.click())')
  await waitUntil('the drawers closed', async () =>
    s.execute("return [...document.querySelectorAll('.el-drawer')].every((d) => d.offsetParent === null)"),
  )
}

/** Clicks `buttonCss` until `expectCss` appears (a dialog's first field, say), at most three times:
 *  on a loaded machine a click can land while a closing layer still swallows it. */
export async function clickUntil(s, buttonCss, expectCss) {
  for (let attempt = 1; ; attempt++) {
    await click(s, buttonCss)
    try {
      return await s.waitFor(expectCss, 10000)
    } catch (e) {
      if (attempt >= 3) throw e
    }
  }
}

/** Clicks the first element matching `css` (and containing `text`) like a user, waiting up to 15 s
 *  for it; where WebKitWebDriver reports the click intercepted (Element Plus keeps transparent
 *  transition layers around a dialog that has just closed), clicks it through the DOM instead. */
export async function clickText(s, css, text = '') {
  const deadline = Date.now() + 15000
  for (;;) {
    const found = await s.findAll(css)
    for (let i = 0; i < found.length; i++) {
      let shown
      try {
        shown = await found[i].text()
      } catch (e) {
        // A page loaded on first visit re-renders under us: look again.
        if (String(e.message).includes('stale element')) break
        throw e
      }
      if (!shown.includes(text)) continue
      try {
        return await found[i].click()
      } catch (e) {
        if (String(e.message).includes('stale element')) break
        if (!String(e.message).includes('intercepted')) throw e
        return s.execute(`document.querySelectorAll(${JSON.stringify(css)})[${i}].click()`)
      }
    }
    if (Date.now() > deadline) throw new Error(`找不到“${text}”：${css}`)
    await sleep(200)
  }
}

/** Clicks through JavaScript: Element Plus's fading overlays and loading masks intercept real clicks. */
export async function jsClick(s, css) {
  await s.waitFor(css)
  await s.execute('document.querySelector(arguments[0]).click()', [css])
}

/** Types into the first element matching `css`, once it is there. */
export async function type(s, css, text) {
  const [el] = await s.waitFor(css)
  await el.type(text)
}

/** Empties the first input matching `css` and tells Vue (an input event). */
export async function clear(s, css) {
  await s.execute("const e = document.querySelector(arguments[0]); e.value = ''; e.dispatchEvent(new Event('input'))", [css])
}

/** The textContent of the first element matching `css` now (scrolled out of view or not); '' when there is none. */
export async function textOf(s, css) {
  return (await s.execute('return document.querySelector(arguments[0])?.textContent ?? ""', [css])) ?? ''
}

/** Waits for the textContent of `css` (scrolled out of view or not) to satisfy `pred`. */
export async function waitForTextOf(s, css, pred, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const t = await textOf(s, css)
    if (pred(t)) return t
    if (Date.now() > deadline) throw new Error(`等待文字超时：${css}：${t.slice(0, 200)}`)
    await sleep(250)
  }
}

/** Waits until `fn` returns something truthy, and returns it. */
export async function waitUntil(what, fn, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`等待超时：${what}`)
    await sleep(250)
  }
}

/** Chooses the option labelled `label` (exactly; with `partial`, any option whose text contains
 *  it) of the el-select inside `css`, opening its list again while a fading message or mask took
 *  the click. The option is found and clicked in one step, so a list that closes in between is
 *  simply opened again. */
export async function chooseOption(s, css, label, { partial = false } = {}) {
  const pick = `const e = [...document.querySelectorAll('.el-select-dropdown__item')].find((e) => e.offsetParent !== null &&
    (arguments[1] ? e.textContent.includes(arguments[0]) : e.textContent.trim() === arguments[0]))
    if (e) e.click()
    return !!e`
  await waitUntil(`the option ${label} chosen`, async () => {
    if (await s.execute(pick, [label, partial])) return true
    try {
      const [wrapper] = await s.findAll(`${css} .el-select__wrapper`)
      await wrapper?.click()
    } catch {
      // intercepted: try again
    }
    await sleep(700)
    return false
  })
  // The list fades out over what lies under it: wait until it is gone before the next click.
  await waitUntil('the option list closed', async () =>
    s.execute(`return ![...document.querySelectorAll('.el-select-dropdown')].some((e) => e.offsetParent !== null && getComputedStyle(e.closest('.el-popper') ?? e).display !== 'none')`))
}

/** Starts recording every text the import progress bar shows (an import may finish between two
 *  polls); `progressSeen(s)` returns them. */
export async function recordProgress(s) {
  await s.execute(`
    window.__progressSeen = []
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"]')
      if (bar) window.__progressSeen.push(bar.textContent.replace(/\\s+/g, ' ').trim())
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  `)
}

/** The texts the progress bar showed since `recordProgress`. */
export async function progressSeen(s) {
  return s.execute('return window.__progressSeen')
}

/** Rows in `table` of the ledger file `db`, read straight from SQLite (what was written, not what a
 *  page shows). */
export function rowCount(db, table) {
  const sql = `select count(*) from ${table}`
  const out = execFileSync('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])', db, sql], {
    encoding: 'utf8',
  })
  return Number(out.trim())
}

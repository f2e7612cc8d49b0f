// Steps the end-to-end tests share: starting and closing the window, clicks that survive Element
// Plus's overlays on a slow machine, typing, reading text, waiting, screenshots and the CLI.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Session, sleep } from './webdriver.mjs'

/** Starts the window of the binary run.sh names (GONGKAI_BIN), with `args`, through tauri-driver. */
export function startApp(args = []) {
  return Session.start({ base: process.env.WEBDRIVER_URL, application: process.env.GONGKAI_BIN, args })
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

/** The command line on the ledger `db`: `cliOn(db)('request', 'list')` runs `gongkai request list --db db`. */
export function cliOn(db) {
  return (...args) => execFileSync(process.env.GONGKAI_BIN, [...args, '--db', db], { encoding: 'utf8' })
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

/** Clicks the first element matching `css` (and containing `text`) like a user, waiting up to 15 s
 *  for it; where WebKitWebDriver reports the click intercepted (Element Plus keeps transparent
 *  transition layers around a dialog that has just closed), clicks it through the DOM instead. */
export async function clickText(s, css, text = '') {
  const deadline = Date.now() + 15000
  for (;;) {
    const found = await s.findAll(css)
    for (let i = 0; i < found.length; i++) {
      if (!(await found[i].text()).includes(text)) continue
      try {
        return await found[i].click()
      } catch (e) {
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

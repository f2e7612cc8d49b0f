// A minimal W3C WebDriver client over fetch, enough to drive the real app through tauri-driver.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'

export { ELEMENT }

export class Session {
  constructor(base, id) {
    this.base = base
    this.id = id
  }

  static async start({ base = 'http://127.0.0.1:4444', application, args = [], timeoutMs = 60000 }) {
    const deadline = Date.now() + timeoutMs
    let lastError
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${base}/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ capabilities: { alwaysMatch: { 'tauri:options': { application, args } } } }),
        })
        const body = await res.json()
        if (res.ok && body.value && body.value.sessionId) return new Session(base, body.value.sessionId)
        lastError = new Error(`session: ${JSON.stringify(body).slice(0, 500)}`)
      } catch (e) {
        lastError = e
      }
      await sleep(500)
    }
    throw lastError
  }

  async cmd(method, path, body) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = await res.json()
    if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value).slice(0, 500)}`)
    return json.value
  }

  async findAll(css) {
    const found = await this.cmd('POST', '/elements', { using: 'css selector', value: css })
    return found.map((e) => new Element(this, e[ELEMENT]))
  }

  /** Waits until at least one element matches. */
  async waitFor(css, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = await this.findAll(css)
      if (found.length) return found
      if (Date.now() > deadline) throw new Error(`等待元素超时：${css}`)
      await sleep(250)
    }
  }

  /** Waits until an element matching `css` has non-empty text satisfying `pred`. */
  async waitForText(css, pred = (t) => t.length > 0, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      for (const el of await this.findAll(css)) {
        let t
        try {
          t = await el.text()
        } catch (e) {
          // Vue re-rendered the element between finding and reading it: look again.
          if (String(e.message).includes('stale element')) continue
          throw e
        }
        if (pred(t)) return t
      }
      if (Date.now() > deadline) throw new Error(`等待文字超时：${css}`)
      await sleep(250)
    }
  }

  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args })
  }

  title() {
    return this.cmd('GET', '/title')
  }

  /** Resizes the window (W3C Set Window Rect); the window manager may hold it to its minimum size. */
  setWindowRect(rect) {
    return this.cmd('POST', '/window/rect', rect)
  }

  getWindowRect() {
    return this.cmd('GET', '/window/rect')
  }

  screenshot() {
    return this.cmd('GET', '/screenshot')
  }

  /** Presses keys as a person does, through W3C actions (to whatever has the focus). Each argument
   *  is a chord, an array of key names held together (['Alt', '3'], ['Control', 'Enter']), or a
   *  string typed character by character. Names: Alt, Control, Shift, Tab, Enter, Escape, Space,
   *  ArrowDown, ArrowUp, Backspace. */
  async keys(...chords) {
    const actions = []
    for (const chord of chords) {
      const keys = typeof chord === 'string' ? [...chord].map((c) => [c]) : [chord]
      for (const held of keys) {
        const codes = held.map((k) => KEY[k] ?? k)
        for (const value of codes) actions.push({ type: 'keyDown', value })
        for (const value of [...codes].reverse()) actions.push({ type: 'keyUp', value })
      }
    }
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] })
  }

  async end() {
    try {
      await fetch(`${this.base}/session/${this.id}`, { method: 'DELETE' })
    } catch {
      // the app may already be gone
    }
  }
}

class Element {
  constructor(session, id) {
    this.session = session
    this.id = id
  }
  text() {
    return this.session.cmd('GET', `/element/${this.id}/text`)
  }
  click() {
    return this.session.cmd('POST', `/element/${this.id}/click`, {})
  }
  async type(text) {
    return this.session.cmd('POST', `/element/${this.id}/value`, { text })
  }
}

/** WebDriver's code points of the named keys (W3C WebDriver, "keyboard actions"). */
const KEY = {
  Alt: '\uE00A',
  Control: '\uE009',
  Shift: '\uE008',
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Space: '\uE00D',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  Backspace: '\uE003',
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms))
}

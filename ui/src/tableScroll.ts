// Keyboard focus never misaligns a table's header and body (issue 23). An Element Plus table scrolls
// its body in an el-scrollbar and moves the header along on that scroll only. When Tab focuses a
// link or button in a cell out of view, the browser may instead scroll one of the table's other
// boxes (overflow: hidden is still scrollable by focus): the body then slides while the header
// stays. Such a scroll is handed back to the body's scroller, which moves the header with it.

const OWN_SCROLLERS = ['el-scrollbar__wrap', 'el-table__header-wrapper', 'el-table__footer-wrapper']

/** Hands a stray horizontal scroll inside an el-table back to the body's scroller; returns whether
 *  it did. Exported for the unit test. */
export function realignTable(target: Element): boolean {
  if (!(target instanceof HTMLElement) || !target.scrollLeft) return false
  const table = target.closest('.el-table')
  if (!table || OWN_SCROLLERS.some((c) => target.classList.contains(c))) return false
  // A scroller of some other component inside a cell (a nested table, a text area) is its own business.
  if (target.closest('.el-table__cell')) return false
  const wrap = table.querySelector<HTMLElement>('.el-table__body-wrapper .el-scrollbar__wrap')
  const shift = target.scrollLeft
  target.scrollLeft = 0
  if (wrap) wrap.scrollLeft += shift
  // The header follows the body's scroller (Element Plus does it on that scroll event; done here
  // too so no frame shows them apart).
  const header = table.querySelector<HTMLElement>('.el-table__header-wrapper')
  if (header && wrap) header.scrollLeft = wrap.scrollLeft
  return true
}

function onScroll(e: Event) {
  if (e.target instanceof HTMLElement) realignTable(e.target)
}

/** Installs the guard once for the whole window (scroll events do not bubble: caught on the way down). */
export function installTableScrollGuard(doc: Document = document): () => void {
  doc.addEventListener('scroll', onScroll, true)
  return () => doc.removeEventListener('scroll', onScroll, true)
}

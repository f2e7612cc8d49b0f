// Dates as the ledger writes them (YYYY-MM-DD), in the clerk's local time zone.
export function todayYmd(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** Working days to a deadline in words: "剩余 3 个工作日", or "已逾期 2 个工作日" when negative. */
export function workdaysLeftText(n: number): string {
  if (n === 0) return '今天到期'
  return n < 0 ? `已逾期 ${-n} 个工作日` : `剩余 ${n} 个工作日`
}

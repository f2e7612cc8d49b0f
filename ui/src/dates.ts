// Dates as the ledger writes them (YYYY-MM-DD), in the clerk's local time zone.
export function todayYmd(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

// Progress of an import, shared by 文件台账 and 依申请公开: reading the file in the page, then the
// ledger's row-by-row reports that arrive over a Tauri channel (文件台账: 校验, then 写入;
// 依申请公开: 校验并写入 at once, or 校验 alone once a row has failed).
import { ref } from 'vue'
import type { ImportProgress } from './bindings'

/** Share of the bar each stage fills: reading the file, validating rows, writing rows. */
const READING = 10
const VALIDATING = 45

/** The bar's percentage for a report from the ledger. */
export function importPercent(p: ImportProgress): number {
  const share = p.total > 0 ? Math.min(p.done, p.total) / p.total : 1
  const percent =
    p.stage === 'validating'
      ? READING + share * VALIDATING
      : p.stage === 'checking_and_writing'
        ? READING + share * (100 - READING)
        : READING + VALIDATING + share * (100 - READING - VALIDATING)
  return Math.floor(percent)
}

/** The line above the bar: what is happening, with row counts. */
export function importStageText(p: ImportProgress): string {
  const verb = p.stage === 'validating' ? '正在逐行校验' : p.stage === 'checking_and_writing' ? '正在逐行校验并写入台账' : '正在写入台账'
  return `${verb}：第 ${p.done.toLocaleString('zh-CN')} / ${p.total.toLocaleString('zh-CN')} 行`
}

/** The state of one import on a page. */
export function useImportProgress() {
  const running = ref(false)
  const stage = ref('')
  const percent = ref(0)

  function begin(fileName: string) {
    running.value = true
    stage.value = `正在读取“${fileName}”`
    percent.value = 0
  }
  /** Reading the file in the page: the first tenth of the bar. */
  function reading(loaded: number, total: number) {
    if (total > 0) percent.value = Math.floor((Math.min(loaded, total) / total) * READING)
  }
  /** A report from the ledger; reports never move the bar backwards. */
  function report(p: ImportProgress) {
    stage.value = importStageText(p)
    percent.value = Math.max(percent.value, importPercent(p))
  }
  function end() {
    running.value = false
  }
  /** Reads `file` and hands its bytes to `send` (the IPC import, reporting to this bar), the bar
   *  running until `send` is done. */
  async function run<T>(file: File, send: (bytes: Uint8Array, onProgress: (p: ImportProgress) => void) => Promise<T>): Promise<T> {
    begin(file.name)
    try {
      return await send(await readFileWithProgress(file, reading), report)
    } finally {
      end()
    }
  }
  return { running, stage, percent, begin, reading, report, end, run }
}

/** The file chosen in an `<input type="file">`, which is emptied so that choosing the same file again fires again. */
export function takeChosenFile(e: Event): File | undefined {
  const input = e.target as HTMLInputElement
  const file = input.files?.[0]
  input.value = ''
  return file
}

/** Reads a chosen file in the page, telling `onProgress` how far it has got. */
export function readFileWithProgress(file: Blob, onProgress: (loaded: number, total: number) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total)
    }
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject({ code: 'Validation', message: '无法读取所选文件' })
    reader.readAsArrayBuffer(file)
  })
}

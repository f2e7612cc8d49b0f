/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
declare module 'element-plus/es/locale/lang/zh-cn' {
  import type { Language } from 'element-plus/es/locale'
  const zhCn: Language
  export default zhCn
}
interface Window {
  /** Errors seen by the page; the end-to-end tests assert that it stays empty. */
  __GONGKAI_ERRORS__?: string[]
}

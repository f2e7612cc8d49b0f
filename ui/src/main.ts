// Entry: Element Plus's zh-CN locale and its services, the router, and an error trap the end-to-end
// tests read. Components are not installed here: each page's chunk imports the ones it uses
// (build/elementOnDemand.ts), so the first page does not parse all of Element Plus.
import { createApp } from 'vue'
import { ElMessage, provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { installTableScrollGuard } from './tableScroll'

const errors: string[] = (window.__GONGKAI_ERRORS__ = [])
window.addEventListener('error', (e) => errors.push(String(e.message)))
window.addEventListener('unhandledrejection', (e) => errors.push(String((e.reason && e.reason.message) || e.reason)))
const consoleError = console.error.bind(console)
console.error = (...args: unknown[]) => {
  errors.push(args.map(String).join(' '))
  consoleError(...args)
}

const app = createApp(App)
app.config.errorHandler = (err) => {
  errors.push(String(err))
  consoleError(err)
}
// The locale every component and service reads (what app.use(ElementPlus, { locale }) provided).
provideGlobalConfig({ locale: zhCn }, app, true)
// The services take the app's context (and so the locale) from their install. ElMessageBox (the
// confirmations a click asks for) is a chunk fetched once the first page is up, not parsed before it.
app.use(ElMessage)
const router = createAppRouter()
void router.isReady().then(() =>
  import('element-plus/es/components/message-box/index.mjs').then(({ ElMessageBox }) => app.use(ElMessageBox)),
)
app.use(router)
app.mount('#app')
installTableScrollGuard()

// Entry: Element Plus with the zh-CN locale, the router, and an error trap the end-to-end tests read.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { createAppRouter } from './router'

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
app.use(ElementPlus, { locale: zhCn })
app.use(createAppRouter())
app.mount('#app')

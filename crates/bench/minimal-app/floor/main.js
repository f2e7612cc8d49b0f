// The floor page's entry: Element Plus's zh-CN locale and its whole theme CSS, as ui/src/main.ts.
import { createApp } from 'vue'
import { provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import FloorPage from './FloorPage.vue'

const app = createApp(FloorPage)
provideGlobalConfig({ locale: zhCn }, app, true)
app.mount('#app')

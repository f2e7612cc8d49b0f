// The app's six places. Each page is its own chunk, loaded when it is first shown (issue 22): the
// window's first paint parses only the shell and 工作台, not every page, ECharts and all forms.
import { createRouter, createWebHashHistory, createMemoryHistory, type RouteRecordRaw } from 'vue-router'

const Dashboard = () => import('./pages/Dashboard.vue')
const Documents = () => import('./pages/Documents.vue')
const Requests = () => import('./pages/Requests.vue')
const Reports = () => import('./pages/Reports.vue')
const Settings = () => import('./pages/Settings.vue')
const Plans = () => import('./pages/Plans.vue')

export interface NavEntry {
  path: string
  title: string
  icon: string
}

/** 导航：工作台、文件台账、依申请公开、工作要点、年度报告、设置 */
export const NAV: NavEntry[] = [
  { path: '/', title: '工作台', icon: 'HomeFilled' },
  { path: '/documents', title: '文件台账', icon: 'Files' },
  { path: '/requests', title: '依申请公开', icon: 'Tickets' },
  { path: '/plans', title: '工作要点', icon: 'List' },
  { path: '/reports', title: '年度报告', icon: 'DataAnalysis' },
  { path: '/settings', title: '设置', icon: 'Setting' },
]

export const routes: RouteRecordRaw[] = [
  { path: '/', component: Dashboard, meta: { title: '工作台' } },
  { path: '/documents', component: Documents, meta: { title: '文件台账' } },
  { path: '/requests', component: Requests, meta: { title: '依申请公开' } },
  { path: '/plans', component: Plans, meta: { title: '工作要点' } },
  { path: '/reports', component: Reports, meta: { title: '年度报告' } },
  { path: '/settings', component: Settings, meta: { title: '设置' } },
]

export function createAppRouter(memory = false) {
  return createRouter({ history: memory ? createMemoryHistory() : createWebHashHistory(), routes })
}

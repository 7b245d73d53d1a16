import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { isAdmin, restoreSession, session, setOnUnauthorized } from './api'

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/overview' },
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { title: '登录', public: true } },
  { path: '/overview', name: 'overview', component: () => import('./views/OverviewView.vue'), meta: { title: '总览' } },
  { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: '导入' } },
  { path: '/reports/:id', name: 'report', component: () => import('./views/ReportView.vue'), meta: { title: '报告' } },
  { path: '/compare', name: 'compare', component: () => import('./views/CompareView.vue'), meta: { title: '对比' } },
  { path: '/rollup', name: 'rollup', component: () => import('./views/RollupView.vue'), meta: { title: '汇总' } },
  { path: '/export', name: 'export', component: () => import('./views/ExportView.vue'), meta: { title: '导出' } },
  { path: '/fill', name: 'fill', component: () => import('./views/FillView.vue'), meta: { title: '填报' } },
  { path: '/users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { title: '用户管理', admin: true } },
  { path: '/:rest(.*)*', name: 'notfound', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  await restoreSession()
  if (to.meta.public) return session.user && to.name === 'login' ? { path: '/overview' } : true
  if (!session.user) return { name: 'login', query: { next: to.fullPath } }
  if (to.meta.admin && !isAdmin()) return { path: '/overview' }
  return true
})

router.afterEach((to) => {
  document.title = `${to.meta.title ?? ''} - 政府信息公开工作年度报告审核系统`
})

setOnUnauthorized(() => {
  const here = router.currentRoute.value
  if (here.name !== 'login') router.push({ name: 'login', query: { next: here.fullPath } })
})

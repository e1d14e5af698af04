import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { returnToRecordPage } from '../lib/return-to.js';
import { useSessionStore } from '../stores/session.js';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    admin?: boolean;
    area?: 'app' | 'studio';
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/app' },
  { path: '/signin', name: 'signin', component: () => import('../pages/SignInPage.vue'), meta: { public: true } },
  { path: '/enrol-two-factor', name: 'enrol-two-factor', component: () => import('../pages/EnrolTwoFactorPage.vue') },
  { path: '/reset-password', name: 'reset-password', component: () => import('../pages/ResetPasswordPage.vue'), meta: { public: true } },
  {
    path: '/app',
    component: () => import('../layouts/AppShell.vue'),
    meta: { area: 'app' },
    children: [
      { path: '', name: 'home', component: () => import('../pages/HomePage.vue') },
      { path: 'approvals', name: 'approvals', component: () => import('../pages/ApprovalsPage.vue') },
      { path: 'call-console', name: 'call-console', component: () => import('../pages/CallConsolePage.vue') },
      { path: 'wallboard', name: 'wallboard', component: () => import('../pages/WallboardPage.vue') },
      { path: 'ivr-menus/:name?', name: 'ivr-menus', component: () => import('../ivr-editor/IvrMenusPage.vue') },
      { path: 'dispatch-board', name: 'dispatch-board', component: () => import('../pages/DispatchBoardPage.vue') },
      { path: 'warranty', name: 'warranty', component: () => import('../pages/WarrantyLookupPage.vue') },
      { path: 'engineer-day', name: 'engineer-day', component: () => import('../pages/EngineerDayPage.vue') },
      // FullCalendar is loaded only here (its own chunk).
      { path: 'calendar', name: 'calendar', component: () => import('../calendar/CalendarPage.vue') },
      { path: 'dashboards/:name', name: 'dashboard', component: () => import('../pages/DashboardPage.vue') },
      { path: 'pivot/:name', name: 'pivot', component: () => import('../pages/PivotPage.vue') },
      { path: 'pyramid', name: 'pyramid', component: () => import('../pages/PyramidPage.vue') },
      { path: 'mining', name: 'mining', component: () => import('../pages/MiningPage.vue') },
      { path: 'recycle-bin', name: 'recycle-bin', component: () => import('../pages/RecycleBinPage.vue') },
      { path: ':entity', name: 'list', component: () => import('../pages/RecordListPage.vue') },
      { path: ':entity/duplicates', name: 'duplicates', component: () => import('../duplicates/DuplicatesPage.vue') },
      { path: ':entity/new', name: 'create', component: () => import('../pages/RecordEditPage.vue') },
      { path: ':entity/:id', name: 'record', component: () => import('../pages/RecordViewPage.vue') },
      { path: ':entity/:id/edit', name: 'edit', component: () => import('../pages/RecordEditPage.vue') },
    ],
  },
  {
    path: '/studio',
    component: () => import('../layouts/AppShell.vue'),
    meta: { area: 'studio', admin: true },
    children: [
      { path: '', name: 'studio', component: () => import('../pages/studio/StudioEntitiesPage.vue') },
      { path: 'entities/:name', name: 'studio-entity', component: () => import('../pages/studio/StudioEntityPage.vue') },
      { path: 'publish', name: 'studio-publish', component: () => import('../pages/studio/StudioPublishPage.vue') },
      { path: 'history', name: 'studio-history', component: () => import('../pages/studio/StudioHistoryPage.vue') },
      { path: 'history/:version', name: 'studio-version', component: () => import('../pages/studio/StudioVersionPage.vue') },
      { path: 'dictionaries', name: 'studio-dictionaries', component: () => import('../pages/studio/StudioDictionariesPage.vue') },
      { path: 'entities/:name/form', name: 'studio-form', component: () => import('../pages/studio/StudioFormDesignerPage.vue') },
      { path: 'entities/:entity/lifecycles/:name', name: 'studio-lifecycle', component: () => import('../pages/studio/StudioLifecyclePage.vue'), props: true },
      { path: 'entities/:name/views', name: 'studio-views', component: () => import('../pages/studio/StudioViewDesignerPage.vue') },
      { path: 'settings', name: 'studio-settings', component: () => import('../pages/studio/StudioSettingsPage.vue') },
      { path: 'users', name: 'studio-users', component: () => import('../pages/studio/StudioUsersPage.vue') },
      { path: 'audit', name: 'studio-audit', component: () => import('../pages/studio/StudioAuditPage.vue') },
      { path: 'secrets', name: 'studio-secrets', component: () => import('../pages/studio/StudioSecretsPage.vue') },
      { path: 'service-accounts', name: 'studio-service-accounts', component: () => import('../pages/studio/StudioServiceAccountsPage.vue') },
      { path: 'roles', name: 'studio-roles', component: () => import('../pages/studio/StudioRolesPage.vue') },
      { path: 'modules', name: 'studio-modules', component: () => import('../pages/studio/StudioModulesPage.vue') },
      { path: 'modules/:id', name: 'studio-module', component: () => import('../pages/studio/StudioModulePage.vue'), props: true },
      { path: 'plugins', name: 'studio-plugins', component: () => import('../pages/studio/StudioPluginsPage.vue') },
      { path: 'workflows', name: 'studio-workflows', component: () => import('../pages/studio/StudioWorkflowsPage.vue') },
      { path: 'workflows/:name', name: 'studio-workflow', component: () => import('../pages/studio/StudioWorkflowPage.vue'), props: true },
      { path: 'reports', name: 'studio-reports', component: () => import('../pages/studio/StudioReportsPage.vue') },
      { path: 'dashboards', redirect: '/studio/reports' },
      { path: 'reports/:name', name: 'studio-report', component: () => import('../pages/studio/StudioReportPage.vue'), props: true },
      { path: 'dashboards/:name', name: 'studio-dashboard', component: () => import('../pages/studio/StudioDashboardDesignerPage.vue'), props: true },
      { path: 'webhooks', name: 'studio-webhooks', component: () => import('../pages/studio/StudioWebhooksPage.vue') },
      { path: 'runs', name: 'studio-runs', component: () => import('../pages/studio/StudioRunsPage.vue') },
    ],
  },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('../pages/NotFoundPage.vue'), meta: { public: true } },
];

/** The router: signed-out visitors go to /signin; the studio is for tenant admins only. */
export const createAppRouter = (): Router => {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach(async (to, from) => {
    const session = useSessionStore();
    if (to.meta.public) {
      if (to.name === 'signin' && session.status === 'unknown') await session.restore().catch(() => undefined);
      return to.name === 'signin' && session.signedIn ? (typeof to.query.redirect === 'string' ? to.query.redirect : '/app') : true;
    }
    await session.restore().catch(() => undefined);
    if (!session.signedIn) return { name: 'signin', query: to.fullPath === '/app' ? {} : { redirect: to.fullPath } };
    // A role requires two-factor sign-in and it is not set up yet: nothing else until it is.
    if (session.enrolmentRequired && to.name !== 'enrol-two-factor') return { name: 'enrol-two-factor', query: to.fullPath === '/app' ? {} : { redirect: to.fullPath } };
    if (to.matched.some((r) => r.meta.admin) && !session.isAdmin) return { name: 'home' };
    return returnToRecordPage(to, from) ?? true;
  });
  return router;
};

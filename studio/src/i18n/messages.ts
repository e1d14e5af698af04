import en from './en.js';
import approvalDelegation from './features/approval-delegation.js';
import audit from './features/audit.js';
import automationMap from './features/automation-map.js';
import calendar from './features/calendar.js';
import callConsole from './features/call-console.js';
import dashboards from './features/dashboards.js';
import duplicates from './features/duplicates.js';
import editorKit from './features/editor-kit.js';
import fieldService from './features/field-service.js';
import warranty from './features/warranty.js';
import ivrEditor from './features/ivr-editor.js';
import lifecycleEditor from './features/lifecycle-editor.js';
import listViews from './features/list-views.js';
import liveEvents from './features/live-events.js';
import mining from './features/mining.js';
import modules from './features/modules.js';
import myDay from './features/my-day.js';
import offline from './features/offline.js';
import orgChart from './features/org-chart.js';
import passwordReset from './features/password-reset.js';
import pivot from './features/pivot.js';
import problems from './features/problems.js';
import recordAccess from './features/record-access.js';
import recordMail from './features/record-mail.js';
import recordOverview from './features/record-overview.js';
import recordOwner from './features/record-owner.js';
import recordShares from './features/record-shares.js';
import recycleBin from './features/recycle-bin.js';
import reportDesigner from './features/report-designer.js';
import secrets from './features/secrets.js';
import serviceAccounts from './features/service-accounts.js';
import sessions from './features/sessions.js';
import singleSignOn from './features/single-sign-on.js';
import studioDesigner from './features/studio-designer.js';
import studioEntities from './features/studio-entities.js';
import tenantSettings from './features/tenant-settings.js';
import transferFiles from './features/transfer-files.js';
import twoFactor from './features/two-factor.js';
import webhooks from './features/webhooks.js';
import workflowBuilder from './features/workflow-builder.js';
import zhCN from './zh-CN.js';

export const features = [listViews, transferFiles, recordOverview, dashboards, studioEntities, studioDesigner, workflowBuilder, webhooks, editorKit, problems, serviceAccounts, recordMail, tenantSettings, liveEvents, twoFactor, callConsole, pivot, calendar, recordShares, passwordReset, recordAccess, sessions, mining, offline, recordOwner, recycleBin, audit, modules, duplicates, singleSignOn, myDay, lifecycleEditor, secrets, fieldService, automationMap, reportDesigner, ivrEditor, orgChart, approvalDelegation, warranty] as const;

/** The UI dictionaries: the core strings plus each feature's own file. */
export const messages = {
  en: Object.assign({}, en, ...features.map((f) => f.en)) as typeof en,
  'zh-CN': Object.assign({}, zhCN, ...features.map((f) => f['zh-CN'])) as typeof en,
};

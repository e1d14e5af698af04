import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { DashboardDocument, ReportDocument } from '../api/types.js';
import DashboardPage from '../pages/DashboardPage.vue';
import HomePage from '../pages/HomePage.vue';
import { useMetaStore } from '../stores/meta.js';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import DashboardWidget from './DashboardWidget.vue';
import type { ReportAnswer } from './report-answer.js';

/** Stands in for vue-echarts (happy-dom draws nothing): keeps the option and lets a test click an item. */
const ChartStub = defineComponent({
  name: 'Echarts',
  props: { option: { type: Object, required: true }, initOptions: { type: Object, default: undefined } },
  emits: ['click'],
  setup(props, { emit }) {
    return () => h('div', { class: 'chart-stub', 'data-locale': (props.initOptions as { locale?: string } | undefined)?.locale, onClick: (e: { data?: unknown }) => emit('click', e) });
  },
});
const stubs = { global: { stubs: { Echarts: ChartStub, VChart: ChartStub } } };

const report: ReportDocument = {
  kind: 'report',
  name: 'deals_by_stage',
  label: { en: 'Deals by stage', 'zh-CN': '按阶段的商机' },
  entity: 'deal',
  groupBy: ['stage'],
  measures: [{ name: 'deals', aggregate: 'count', label: { en: 'Deals', 'zh-CN': '商机数' } }],
  chart: { type: 'bar', x: 'stage', y: ['deals'] },
};

const answer: ReportAnswer = {
  report: 'deals_by_stage',
  label: report.label,
  entity: 'deal',
  columns: [{ key: 'stage', kind: 'group', field: 'stage' }, { key: 'deals', kind: 'measure' }],
  rows: [{ stage: 'new', deals: 4 }, { stage: 'won', deals: 2 }],
  drillFilters: [{ '==': [{ var: 'stage' }, 'new'] }, { '==': [{ var: 'stage' }, 'won'] }],
  chart: report.chart,
  truncated: false,
};

const dashboard: DashboardDocument = {
  kind: 'dashboard',
  name: 'deals',
  label: { en: 'Deals', 'zh-CN': '商机看板' },
  widgets: [
    { id: 'stages', report: 'deals_by_stage', width: 8 },
    { id: 'total', report: 'deals_by_stage', width: 4, title: { en: 'All deals', 'zh-CN': '全部商机' }, chart: { type: 'number' } },
  ],
};

describe('dashboard widget', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('runs its report, draws it with labels from the dictionary, and drills from a bar to the filtered list', async () => {
    const { calls } = stubFetch({ 'POST /api/reports/deals_by_stage/run': answer });
    const w = mountApp(DashboardWidget, { props: { widget: dashboard.widgets[0], report }, ...stubs });
    await flushPromises();
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/reports/deals_by_stage/run' });
    expect(w.get('h2').text()).toBe('Deals by stage');
    const chart = w.getComponent(ChartStub);
    const option = chart.props('option') as { xAxis: { data: string[] }; series: { name: string; data: { value: number }[] }[]; aria: unknown };
    expect(option.xAxis.data).toEqual(['New', 'Won']);
    expect(option.series[0].name).toBe('Deals');
    expect(option.aria).toEqual({ enabled: true });
    expect(w.get('.chart-stub').attributes('data-locale')).toBe('EN');
    const router = w.vm.$router;
    chart.vm.$emit('click', { data: option.series[0].data[1] });
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/app/deal');
    expect(JSON.parse(String(router.currentRoute.value.query.filter))).toEqual({ '==': [{ var: 'stage' }, 'won'] });
  });

  it('switches to a keyboard-usable table whose rows drill too', async () => {
    stubFetch({ 'POST /api/reports/deals_by_stage/run': answer });
    const w = mountApp(DashboardWidget, { props: { widget: dashboard.widgets[0], report }, ...stubs }, 'zh-CN');
    await flushPromises();
    await w.get('button[aria-label="以表格显示"]').trigger('click');
    expect(w.findAll('th').map((th) => th.text())).toEqual(['阶段', '商机数']);
    const rows = w.findAll('tbody tr');
    expect(rows.map((r) => r.text())).toEqual(['新建4', '赢单2']);
    await rows[0].trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(JSON.parse(String(w.vm.$router.currentRoute.value.query.filter))).toEqual({ '==': [{ var: 'stage' }, 'new'] });
  });

  it('shows a number, an empty state, and an error with a retry', async () => {
    stubFetch({ 'POST /api/reports/deals_by_stage/run': answer });
    const kpi = mountApp(DashboardWidget, { props: { widget: dashboard.widgets[1], report }, ...stubs });
    await flushPromises();
    expect(kpi.get('h2').text()).toBe('All deals');
    expect(kpi.get('.kpi').text()).toContain('6');
    expect(kpi.get('.kpi').text()).toContain('Deals');
    vi.unstubAllGlobals();

    stubFetch({ 'POST /api/reports/deals_by_stage/run': { ...answer, rows: [], drillFilters: [] } });
    const empty = mountApp(DashboardWidget, { props: { widget: dashboard.widgets[0], report }, ...stubs });
    await flushPromises();
    expect(empty.text()).toContain('No data to show');
    vi.unstubAllGlobals();

    let fail = true;
    stubFetch({ 'POST /api/reports/deals_by_stage/run': () => (fail ? json(403, { title: 'Forbidden', status: 403, detail: 'You may not read deal records' }) : json(200, answer)) });
    const failed = mountApp(DashboardWidget, { props: { widget: dashboard.widgets[0], report }, ...stubs });
    await flushPromises();
    expect(failed.text()).toContain('This report could not be run');
    expect(failed.text()).toContain('You may not read deal records');
    fail = false;
    await failed.get('.el-alert button').trigger('click');
    await flushPromises();
    expect(failed.findComponent(ChartStub).exists()).toBe(true);
  });
});

describe('dashboard page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  const withDashboard = () => {
    const meta = useMetaStore().meta;
    if (meta) Object.assign(meta, { dashboards: { deals: dashboard }, reports: { deals_by_stage: report } });
  };

  it('lays out every widget on the 12-column grid, in Chinese too', async () => {
    stubFetch({ 'POST /api/reports/deals_by_stage/run': answer, 'GET /api/users': { data: [] } });
    const w = mountApp(DashboardPage, stubs, 'zh-CN', withDashboard);
    w.vm.$router.addRoute({ path: '/app/dashboards/:name', component: { render: () => null } });
    await w.vm.$router.push('/app/dashboards/deals');
    await flushPromises();
    expect(w.get('h1').text()).toBe('商机看板');
    const widgets = w.findAll('[data-widget]');
    expect(widgets.map((x) => x.attributes('data-widget'))).toEqual(['stages', 'total']);
    expect(widgets[0].attributes('style')).toContain('span 8');
    expect(w.get('.chart-stub').attributes('data-locale')).toBe('ZH');
  });

  it('says when there is no such dashboard', async () => {
    stubFetch({ 'GET /api/users': { data: [] } });
    const w = mountApp(DashboardPage, stubs, 'en', withDashboard);
    w.vm.$router.addRoute({ path: '/app/dashboards/:name', component: { render: () => null } });
    await w.vm.$router.push('/app/dashboards/nope');
    await flushPromises();
    expect(w.text()).toContain('There is no dashboard "nope"');
  });
});

describe('home page', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('links the dashboards by their label', () => {
    const w = mountApp(HomePage, {}, 'zh-CN', () => {
      const meta = useMetaStore().meta;
      if (meta) meta.dashboards = { deals: dashboard };
    });
    const link = w.get('[data-home="dashboards"] a');
    expect(link.text()).toBe('商机看板');
    expect(link.attributes('href')).toBe('/app/dashboards/deals');
    expect(w.get('[data-home="dashboards"] h2').text()).toBe('仪表板');
  });

  it('has no dashboards section without dashboards', () => {
    expect(mountApp(HomePage).find('[data-home="dashboards"]').exists()).toBe(false);
  });
});

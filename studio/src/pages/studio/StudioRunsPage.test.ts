import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioRunsPage from './StudioRunsPage.vue';

const run = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  workflow: 'welcome_customer',
  trigger: 'create',
  entity: 'customer',
  record_id: '0190aaaa-0000-7000-8000-000000000001',
  status,
  depth: 0,
  input: {},
  error: status === 'failed' ? { code: 'STEP_FAILED', message: 'The mail server refused' } : null,
  attempts: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  finished_at: null,
  steps: [
    { seq: 1, step_id: 'greet', type: 'set', status: status === 'failed' ? 'failed' : 'done', input: { fields: { level: 'A' } }, output: { changed: ['level'] }, error: status === 'failed' ? { message: 'The mail server refused' } : null, attempts: 1, started_at: null, finished_at: null },
    { seq: 2, step_id: 'score', type: 'script', status: 'done', input: { code: 'return { level: "B" }' }, output: { level: 'B' }, measures: { cpuMs: 1.25, wallMs: 4, hostCalls: 0 }, error: null, attempts: 1, started_at: null, finished_at: null },
  ],
  ...extra,
});

describe('StudioRunsPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists runs, shows a run’s steps with input, output and error, pages on, and retries a failed run', async () => {
    const { calls } = stubFetch({
      'GET /api/workflows/runs': (url: string) => (url.includes('cursor=r2') ? json(200, { data: [run('r3', 'completed')], nextCursor: null }) : json(200, { data: [run('r1', 'failed'), run('r2', 'completed')], nextCursor: 'r2' })),
      'POST /api/workflows/runs/r1/retry': json(202, { id: 'r1', status: 'pending' }),
    });
    const w = mountApp(StudioRunsPage);
    await flushPromises();
    expect(w.findAll('.run-workflow').map((r) => [r.attributes('data-run'), r.text()])).toEqual([
      ['r1', 'Welcome customer'],
      ['r2', 'Welcome customer'],
    ]);
    expect(w.find('.run-error').text()).toBe('The mail server refused');
    expect(w.findAll('button.retry')).toHaveLength(1);

    await w.find('.el-table__expand-icon').trigger('click');
    await flushPromises();
    const step = w.find('[data-run-steps="r1"] [data-step="greet"]');
    expect(step.text()).toContain('"level": "A"');
    expect(step.text()).toContain('"changed"');
    expect(step.find('.step-error').text()).toContain('The mail server refused');
    expect(step.find('.step-measures').exists()).toBe(false);
    const script = w.find('[data-run-steps="r1"] [data-step="score"]');
    expect(script.find('.step-measures').text()).toBe('CPU 1.3 ms · wall 4 ms · 0 host calls');
    expect(script.text()).toContain('"level": "B"');

    await w.find('button.load-more').trigger('click');
    await flushPromises();
    expect(calls.at(-1)!.url).toContain('cursor=r2');
    expect(w.findAll('.run-workflow').map((r) => r.attributes('data-run'))).toEqual(['r1', 'r2', 'r3']);
    expect(w.find('button.load-more').exists()).toBe(false);

    await w.find('button.retry').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/workflows/runs/r1/retry')).toBe(true);
    w.unmount();
  });

  it('filters by status through the address', async () => {
    const { calls } = stubFetch({ 'GET /api/workflows/runs': { data: [], nextCursor: null } });
    const w = mountApp(StudioRunsPage, {}, 'zh-CN');
    await flushPromises();
    await w.vm.$router.replace({ query: { status: 'failed' } });
    await flushPromises();
    expect(calls.at(-1)!.url).toContain('status=failed');
    await w.vm.$router.replace({ query: { status: 'failed', workflow: 'welcome_customer' } });
    await flushPromises();
    expect(calls.at(-1)!.url).toContain('workflow=welcome_customer');
    expect(w.find('.workflow-filter').text()).toBe('Welcome customer');
    expect(w.text()).toContain('没有运行记录');
    w.unmount();
  });
});
